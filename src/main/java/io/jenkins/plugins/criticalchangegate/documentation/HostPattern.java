package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Objects;

/**
 * One entry of a system's {@code documentation.allowedHosts}: an exact host ({@code wiki.example.com}, {@code
 * 10.1.2.3}, {@code [::1]}), optionally with a port ({@code wiki.example.com:8443}), or a suffix pattern {@code
 * *.docs.example.com} (any name strictly below {@code docs.example.com}, not that name itself, never an IP address).
 *
 * <p>A pattern without a port allows only the default port of the URL's scheme (443 for https, 80 for http): an
 * administrator who lists {@code wiki.example.com} has not agreed to whatever listens on its port 8080.
 */
public final class HostPattern {
    private final boolean suffix;
    private final Host host;
    @CheckForNull
    private final Integer port;
    private final String text;

    private HostPattern(boolean suffix, Host host, @CheckForNull Integer port, String text) {
        this.suffix = suffix;
        this.host = host;
        this.port = port;
        this.text = text;
    }

    /** Whether the pattern names a port ({@code wiki.example.com:8443}); without one only the default port is allowed. */
    boolean hasPort() {
        return port != null;
    }

    /**
     * Parses a pattern as written in the registry; the registry's validation calls this too.
     *
     * @throws IllegalArgumentException with a message naming the pattern and the problem
     */
    public static HostPattern parse(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("an allowed host is empty");
        }
        if (p.contains("://")) {
            throw new IllegalArgumentException("allowed host '" + pattern + "' has a scheme; write only the host"
                    + " (and an optional :port), e.g. wiki.example.com");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20 || "/@%\\?#".indexOf(c) >= 0) {
                throw new IllegalArgumentException("allowed host '" + pattern + "' contains '" + c + "': write only"
                        + " the host and an optional :port (no scheme, path, user-info or percent-encoding)");
            }
        }
        String hostPart = p;
        Integer port = null;
        int portColon;
        if (p.startsWith("[")) {
            int close = p.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("allowed host '" + pattern + "' opens '[' without closing it");
            }
            portColon = close + 1 < p.length() ? close + 1 : -1;
            if (portColon >= 0 && p.charAt(portColon) != ':') {
                throw new IllegalArgumentException("allowed host '" + pattern + "' has text after ']'");
            }
        } else {
            portColon = p.indexOf(':');
            if (portColon >= 0 && p.indexOf(':', portColon + 1) >= 0) {
                throw new IllegalArgumentException("allowed host '" + pattern + "' has several ':'; write IPv6"
                        + " addresses in brackets, e.g. [2001:db8::1]:8443");
            }
        }
        if (portColon >= 0) {
            hostPart = p.substring(0, portColon);
            port = parsePort(p.substring(portColon + 1), pattern);
        }
        boolean suffix = hostPart.startsWith("*.");
        String name = suffix ? hostPart.substring(2) : hostPart;
        if (name.indexOf('*') >= 0) {
            throw new IllegalArgumentException("allowed host '" + pattern + "' has a '*' that is not its leading"
                    + " '*.'; only suffix patterns such as *.docs.example.com are supported");
        }
        Host host;
        try {
            host = Host.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed host '" + pattern + "': " + e.getMessage(), e);
        }
        if (suffix && !host.isName()) {
            throw new IllegalArgumentException("allowed host '" + pattern + "': '*.' applies to names only; list IP"
                    + " addresses one by one");
        }
        return new HostPattern(suffix, host, port, p);
    }

    private static int parsePort(String digits, String pattern) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("allowed host '" + pattern + "' has an invalid port '" + digits + "'");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("allowed host '" + pattern + "' has port " + port
                    + ", outside 1-65535");
        }
        return port;
    }

    /** Whether a URL's host and effective port fall under this pattern. */
    boolean matches(Host candidate, int candidatePort, int schemeDefaultPort) {
        int wanted = port == null ? schemeDefaultPort : port;
        if (candidatePort != wanted) {
            return false;
        }
        return matchesHost(candidate);
    }

    /** Whether the host falls under this pattern, whatever the port: for messages only. */
    boolean matchesHost(Host candidate) {
        return suffix ? candidate.isName() && candidate.canonical().endsWith("." + host.canonical())
                : candidate.equals(host);
    }

    /** The pattern as written (stripped). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostPattern)) {
            return false;
        }
        HostPattern that = (HostPattern) o;
        return suffix == that.suffix && host.equals(that.host) && Objects.equals(port, that.port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suffix, host, port);
    }
}
