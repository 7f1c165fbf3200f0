package io.jenkins.plugins.criticalchangegate.documentation;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A host in the one canonical form the allow-list compares: a name in lower-case ASCII (IDN applied), a dotted
 * IPv4 address without leading zeros, or an IPv6 address as {@link InetAddress#getHostAddress()} writes it (in
 * brackets). Both the URL's host and the registry's patterns go through {@link #parse}, so they cannot disagree on
 * what a host is.
 */
final class Host {
    enum Kind {
        NAME, IPV4, IPV6
    }

    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private final Kind kind;
    private final String canonical;

    private Host(Kind kind, String canonical) {
        this.kind = kind;
        this.canonical = canonical;
    }

    /**
     * Parses a host as found in a URL or a pattern: a name (Unicode allowed), a dotted-quad IPv4 address, or an IPv6
     * address in brackets.
     *
     * @throws IllegalArgumentException naming what is wrong; a trailing dot, a zone id, a numeric host that is not a
     *     dotted quad ({@code 2130706433}, {@code 127.1}, {@code 0x7f.0.0.1}) are all refused here, so no spelling
     *     of an address can pass for a name
     */
    static Host parse(String raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (raw.startsWith("[")) {
            return parseIpv6(raw);
        }
        if (isDottedQuad(raw)) {
            return new Host(Kind.IPV4, canonicalIpv4(raw));
        }
        return parseName(raw);
    }

    private static Host parseIpv6(String raw) {
        if (!raw.endsWith("]") || raw.indexOf(':') < 0) {
            throw new IllegalArgumentException("'" + raw + "' is not a bracketed IPv6 address");
        }
        String inner = raw.substring(1, raw.length() - 1);
        if (inner.indexOf('%') >= 0) {
            throw new IllegalArgumentException("IPv6 zone ids are not allowed: '" + raw + "'");
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("'" + raw + "' is not an IPv6 address");
            }
        }
        InetAddress address;
        try {
            // A string with ':' is parsed as a literal by InetAddress, never looked up in DNS.
            address = InetAddress.getByName(inner);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an IPv6 address", e);
        }
        if (address instanceof Inet4Address) {
            // ::ffff:a.b.c.d is that IPv4 address: compare it as such, so it matches only what lists that address.
            return new Host(Kind.IPV4, address.getHostAddress());
        }
        return new Host(Kind.IPV6, "[" + address.getHostAddress() + "]");
    }

    private static boolean isDottedQuad(String raw) {
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String canonicalIpv4(String raw) {
        String[] parts = raw.split("\\.");
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(Integer.parseInt(part));
        }
        return b.toString();
    }

    private static Host parseName(String raw) {
        String ascii;
        try {
            ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a valid host name (" + e.getMessage() + ")", e);
        }
        // IDN maps the ideographic full stop and its kin to '.', so look for the trailing dot after the mapping too.
        if (raw.endsWith(".") || ascii.endsWith(".")) {
            throw new IllegalArgumentException("the host '" + raw + "' ends with a dot; write it without");
        }
        if (ascii.isEmpty() || ascii.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("'" + raw + "' is not a valid host name (length)");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException("'" + raw + "' is not a valid host name (label '" + label + "')");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                    throw new IllegalArgumentException("'" + raw + "' is not a valid host name (character '" + c
                            + "')");
                }
            }
        }
        char first = labels[labels.length - 1].charAt(0);
        if (first < 'a' || first > 'z') {
            // Top-level labels start with a letter; anything else is an address in disguise (2130706433, 127.1).
            throw new IllegalArgumentException("'" + raw + "' is neither a host name nor a dotted IPv4 address");
        }
        return new Host(Kind.NAME, ascii);
    }

    Kind kind() {
        return kind;
    }

    boolean isName() {
        return kind == Kind.NAME;
    }

    /** The canonical form: lower-case ASCII name, dotted quad, or bracketed IPv6. */
    String canonical() {
        return canonical;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Host && ((Host) o).kind == kind && ((Host) o).canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }
}
