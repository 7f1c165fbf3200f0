package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A named, time-boxed tightening of the systems it selects: from {@code start} (inclusive) to {@code end}
 * (exclusive), each selected system's policy is {@link Tightening#applyTo tightened}. "The 90-day safety reset" is
 * one. A gate takes the policy in force when it is requested, and records the overlays that shaped it. An immutable
 * value.
 */
public final class Overlay {
    private final String name;
    private final Instant start;
    private final Instant end;
    private final SystemSelection systems;
    private final Tightening tightening;

    /** @throws IllegalArgumentException unless {@code start} is before {@code end} */
    public Overlay(String name, Instant start, Instant end, SystemSelection systems, Tightening tightening) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("overlay '" + name + "' must start before it ends");
        }
        this.name = Objects.requireNonNull(name);
        this.start = start;
        this.end = end;
        this.systems = Objects.requireNonNull(systems);
        this.tightening = Objects.requireNonNull(tightening);
    }

    public String name() {
        return name;
    }

    /** The first instant it is in force. */
    public Instant start() {
        return start;
    }

    /** The first instant it is no longer in force. */
    public Instant end() {
        return end;
    }

    public SystemSelection systems() {
        return systems;
    }

    public Tightening tightening() {
        return tightening;
    }

    public boolean inForceAt(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Whether it tightens this system at this instant. */
    public boolean appliesTo(CriticalSystem system, Instant instant) {
        return inForceAt(instant) && systems.selects(system);
    }

    @Override
    public String toString() {
        return "overlay '" + name + "' [" + start + ", " + end + ") on " + systems + ": " + tightening;
    }
}
