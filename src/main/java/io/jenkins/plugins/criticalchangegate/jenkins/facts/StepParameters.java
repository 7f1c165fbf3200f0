package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.ChangeIdRule;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.net.URI;
import java.net.URISyntaxException;
import io.jenkins.plugins.criticalchangegate.registry.SystemId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The rules for the step's optional parameters, applied at the call (in the {@code @DataBoundSetter}s) so that a bad
 * Jenkinsfile fails where it calls the step, with a message naming the parameter. Each method trims, turns a blank
 * value into "not given" ({@code null}) and rejects what the gate could not use safely.
 */
public final class StepParameters {
    /** Longest change id accepted: change tickets are short; a page of text is a mistake. */
    public static final int MAX_CHANGE_ID = ChangeIdRule.MAX_LENGTH;
    /** Longest documentation URL accepted (the de facto limit of browsers and proxies). */
    public static final int MAX_URL = 2048;
    /** Longest message accepted: it is shown to approvers and kept in build.xml. */
    public static final int MAX_MESSAGE = 4000;
    /** Longest credentials id accepted. */
    public static final int MAX_CREDENTIALS_ID = 256;

    private StepParameters() {
    }

    /** {@code changeId}: letters, digits and {@code . _ : / # -}, starting with a letter or digit. */
    @CheckForNull
    public static String changeId(@CheckForNull String raw) {
        String value = trimmed(raw);
        if (value == null) {
            return null;
        }
        String problem = ChangeIdRule.problem(value); // the tool's rule too (docs check, simulate)
        if (problem != null) {
            throw invalid("changeId", problem);
        }
        return value;
    }

    /**
     * {@code documentationUrl}: an absolute http or https URL with a host and without user information. Credentials
     * in a URL would be written to the build log, build.xml and the journal; they belong in {@code credentialsId}.
     * Whether plain http and the host are acceptable is the registry's decision, applied by the documentation check.
     * No message repeats a user name or password the value carries: it shows the value {@link #withoutUserInfo
     * without them}.
     */
    @CheckForNull
    public static String documentationUrl(@CheckForNull String raw) {
        String value = trimmed(raw);
        if (value == null) {
            return null;
        }
        String shown = printable(withoutUserInfo(value));
        if (value.length() > MAX_URL) {
            throw invalid("documentationUrl", "must be at most " + MAX_URL + " characters, got " + value.length());
        }
        if (hasUserInfo(value)) {
            throw invalid("documentationUrl", "must not contain a user name or password (got '" + shown + "'); give"
                    + " the documentation site's credentials with 'credentialsId'");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // e.getMessage() repeats the input: say where and why with the input shown safely
            throw invalid("documentationUrl", "is not a valid URL: " + e.getReason() + " at index " + e.getIndex()
                    + " of '" + shown + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw invalid("documentationUrl", "must be an absolute https:// (or http://) URL, got '" + shown + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("documentationUrl", "must name a host, got '" + shown + "'");
        }
        return value;
    }

    /**
     * Whether a URL-like text carries user information ({@code user:password@} before the host). Read from the text,
     * not through {@link URI}, so that it also finds them in a value that is not a valid URI.
     */
    public static boolean hasUserInfo(String url) {
        return userInfoEnd(url) >= 0;
    }

    /**
     * The text with any user information before the host replaced by {@code ****}: what may be shown of a URL that
     * may carry a password ({@code https://bob:s3cret@wiki/x} becomes {@code https://****@wiki/x}).
     */
    public static String withoutUserInfo(String url) {
        int at = userInfoEnd(url);
        return at < 0 ? url : url.substring(0, authorityStart(url)) + "****" + url.substring(at);
    }

    /** Where the authority starts: after {@code scheme://}, or at 0 for text without one. */
    private static int authorityStart(String url) {
        int scheme = url.indexOf("://");
        return scheme < 0 ? 0 : scheme + 3;
    }

    /** The index of the {@code @} that ends the user information in the authority, or -1 when there is none. */
    private static int userInfoEnd(String url) {
        int start = authorityStart(url);
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                end = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? -1 : at;
    }

    /** {@code message}: free text shown to approvers; line breaks and tabs are kept, other control characters are not. */
    @CheckForNull
    public static String message(@CheckForNull String raw) {
        String value = trimmed(raw);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_MESSAGE) {
            throw invalid("message", "must be at most " + MAX_MESSAGE + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw invalid("message", String.format(Locale.ROOT, "must not contain the control character"
                        + " \\u%04x (at offset %d)", (int) c, i));
            }
        }
        return value;
    }

    /** {@code credentialsId}: the id of a Jenkins credential; no blanks or control characters inside. */
    @CheckForNull
    public static String credentialsId(@CheckForNull String raw) {
        String value = trimmed(raw);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_CREDENTIALS_ID) {
            throw invalid("credentialsId", "must be at most " + MAX_CREDENTIALS_ID + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw invalid("credentialsId", "must not contain blanks or control characters (got '"
                        + printable(value) + "')");
            }
        }
        return value;
    }

