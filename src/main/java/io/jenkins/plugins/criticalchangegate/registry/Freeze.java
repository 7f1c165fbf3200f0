package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A named period, from {@code start} (inclusive) to {@code end} (exclusive), in which the systems it selects take no
 * change: a gate requested in it is refused ({@link Mode#DENY}) or held until it ends ({@link Mode#HOLD}). A gate
 * already waiting when a freeze of either mode begins is held, not refused: it was asked for before the freeze.
 * An immutable value.
 */
public final class Freeze {
    /** What happens to a gate requested during the freeze. */
    public enum Mode {
        /** The gate is DENIED at once, naming the freeze. */
        DENY,
        /** The gate opens, collects approvals, and decides no earlier than the freeze's end (within its deadline). */
        HOLD;

        /** As the registry writes it: {@code deny}, {@code hold}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Instant start;
    private final Instant end;
    private final SystemSelection systems;
    private final Mode mode;

    /** @throws IllegalArgumentException unless {@code start} is before {@code end} */
    public Freeze(String name, Instant start, Instant end, SystemSelection systems, Mode mode) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("freeze '" + name + "' must start before it ends");
        }
        this.name = Objects.requireNonNull(name);
        this.start = start;
        this.end = end;
        this.systems = Objects.requireNonNull(systems);
        this.mode = Objects.requireNonNull(mode);
    }

    public String name() {
        return name;
    }

    public Instant start() {
        return start;
    }

    /** The first instant after the freeze. */
    public Instant end() {
        return end;
    }

    public SystemSelection systems() {
        return systems;
    }

    public Mode mode() {
        return mode;
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    @Override
    public String toString() {
        return "freeze '" + name + "' (" + mode + ") from " + start + " to " + end;
    }
}
