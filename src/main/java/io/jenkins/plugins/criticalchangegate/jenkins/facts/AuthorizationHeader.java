package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization} header value sent to the documentation site: a Secret text credential as a bearer token,
 * a username/password credential as HTTP Basic (RFC 7617, UTF-8). The value is never logged or persisted.
 */
public final class AuthorizationHeader {
    private AuthorizationHeader() {
    }

    /** {@code Bearer <token>}. */
    public static String bearer(String token) {
        String value = token.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the Secret text credential is empty");
        }
        requireNoLineBreak(value, "the Secret text credential");
        return "Bearer " + value;
    }

    /** {@code Basic base64(user:password)}. */
    public static String basic(String username, String password) {
        if (username.contains(":")) {
            throw new IllegalArgumentException("the user name of the credential contains ':', which HTTP Basic"
                    + " authentication cannot carry");
        }
        requireNoLineBreak(username, "the user name of the credential");
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireNoLineBreak(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                // would split the HTTP header (header injection)
                throw new IllegalArgumentException(what + " contains a line break or NUL character");
            }
        }
    }
}
