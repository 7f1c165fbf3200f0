package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A snapshot of a {@link RegistryKeeper} for the configuration page and the system log. Immutable. */
public final class RegistryStatus {
    /** The current run of failures: since when, the latest message and when it happened. Immutable. */
    public static final class Failure {
        private final String message;
        private final Instant since;
        private final Instant at;

        Failure(String message, Instant since, Instant at) {
            this.message = message;
            this.since = since;
            this.at = at;
        }

        /** The failure at {@code now}: a new run, or the latest of {@code ongoing}'s, which keeps its start. */
        static Failure next(@CheckForNull Failure ongoing, String message, Instant now) {
            return new Failure(message, ongoing == null ? now : ongoing.since, now);
        }

        /** The latest failure, naming the source and the problem. */
        public String message() {
            return message;
        }

        /** When the first failure of this run happened (the source has failed ever since). */
        public Instant since() {
            return since;
        }

        /** When the latest failure happened. */
        public Instant at() {
            return at;
        }

        @Override
        public String toString() {
            return message + " (failing since " + since + ")";
        }
    }

    @CheckForNull
    private final LoadedRegistry current;
    @CheckForNull
    private final Instant lastChecked;
    @CheckForNull
    private final Failure lastFailure;
    private final String source;

    RegistryStatus(@CheckForNull LoadedRegistry current, @CheckForNull Instant lastChecked,
            @CheckForNull Failure lastFailure, String source) {
        this.current = current;
        this.lastChecked = lastChecked;
        this.lastFailure = lastFailure;
        this.source = source;
    }

    /** The registry gates decide with; empty when none was ever loaded (they fail closed). */
    public Optional<LoadedRegistry> current() {
        return Optional.ofNullable(current);
    }

    /** When the source was last asked, successfully or not. */
    public Optional<Instant> lastChecked() {
        return Optional.ofNullable(lastChecked);
    }

    /** The failure since the last success; empty when the last attempt succeeded. */
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The configured source's {@link RegistrySource#describe()}. */
    public String source() {
        return source;
    }

    /**
     * Lines for the configuration page or the system log, ages relative to {@code now}: what is in use, the failure
     * if any, when the source was last checked.
     */
    public List<String> describe(Instant now) {
        List<String> lines = new ArrayList<>();
        if (current == null) {
            lines.add("in use: none: every criticalChangeGate fails closed until a registry loads from " + source);
        } else {
            int size = current.registry().size();
            lines.add("in use: " + Counted.of(size, "system") + ", sha256:"
                    + current.sha256().substring(0, 12) + ", loaded " + seconds(current.loadedAt()) + " ("
                    + age(current.loadedAt(), now) + " ago) from " + current.source());
        }
        if (lastFailure != null) {
            lines.add("failing for " + age(lastFailure.since, now) + ": " + lastFailure.message
                    + (lastFailure.at.equals(lastFailure.since) ? "" : " (last attempt " + age(lastFailure.at, now)
                    + " ago)"));
        }
        lines.add(lastChecked == null ? "source " + source + ": not checked yet"
                : "source " + source + ": last checked " + seconds(lastChecked) + " (" + age(lastChecked, now)
                        + " ago)");
        return lines;
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A rounded age for people: 40 s, 3 min, 5 h, 2 d. */
    static String age(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long seconds = d.getSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + " min";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " d";
    }

    @Override
    public String toString() {
        return String.join("; ", describe(lastChecked == null ? Instant.EPOCH : lastChecked));
    }
}
