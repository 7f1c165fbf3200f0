package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a form's secret controls, {@code <f:password>} and {@code <f:secretTextarea>}, show only fields whose
 * getter returns {@code hudson.util.Secret}: the only type they round-trip. Both render the saved value through
 * {@code Functions.getPasswordValue} (jenkins-2.479.3 {@code core/src/main/java/hudson/Functions.java:2215-2260}), which
 * gives a {@code Secret} its own ciphertext but turns any other value into a new {@code Secret} of its
 * {@code toString()}; {@code secretTextarea.jelly}'s documentation says the field "must be compatible with
 * hudson.util.Secret for round-trip ciphertext". A {@code SecretBytes} field behind one (the gated file credential's
 * first form) came back on save as the bytes of that Secret ciphertext: saving the form unchanged replaced the file.
 * A control inside {@code <j:when test="${instance == null}">} is the form of a new object, with no saved value to
 * show, and is let be.
 */
final class SecretControlCheck {
    private static final Pattern CONTROL = Pattern.compile("<f:(password|secretTextarea)\\b([^>]*)>");
    private static final Pattern OWN_FIELD = Pattern.compile("\\bfield\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ENTRY = Pattern.compile("<f:entry\\b[^>]*\\bfield\\s*=\\s*\"([^\"]*)\"[^>]*>");
    static final String SECRET = "hudson.util.Secret";
    private static final String NEW_OBJECT = "<j:when test=\"${instance == null}\">";

    private SecretControlCheck() {
    }

    static List<String> check(JellyViews.View view) throws IOException {
        List<String> problems = new ArrayList<>();
        if (view.owner == null) {
            return problems;
        }
        String text = ConfigFieldCheck.withoutComments(Files.readString(view.file, StandardCharsets.UTF_8));
        Matcher control = CONTROL.matcher(text);
        while (control.find()) {
            String field = field(text, control);
            String at = view.name + ":" + ConfigFieldCheck.line(text, control.start()) + ": <f:" + control.group(1) + ">";
            if (field == null) {
                problems.add(at + " has no field (its own field=\"…\" or an enclosing <f:entry field=\"…\">)");
                continue;
            }
            if (onlyForANewObject(text, control.start())) {
                continue; // nothing saved to show: the value is posted as typed
            }
            Class<?> type = getterType(view.owner, field);
            if (type != null && !type.getName().equals(SECRET)) {
                problems.add(at + " shows field '" + field + "' of type " + type.getName() + ", but it round-trips"
                        + " only " + SECRET + " (Functions.getPasswordValue re-encrypts any other value as a Secret),"
                        + " so saving the form unchanged replaces the value");
            }
        }
        return problems;
    }

    /** The control's own {@code field}, else that of the {@code <f:entry>} still open where it stands. */
    private static String field(String text, Matcher control) {
        Matcher own = OWN_FIELD.matcher(control.group(2));
        if (own.find()) {
            return own.group(1);
        }
        String before = text.substring(0, control.start());
        Matcher entry = ENTRY.matcher(before);
        String field = null;
        int end = -1;
        while (entry.find()) {
            field = entry.group(1);
            end = entry.end();
        }
        return field != null && !before.substring(end).contains("</f:entry>") ? field : null;
    }

    /** Whether the control stands in a {@code <j:when test="${instance == null}">}: the form of a new object. */
    private static boolean onlyForANewObject(String text, int at) {
        String before = text.substring(0, at);
        int when = before.lastIndexOf(NEW_OBJECT);
        return when >= 0 && !before.substring(when).contains("</j:when>");
    }

    /** The return type of the public {@code getX()} (a missing getter is ConfigFieldCheck's to report). */
    private static Class<?> getterType(Class<?> owner, String field) {
        String name = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) {
                return m.getReturnType();
            }
        }
        return null;
    }
}
