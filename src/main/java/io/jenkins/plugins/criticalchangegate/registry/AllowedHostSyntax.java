package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The syntax of a {@code documentation.allowedHosts} entry: an exact host ({@code wiki.example.com}), optionally
 * with a port ({@code wiki.example.com:8443}), or a suffix wildcard ({@code *.docs.example.com}, any host under it,
 * not the name itself). Nothing else: no scheme, path, user-info, query, or wildcard anywhere but a leading
 * {@code *.}. Internationalized names are written in their ASCII ({@code xn--}) form, so that no look-alike
 * character can pass.
 */
final class AllowedHostSyntax {
    private AllowedHostSyntax() {
    }

    /** What is wrong with the pattern, or {@code null} when it is valid. */
    @CheckForNull
    static String problem(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty()) {
            return "an allowed host must not be empty";
        }
        if (p.contains("://")) {
            return "allowed host '" + p + "' has a scheme: write the host only (e.g. wiki.example.com); allowHttp"
                    + " decides whether plain http is accepted";
        }
        if (p.indexOf('/') >= 0 || p.indexOf('?') >= 0 || p.indexOf('#') >= 0) {
            return "allowed host '" + p + "' has a path: write the host only (e.g. wiki.example.com)";
        }
        if (p.indexOf('@') >= 0) {
            return "allowed host '" + p + "' has user information ('@'): write the host only";
        }
        boolean wildcard = p.startsWith("*.");
        String rest = wildcard ? p.substring(2) : p;
        if (rest.indexOf('*') >= 0) {
            return "allowed host '" + p + "': a wildcard is only allowed as a leading '*.' (e.g. *.docs.example.com)";
        }
        String host = rest;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            String port = rest.substring(colon + 1);
            host = rest.substring(0, colon);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "allowed host '" + p + "' has an invalid port '" + port + "': use 1 to 65535";
            }
        }
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) > 0x7E) {
                return "allowed host '" + p + "' has non-ASCII characters: write internationalized names in their"
                        + " xn-- form";
            }
        }
        if (host.length() > 253) {
            return "allowed host '" + p + "' is longer than 253 characters";
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!label.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
                return "allowed host '" + p + "' is not a host name: each dot-separated part is 1 to 63 letters,"
                        + " digits or '-', not starting or ending with '-'";
            }
        }
        if (wildcard && labels.length < 2) {
            return "allowed host '" + p + "' is too broad: a wildcard needs at least two labels after it"
                    + " (e.g. *.docs.example.com)";
        }
        return null;
    }
}
