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
    private final TimeBox box;
    private final Tightening tightening;

    /** @throws IllegalArgumentException unless {@code start} is before {@code end} */
    public Overlay(String name, Instant start, Instant end, SystemSelection systems, Tightening tightening) {
        this.box = new TimeBox("overlay", name, start, end, systems);
        this.tightening = Objects.requireNonNull(tightening);
    }

    public String name() {
        return box.name;
    }

    /** The first instant it is in force. */
    public Instant start() {
        return box.start;
    }

    /** The first instant it is no longer in force. */
    public Instant end() {
        return box.end;
    }

    public SystemSelection systems() {
        return box.systems;
    }

    public Tightening tightening() {
        return tightening;
    }

    public boolean inForceAt(Instant instant) {
        return box.contains(instant);
    }

    /** Whether it tightens this system at this instant. */
    public boolean appliesTo(CriticalSystem system, Instant instant) {
        return inForceAt(instant) && box.systems.selects(system);
    }

    @Override
    public String toString() {
        return "overlay '" + box.name + "' [" + box.start + ", " + box.end + ") on " + box.systems + ": " + tightening;
    }
}
