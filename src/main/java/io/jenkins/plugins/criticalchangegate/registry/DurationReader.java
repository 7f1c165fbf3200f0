package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code approvalTimeout} values as the format writes them (90m, 24h, 7d): more than 0, at most the format's
 * 365d, and at most the shorter maximum this Jenkins may set.
 */
final class DurationReader {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})(m|h|d)");

    private final Reading reading;

    DurationReader(Reading reading) {
        this.reading = reading;
    }

    @CheckForNull
    Duration approvalTimeout(Node node) {
        String text = reading.values.string(node, "approvalTimeout");
        if (text == null) {
            return null;
        }
        Duration d = parse(text);
        if (d == null) {
            reading.problems.add(node, "approvalTimeout '" + text + "' is not a duration: write a whole number"
                    + " followed by m (minutes), h (hours) or d (days), e.g. 90m, 24h, 7d");
            return null;
        }
        if (d.isZero()) {
            reading.problems.add(node, "approvalTimeout must be longer than 0");
            return null;
        }
        if (d.compareTo(FormatVersion1.MAX_TIMEOUT) > 0) {
            reading.problems.add(node, "approvalTimeout '" + text + "' is longer than 365d");
            return null;
        }
        if (d.compareTo(reading.maxTimeout) > 0) {
            reading.problems.add(node, "approvalTimeout '" + text + "' is longer than "
                    + durationText(reading.maxTimeout) + ", the longest this Jenkins allows (Manage Jenkins → System"
                    + " → Critical change gate)");
            return null;
        }
        return d;
    }

    /**
     * A duration under another key (e.g. {@code emergency.reviewWithin}): the syntax of approvalTimeout, more than 0
     * and at most 365d; the administrator's maximum approval timeout does not apply.
     */
    @CheckForNull
    Duration duration(Node node, String key) {
        String text = reading.values.string(node, key);
        if (text == null) {
            return null;
        }
        Duration d = parse(text);
        if (d == null) {
            reading.problems.add(node, key + " '" + text + "' is not a duration: write a whole number followed by m"
                    + " (minutes), h (hours) or d (days), e.g. 90m, 24h, 7d");
            return null;
        }
        if (d.isZero() || d.compareTo(FormatVersion1.MAX_TIMEOUT) > 0) {
            reading.problems.add(node, key + " '" + text + "' must be longer than 0 and at most 365d");
            return null;
        }
        return d;
    }

    /**
     * Reads {@code credentialsReleaseWindow}: the syntax of approvalTimeout (90m, 24h, 7d), more than 0, at most 365d
     * (the administrator's maximum approval timeout does not bound it: it limits how long a gate waits, not this).
     */
    @CheckForNull
    Duration releaseWindow(Node node) {
        String text = reading.values.string(node, PolicyReader.CREDENTIALS_RELEASE_WINDOW);
        if (text == null) {
            return null;
        }
        Duration d = parse(text);
        if (d == null) {
            reading.problems.add(node, "credentialsReleaseWindow '" + text + "' is not a duration: write a whole"
                    + " number followed by m (minutes), h (hours) or d (days), e.g. 15m, 2h; leave the key out to"
                    + " release gated credentials for the rest of the build");
            return null;
        }
        if (d.isZero()) {
            reading.problems.add(node, "credentialsReleaseWindow must be longer than 0");
            return null;
        }
        if (d.compareTo(FormatVersion1.MAX_TIMEOUT) > 0) {
            reading.problems.add(node, "credentialsReleaseWindow '" + text + "' is longer than 365d");
            return null;
        }
        return d;
    }

    /**
     * The syntax every duration of the format shares: a whole number of minutes, hours or days ({@code 90m},
     * {@code 24h}, {@code 7d}); the bounds are each caller's to check.
     *
     * @return {@code null} when the text is not in that syntax
     */
    @CheckForNull
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("m") ? Duration.ofMinutes(amount)
                : m.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
    }

    /** A duration as the format writes it (7d, 36h, 90m), so the message reads like the file. */
    static String durationText(Duration d) {
        if (d.toMinutes() * 60 != d.getSeconds() || d.getNano() != 0) {
            return d.toString(); // not a whole number of minutes: only reachable through the Java API
        }
        long minutes = d.toMinutes();
        return minutes % (24 * 60) == 0 ? minutes / (24 * 60) + "d"
                : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
