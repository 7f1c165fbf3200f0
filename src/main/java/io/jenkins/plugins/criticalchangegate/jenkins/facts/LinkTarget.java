package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Locale;

/**
 * What a page may put in an {@code href} from data: an http(s) URL, else nothing. Jelly's escape-by-default escapes
 * markup, not the scheme of a URL, so a {@code javascript:} URL from a Jenkinsfile or the journal would run for whoever
 * clicks it (views/LinkTargetsTest: every link taken from data goes through a getter named {@code ...Link}).
 */
public final class LinkTarget {
    private LinkTarget() {
    }

    /** The URL, stripped, when it is http or https; {@code null} for anything else (then the page shows it as text). */
    @CheckForNull
    public static String http(@CheckForNull String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }
}
