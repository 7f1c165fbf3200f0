package io.jenkins.plugins.criticalchangegate.registry;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.Locale;

/**
 * The identifier of a system, as the registry lists it and a pipeline names it. Two ids are equal when they are
 * equal ignoring case and surrounding blanks, so that {@code " Checkout-Service"} in a Jenkinsfile finds
 * {@code checkout-service} in the registry; the spelling given first is kept for messages.
 */
public final class SystemId implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;
    private final String key;

    private SystemId(String value) {
        this.value = value;
        this.key = value.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a system id given by a user.
     *
     * @param parameter what the user calls the value, for the message ({@code system}, {@code id})
     * @param raw the text given, may be {@code null}
     * @return the id, trimmed
     * @throws IllegalArgumentException naming the parameter when the text is missing, blank or holds a line break
     */
    public static SystemId of(String parameter, @CheckForNull String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("'" + parameter + "' is required: give the id of the system this change"
                    + " deploys to, as the critical-systems registry lists it");
        }
        String trimmed = raw.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new IllegalArgumentException("'" + parameter + "' must not contain control characters or line"
                        + " breaks: " + printable(trimmed));
            }
        }
        return new SystemId(trimmed);
    }

    /** The id as first spelled, trimmed. */
    public String value() {
        return value;
    }

    /** The id in the form used for comparison: lower case (root locale). */
    public String key() {
        return key;
    }

    private static String printable(String text) {
        return ControlCharacters.escape(text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SystemId && ((SystemId) other).key.equals(key);
    }

    @Override
    public int hashCode() {
        // Objects.hash(key)'s value, without its array per call (the registry's maps hash every id)
        return 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
