package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * What freezes and overlays share: a name, the systems they select, and a period from {@code start} (inclusive) to
 * {@code end} (exclusive). An immutable value.
 */
final class TimeBox {
    final String name;
    final Instant start;
    final Instant end;
    final SystemSelection systems;

    /**
     * @param what names the kind in the message ("freeze", "overlay")
     * @throws IllegalArgumentException unless {@code start} is before {@code end}
     */
    TimeBox(String what, String name, Instant start, Instant end, SystemSelection systems) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException(what + " '" + name + "' must start before it ends");
        }
        this.name = Objects.requireNonNull(name);
        this.start = start;
        this.end = end;
        this.systems = Objects.requireNonNull(systems);
    }

    boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
