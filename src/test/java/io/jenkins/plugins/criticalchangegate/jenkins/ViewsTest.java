package io.jenkins.plugins.criticalchangegate.jenkins;

import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryFile;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryUrl;
import io.jenkins.plugins.criticalchangegate.jenkins.step.CriticalChangeGateStep;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The views, checked without Jenkins: every Jelly file escapes by default and is well-formed XML, and every step
 * parameter and global configuration field has its help file (the Snippet Generator and the System page show them).
 */
public class ViewsTest {

    /** The folder of a class's views: {@code src/main/resources/<package>/<Class>/}. */
    private static String view(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static Path resources() throws URISyntaxException {
        URL index = ViewsTest.class.getClassLoader().getResource("index.jelly");
        assertThat("src/main/resources/index.jelly is on the class path", index, notNullValue());
        return Path.of(index.toURI()).getParent();
    }

    @Test
    public void everyJellyFileEscapesByDefaultAndIsWellFormed() throws Exception {
        List<Path> jelly = new ArrayList<>();
        try (Stream<Path> files = Files.walk(resources())) {
            files.filter(p -> p.toString().endsWith(".jelly")).forEach(jelly::add);
        }
        assertThat(jelly.size(), greaterThan(4));
        for (Path file : jelly) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(file.toString(), text, startsWith("<?jelly escape-by-default='true'?>"));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            try (InputStream in = Files.newInputStream(file)) {
                factory.newDocumentBuilder().parse(in); // throws on malformed XML
            }
        }
    }

    @Test
    public void everyStepParameterHasHelp() throws Exception {
        List<String> missing = new ArrayList<>();
        requireHelp(CriticalChangeGateStep.class, "system", missing);
        for (String field : setterFields(CriticalChangeGateStep.class)) {
            requireHelp(CriticalChangeGateStep.class, field, missing);
        }
        assertThat(missing, is(empty()));
    }

    @Test
    public void everyGlobalConfigurationFieldHasHelp() throws Exception {
        List<String> missing = new ArrayList<>();
        List<String> fields = setterFields(CriticalChangeGateConfiguration.class);
        assertThat(fields.size(), is(5));
        for (String field : fields) {
            requireHelp(CriticalChangeGateConfiguration.class, field, missing);
        }
        assertThat(missing, is(empty()));
    }

    /** Each registry source has help for every field and a "Check registry" button bound to its doTestRegistry. */
    @Test
    public void everyRegistrySourceHasHelpAndACheckButton() throws Exception {
        List<String> missing = new ArrayList<>();
        requireHelp(InlineRegistry.class, "yaml", missing);
        requireHelp(RegistryFile.class, "path", missing);
        requireHelp(RegistryUrl.class, "url", missing);
        for (String field : setterFields(RegistryUrl.class)) {
            requireHelp(RegistryUrl.class, field, missing);
        }
        assertThat(missing, is(empty()));
        for (Class<?> source : List.of(InlineRegistry.class, RegistryFile.class, RegistryUrl.class)) {
            String jelly = Files.readString(resources().resolve(view(source) + "/config.jelly"),
                    StandardCharsets.UTF_8);
            assertThat(source.getSimpleName(), jelly, containsString("method=\"testRegistry\""));
            Class<?> descriptor = Class.forName(source.getName() + "$DescriptorImpl");
            boolean found = false;
            for (Method m : descriptor.getDeclaredMethods()) {
                found |= m.getName().equals("doTestRegistry");
            }
            assertThat(source.getSimpleName() + " has doTestRegistry", found, is(true));
        }
    }

    private static List<String> setterFields(Class<?> type) {
        List<String> fields = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String name = m.getName().substring(3);
                fields.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
            }
        }
        return fields;
    }

    private static void requireHelp(Class<?> type, String field, List<String> missing)
            throws IOException, URISyntaxException {
        Path help = resources().resolve(view(type) + "/help-" + field + ".html");
        if (!Files.isRegularFile(help) || Files.size(help) < 40) {
            missing.add(help.toString());
        }
    }
}
