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

    private final TimeBox box;
    private final Mode mode;

    /** @throws IllegalArgumentException unless {@code start} is before {@code end} */
    public Freeze(String name, Instant start, Instant end, SystemSelection systems, Mode mode) {
        this.box = new TimeBox("freeze", name, start, end, systems);
        this.mode = Objects.requireNonNull(mode);
    }

    public String name() {
        return box.name;
    }

    public Instant start() {
        return box.start;
    }

    /** The first instant after the freeze. */
    public Instant end() {
        return box.end;
    }

    public SystemSelection systems() {
        return box.systems;
    }

    public Mode mode() {
        return mode;
    }

    public boolean contains(Instant instant) {
        return box.contains(instant);
    }

    @Override
    public String toString() {
        return "freeze '" + box.name + "' (" + mode + ") from " + box.start + " to " + box.end;
    }
}
