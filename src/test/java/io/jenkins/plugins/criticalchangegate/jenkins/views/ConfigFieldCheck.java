package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Checks a class's form ({@code config.jelly}) against the class: every {@code field="x"} is read back through a
 * public {@code getX()}/{@code isX()} (what {@code f:entry} and the controls inside it show), is bound by a
 * {@code @DataBoundConstructor} parameter or a {@code @DataBoundSetter} named {@code x} (what Stapler and JCasC set),
 * and has a help file {@code help-x.html} of some substance beside the form (the (?) of the field; the Snippet
 * Generator shows it too). The other way round, every parameter the class binds has its field in the form, so that
 * whatever a Jenkinsfile or JCasC can set, the form can show and keep. A {@code getHelpFile('x')} in any view of the
 * class needs its {@code help-x.html} as well.
 *
 * <p>Constructor parameter names are read as Stapler reads them ({@code ClassDescriptor.loadConstructorParamNames}):
 * from reflection when the class was compiled with {@code -parameters} (the Central build is, see
 * {@code central/plugin/pom.xml}), else from the {@code <Class>.stapler} file Stapler's annotation processor writes in
 * the full build.
 */
final class ConfigFieldCheck {
    /** Fewer characters of text than this is not help. */
    static final int MIN_HELP_TEXT = 40;
    private static final Pattern FIELD = Pattern.compile("\\bfield\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern HELP_FILE = Pattern.compile("getHelpFile\\(\\s*'([^']*)'\\s*\\)");

    private final ViewTypes types;

    ConfigFieldCheck(ViewTypes types) {
        this.types = types;
    }

    /** The problems of one view: its fields when it is a form, its {@code getHelpFile('x')} in any case. */
    List<String> check(JellyViews.View view) throws IOException {
        List<String> problems = new ArrayList<>();
        String text = withoutComments(Files.readString(view.file, StandardCharsets.UTF_8));
        Matcher help = HELP_FILE.matcher(text);
        while (help.find()) {
            String missing = helpProblem(view, help.group(1));
            if (missing != null) {
                problems.add(view.name + ":" + line(text, help.start()) + ": " + help.group() + ": " + missing);
            }
        }
        if (!view.isFormFragment()) {
            return problems;
        }
        Class<?> owner = view.owner;
        Map<String, String> bound;
        try {
            bound = bound(owner);
        } catch (IllegalStateException e) {
            problems.add(view.name + ": " + e.getMessage());
            return problems;
        }
        List<String> fields = new ArrayList<>();
        Matcher field = FIELD.matcher(text);
        while (field.find()) {
            String x = field.group(1);
            fields.add(x);
            String at = view.name + ":" + line(text, field.start()) + ": field=\"" + x + "\": ";
            ViewTypes.Found getter = types.getter(JavaType.of(owner), x);
            if (getter.isProblem()) {
                problems.add(at + getter.problem + ", so the form cannot show the saved value");
            }
            if (!bound.containsKey(x)) {
                problems.add(at + JavaType.of(owner).simpleName() + " has no @DataBoundConstructor parameter or"
                        + " @DataBoundSetter named '" + x + "', so what the form sends is dropped");
            }
            String missing = helpProblem(view, x);
            if (missing != null) {
                problems.add(at + missing);
            }
        }
        if (view.file.getFileName().toString().equals("credentials.jelly")
                && text.contains("<st:include page=\"id-and-description\" class=\"${descriptor.clazz}\"/>")) {
            // credentials: BaseStandardCredentials/id-and-description.jelly holds the id and description fields, and
            // the credentials plugin's own page around credentials.jelly the scope (CredentialsDescriptor's
            // isScopeRelevant/doFillScopeItems), both bound by BaseStandardCredentials' constructor
            fields.addAll(List.of("id", "description", "scope"));
        }
        for (Map.Entry<String, String> b : bound.entrySet()) {
            if (!fields.contains(b.getKey())) {
                problems.add(view.name + ": " + JavaType.of(owner).simpleName() + " binds '" + b.getKey() + "' ("
                        + b.getValue() + ") but the form has no field=\"" + b.getKey() + "\"");
            }
        }
        return problems;
    }

    private static String helpProblem(JellyViews.View view, String field) throws IOException {
        Path help = view.file.resolveSibling("help-" + field + ".html");
        if (!Files.isRegularFile(help)) {
            return "no help-" + field + ".html beside it";
        }
        String words = Files.readString(help, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ").strip();
        return words.length() < MIN_HELP_TEXT ? "help-" + field + ".html says almost nothing (" + words.length()
                + " characters of text, at least " + MIN_HELP_TEXT + " expected)" : null;
    }

    /** The names the class binds, each with how: constructor parameters first, then setters. */
    static Map<String, String> bound(Class<?> type) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (String name : constructorParameters(c)) {
                    out.put(name, "@DataBoundConstructor parameter");
                }
            }
        }
        for (Class<?> k = type; k != null && k.getName().startsWith(ViewTypes.PLUGIN_PACKAGE + ".");
                k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")
                        && m.getParameterCount() == 1 && Modifier.isPublic(m.getModifiers())) {
                    out.putIfAbsent(Introspector.decapitalize(m.getName().substring(3)), "@DataBoundSetter");
                }
            }
            for (Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    out.putIfAbsent(f.getName(), "@DataBoundSetter field");
                }
            }
        }
        return out;
    }

    /** Reflection's names when compiled with -parameters, else the full build's {@code .stapler} file. */
    static List<String> constructorParameters(Constructor<?> c) {
        List<String> names = new ArrayList<>();
        boolean present = true;
        for (Parameter p : c.getParameters()) {
            present &= p.isNamePresent();
            names.add(p.getName());
        }
        if (present) {
            return names;
        }
        Class<?> type = c.getDeclaringClass();
        String resource = type.getName().replace('.', '/').replace('$', '/') + ".stapler";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String value = p.getProperty("constructor", "");
                return value.isEmpty() ? List.of() : List.of(value.split(","));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("cannot tell the names of " + type.getSimpleName() + "'s @DataBoundConstructor"
                + " parameters: compile with -parameters (central/plugin/pom.xml does) or with Stapler's annotation"
                + " processor (the full build does), which writes " + resource);
    }

    /** The text with each comment blanked out, newlines kept, so offsets and lines stay the same. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int from = 0;
        while (true) {
            int start = out.indexOf("<!--", from);
            if (start < 0) {
                return out.toString();
            }
            int end = out.indexOf("-->", start);
            end = end < 0 ? out.length() : end + 3;
            for (int i = start; i < end; i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
            from = end;
        }
    }

    static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