    /**
     * Checks every parameter of a step, as the step kept them ({@link #trimmed}; the documentation URL
     * {@link #withoutUserInfo without user information}).
     *
     * @return the checked values
     * @throws IllegalArgumentException naming every parameter that breaks a rule, one per line
     */
    public static Checked check(@CheckForNull String system, @CheckForNull String changeId,
            @CheckForNull String documentationUrl, @CheckForNull String message, @CheckForNull String credentialsId) {
        List<String> problems = new ArrayList<>();
        String checkedSystem = checked(problems, () -> SystemId.of("system", system).value());
        String checkedChange = checked(problems, () -> changeId(changeId));
        // a URL given with user information is kept as https://****@host/…: still refused, and shown only so
        String checkedUrl = checked(problems, () -> documentationUrl(documentationUrl));
        String checkedMessage = checked(problems, () -> message(message));
        String checkedCredentials = checked(problems, () -> credentialsId(credentialsId));
        if (!problems.isEmpty() || checkedSystem == null) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Checked(checkedSystem, checkedChange, checkedUrl, checkedMessage, checkedCredentials);
    }

    @CheckForNull
    private static String checked(List<String> problems, Supplier<String> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            String text = String.valueOf(e.getMessage());
            problems.add(text.startsWith("criticalChangeGate:") ? text : "criticalChangeGate: parameter " + text);
            return null;
        }
    }

    /** A step's parameters once checked: what the execution keeps. */
    public static final class Checked {
        public final String system;
        @CheckForNull
        public final String changeId;
        @CheckForNull
        public final String documentationUrl;
        @CheckForNull
        public final String message;
        @CheckForNull
        public final String credentialsId;

        Checked(String system, @CheckForNull String changeId, @CheckForNull String documentationUrl,
                @CheckForNull String message, @CheckForNull String credentialsId) {
            this.system = system;
            this.changeId = changeId;
            this.documentationUrl = documentationUrl;
            this.message = message;
            this.credentialsId = credentialsId;
        }
    }

    /**
     * Checks the parameters a critical system needs, once the registry has said it is critical.
     *
     * @throws IllegalArgumentException naming the missing parameter(s)
     */
    public static void requireForCriticalSystem(String system, @CheckForNull String changeId,
            @CheckForNull String documentationUrl) {
        if (changeId == null && documentationUrl == null) {
            throw new IllegalArgumentException("criticalChangeGate: '" + system + "' is a critical system: the"
                    + " parameters 'changeId' and 'documentationUrl' are required");
        }
        if (changeId == null) {
            throw new IllegalArgumentException("criticalChangeGate: '" + system + "' is a critical system: the"
                    + " parameter 'changeId' is required");
        }
        if (documentationUrl == null) {
            throw new IllegalArgumentException("criticalChangeGate: '" + system + "' is a critical system: the"
                    + " parameter 'documentationUrl' is required");
        }
    }

    /** The value stripped, or {@code null} when blank: what the step keeps before it checks anything. */
    @CheckForNull
    public static String trimmed(@CheckForNull String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        return value.isEmpty() ? null : value;
    }

    private static IllegalArgumentException invalid(String parameter, String problem) {
        return new IllegalArgumentException("criticalChangeGate: parameter '" + parameter + "' " + problem);
    }

    private static String printable(String text) {
        return ControlCharacters.escape(text, 203); // the first 200 characters, then "..."
    }
}
