package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every class of the plugin that declares a {@link Permission} or {@link PermissionGroup} has it registered before
 * Jenkins reads any configuration. matrix-auth's {@code PermissionFinder} (matrix-auth 3.2.3,
 * {@code integrations/PermissionFinder.java} 63-78) resolves a Configuration-as-Code name such as
 * {@code CriticalChangeGate/Audit} among {@code PermissionGroup.getAll()}, the groups already constructed, and JCasC
 * applies its YAML right after {@code SYSTEM_CONFIG_LOADED} ({@code ConfigurationAsCode.init}, line 341). A class that
 * nothing has initialised by then is "no such permission", and JCasC stops Jenkins' start. So the class must have an
 * {@code @Initializer} that touches it with {@code before} at most {@code EXTENSIONS_AUGMENTED}: an {@code after}
 * alone lets the reactor run it at any later point.
 */
public class PermissionRegistrationTest {
    /** The classes whose source constructs a permission or a permission group, loaded without initialising them. */
    private static List<Class<?>> permissionOwners() throws Exception {
        Path root = JellyViews.repository().resolve("src/main/java");
        List<Class<?>> owners = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                String text = Files.readString(file);
                if (text.contains("new Permission(") || text.contains("new PermissionGroup(")) {
                    String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                    owners.add(Class.forName(name.substring(0, name.length() - ".java".length()), false,
                            PermissionRegistrationTest.class.getClassLoader()));
                }
            }
        }
        return owners;
    }

    @Test
    public void everyPermissionIsRegisteredBeforeConfigurationIsRead() throws Exception {
        List<Class<?>> owners = permissionOwners();
        List<String> names = new ArrayList<>();
        for (Class<?> owner : owners) {
            names.add(owner.getSimpleName());
        }
        assertThat("the audit page's permission is among those checked", names, hasItem("AuditPermission"));
        List<String> problems = new ArrayList<>();
        for (Class<?> owner : owners) {
            boolean declares = false;
            for (Field f : owner.getDeclaredFields()) {
                declares |= Modifier.isStatic(f.getModifiers()) && (f.getType() == Permission.class
                        || f.getType() == PermissionGroup.class);
            }
            if (!declares) {
                problems.add(owner.getName() + ": constructs a permission that is not a static field (core's idiom:"
                        + " static fields of the owner class, so Permission.fromId finds them)");
                continue;
            }
            boolean early = false;
            for (Method m : owner.getDeclaredMethods()) {
                Initializer init = m.getAnnotation(Initializer.class);
                if (init != null && Modifier.isStatic(m.getModifiers())
                        && init.before().compareTo(InitMilestone.EXTENSIONS_AUGMENTED) <= 0) {
                    early = true;
                }
            }
            if (!early) {
                problems.add(owner.getName() + ": no static @Initializer(before <= EXTENSIONS_AUGMENTED) registers its"
                        + " permissions before JCasC and matrix-auth look them up by name");
            }
        }
        assertThat(String.join("\n", problems), problems, is(empty()));
    }
}
