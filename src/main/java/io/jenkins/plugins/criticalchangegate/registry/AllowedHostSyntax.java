package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.HostPattern;

/**
 * Validates a {@code documentation.allowedHosts} entry. The syntax is the documentation check's own
 * ({@link HostPattern#parse}: an exact host, an IP literal, optionally with a port, or a suffix wildcard
 * {@code *.docs.example.com}), so that what {@code registry lint} accepts is exactly what the check will match and
 * nothing that the check would treat as matching nothing passes validation silently. On top of it, two rules of the
 * registry's own: names are written in ASCII (internationalized names in their {@code xn--} form, so that no
 * look-alike character can hide in a reviewed file), and a wildcard names at least two labels ({@code *.com} would
 * open the gate to any site).
 */
final class AllowedHostSyntax {
    private AllowedHostSyntax() {
    }

    /** What is wrong with the pattern, or {@code null} when it is valid. */
    @CheckForNull
    static String problem(String pattern) {
        String p = pattern.strip();
        try {
            HostPattern.parse(p);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) > 0x7E) {
                return "allowed host '" + p + "' has non-ASCII characters: write internationalized names in their"
                        + " xn-- form";
            }
        }
        if (p.startsWith("*.")) {
            String name = p.substring(2);
            int colon = name.indexOf(':');
            if (colon >= 0) {
                name = name.substring(0, colon);
            }
            if (name.indexOf('.') < 0) {
                return "allowed host '" + p + "' is too broad: a wildcard needs at least two labels after it"
                        + " (e.g. *.docs.example.com)";
            }
        }
        return null;
    }
}
