package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import io.jenkins.plugins.criticalchangegate.documentation.Authorization;
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
        // one rule for what may go into the header, the one the documentation check and the registry URL apply
        return Authorization.of("Bearer " + value).headerValue();
    }

    /** {@code Basic base64(user:password)}. */
    public static String basic(String username, String password) {
        if (username.contains(":")) {
            throw new IllegalArgumentException("the user name of the credential contains ':', which HTTP Basic"
                    + " authentication cannot carry");
        }
        // the pair travels base64-encoded: no character of it can break the header
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
