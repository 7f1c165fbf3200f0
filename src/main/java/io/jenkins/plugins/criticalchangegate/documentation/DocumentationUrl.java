package io.jenkins.plugins.criticalchangegate.documentation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * A URL the check may fetch: parsed strictly, with the scheme, user-info and host rules applied, and its host in
 * canonical form. The rules do not depend on the allow-list; {@link #checkAllowed} applies it.
 *
 * <p>The URL comes from a Jenkinsfile, which anyone with commit rights can edit, and the fetch runs on the
 * controller: every ambiguity (whitespace, backslashes, percent-encoded hosts, numeric hosts, trailing dots) is a
 * refusal, never a guess (server-side request forgery).
 */
final class DocumentationUrl {
    /** Longer URLs are refused: no documentation page needs more, and parsers disagree on the long ones. */
    static final int MAX_LENGTH = 2048;

    private final URI uri;
    private final String scheme;
    private final Host host;
    private final int port;

    private DocumentationUrl(URI uri, String scheme, Host host, int port) {
        this.uri = uri;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    /**
     * Parses a URL and applies the rules that do not depend on the allow-list.
     *
     * @param raw the URL as given
     * @param allowHttp whether plain http is acceptable
     * @throws Refusal {@code MALFORMED_URL}, {@code SCHEME_NOT_ALLOWED}, {@code CREDENTIALS_IN_URL} or {@code
     *     HOST_NOT_ALLOWED} (a host that no pattern could ever match)
     */
    static DocumentationUrl parse(String raw, boolean allowHttp) throws Refusal {
        if (raw.isEmpty()) {
            throw new Refusal(Reason.MALFORMED_URL, "the URL is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new Refusal(Reason.MALFORMED_URL, "the URL is " + raw.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw new Refusal(Reason.MALFORMED_URL, "the URL contains whitespace or a control character at"
                        + " index " + i + "; percent-encode it or remove it");
            }
            if (c == '\\') {
                // Browsers read '\' as '/', java.net.URI refuses it: refuse rather than guess which was meant.
                throw new Refusal(Reason.MALFORMED_URL, "the URL contains a backslash at index " + i);
            }
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new Refusal(Reason.MALFORMED_URL, "not a valid URL: " + e.getReason() + " at index "
                    + e.getIndex());
        }
        if (uri.getScheme() == null) {
            throw new Refusal(Reason.MALFORMED_URL, "not an absolute URL; give the full https://... address");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refusal(Reason.SCHEME_NOT_ALLOWED, "scheme '" + uri.getScheme() + "' is not allowed; only"
                    + " https" + (allowHttp ? " and http are" : " is"));
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new Refusal(Reason.SCHEME_NOT_ALLOWED, "plain http is not allowed for this system; use https"
                    + " (or set documentation.allowHttp in the registry)");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new Refusal(Reason.MALFORMED_URL, "the URL has no host");
        }
        if (authority.indexOf('@') >= 0) {
            throw new Refusal(Reason.CREDENTIALS_IN_URL, "the URL carries user-info before '@' in '"
                    + hostOnly(authority) + "'; credentials never go in the URL, and the host is what follows '@'");
        }
        if (authority.indexOf('%') >= 0) {
            throw new Refusal(Reason.MALFORMED_URL, "the URL's host is percent-encoded; write it plainly");
        }
        String hostText = uri.getHost();
        int port = uri.getPort();
        if (hostText == null) {
            // java.net.URI accepts only ASCII server names; a Unicode name (IDN) lands here and is converted below.
            int colon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']'))
                    : authority.lastIndexOf(':');
            hostText = colon >= 0 ? authority.substring(0, colon) : authority;
            if (hostText.chars().allMatch(c -> c < 0x80)) {
                throw new Refusal(Reason.MALFORMED_URL, "'" + authority + "' is not a valid host (and port)");
            }
            if (colon >= 0) {
                String digits = authority.substring(colon + 1);
                if (!digits.isEmpty() && (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))) {
                    throw new Refusal(Reason.MALFORMED_URL, "'" + digits + "' is not a port");
                }
                port = digits.isEmpty() ? -1 : Integer.parseInt(digits);
            }
        }
        if (port == 0 || port > 65535) {
            throw new Refusal(Reason.MALFORMED_URL, "port " + port + " is outside 1-65535");
        }
        Host host;
        try {
            host = Host.parse(hostText);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Reason.HOST_NOT_ALLOWED, e.getMessage());
        }
        int effectivePort = port == -1 ? defaultPort(scheme) : port;
        // The request goes to the canonical host (punycode, lower case), without the fragment, which is not sent.
        StringBuilder request = new StringBuilder(scheme).append("://").append(host.canonical());
        if (port != -1) {
            request.append(':').append(port);
        }
        String path = uri.getRawPath();
        request.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            request.append('?').append(uri.getRawQuery());
        }
        try {
            return new DocumentationUrl(new URI(request.toString()), scheme, host, effectivePort);
        } catch (URISyntaxException e) {
            throw new Refusal(Reason.MALFORMED_URL, "not a valid URL: " + e.getReason());
        }
    }

    /**
     * The URL with any user-info replaced by {@code ***}, for evidence and messages: a password someone put in a
     * URL must not be copied into the build record and the audit journal. Works on malformed URLs too.
     */
    static String redact(String url) {
        int authorityStart = url.indexOf("//");
        if (authorityStart < 0) {
            return url;
        }
        authorityStart += 2;
        int authorityEnd = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(c, authorityStart);
            if (at >= 0 && at < authorityEnd) {
                authorityEnd = at;
            }
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return url;
        }
        return url.substring(0, authorityStart) + "***" + url.substring(at);
    }

    private static String hostOnly(String authority) {
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /**
     * Applies the allow-list.
     *
     * @throws Refusal {@code HOST_NOT_ALLOWED} naming the host and port
     */
    void checkAllowed(List<HostPattern> allowed) throws Refusal {
        for (HostPattern pattern : allowed) {
            if (pattern.matches(host, port, defaultPort(scheme))) {
                return;
            }
        }
        String where = host.canonical() + (port == defaultPort(scheme) ? "" : ":" + port);
        boolean otherPort = allowed.stream().anyMatch(p -> p.matchesHost(host));
        // the default-port hint only where a pattern for this host has no port: it would mislead for 'host:8443'
        boolean withoutPort = allowed.stream().anyMatch(p -> p.matchesHost(host) && !p.hasPort());
        throw new Refusal(Reason.HOST_NOT_ALLOWED, "host " + where + " is not in this system's allowed hosts "
                + allowed + (otherPort ? "; the host is listed, but not with port " + port + (withoutPort ? " (a"
                        + " pattern without a port allows only port " + defaultPort(scheme) + ")" : "") : ""));
    }

    /** What to request: canonical host, no fragment. */
    URI uri() {
        return uri;
    }

    Host host() {
        return host;
    }

    int port() {
        return port;
    }

    String scheme() {
        return scheme;
    }

    /** Same scheme, host and port: where the Authorization header may go. */
    boolean sameOrigin(DocumentationUrl other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
