package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the registry's time rules make of one system at one instant ({@link TimeRules#at}): the policy in force
 * (overlays applied), which overlays shaped it, whether a freeze refuses changes then, and when the system is closed.
 * The gate opened for a change requested at that instant takes all of it (the policy package's {@code GateRequest}).
 */
public final class TimedRequirement {
    private final Instant at;
    private final CriticalSystem own;
    private final CriticalSystem system;
    private final List<String> overlays;
    private final Schedule schedule;

    TimedRequirement(Instant at, CriticalSystem own, CriticalSystem system, List<String> overlays,
            Schedule schedule) {
        this.at = at;
        this.own = own;
        this.system = system;
        this.overlays = List.copyOf(overlays);
        this.schedule = schedule;
    }

    /** The instant this requirement is for. */
    public Instant at() {
        return at;
    }

    /** The system as the registry lists it, without overlays. */
    public CriticalSystem ownSystem() {
        return own;
    }

    /** The system with the policy in force at the instant: its own, tightened by the overlays. */
    public CriticalSystem system() {
        return system;
    }

    /** The names of the overlays in force for the system at the instant, in file order. */
    public List<String> overlays() {
        return overlays;
    }

    /** The freeze that refuses a change requested at the instant (the first in file order), if one does. */
    public Optional<Freeze> denial() {
        return schedule.denial(at);
    }

    /** The freezes in force for the system at the instant (either mode), in file order. */
    public List<Freeze> freezes() {
        return schedule.freezesAt(at);
    }

    /**
     * When the system is closed at the instant (a freeze, or outside its windows): from the instant until it is open
     * again. Empty when it is open.
     */
    public Optional<ClosedPeriod> closed() {
        return schedule.closedAt(at);
    }

    /** The periods in which the system is closed, from the instant to {@code until} (the last keeps its true end). */
    public List<ClosedPeriod> closedPeriods(Instant until) {
        return schedule.closedPeriods(at, until);
    }

    /** The message of a refusal by a freeze, naming it; empty when no freeze refuses. */
    public Optional<String> denialMessage() {
        return denial().map(f -> "system '" + own.id() + "' is in freeze '" + f.name() + "' (mode deny) from "
                + f.start() + " until " + f.end() + ": changes requested in it are refused; request the change after"
                + " the freeze");
    }
}
