package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When one system takes changes: the freezes and deployment windows that select it. The system is open at an instant
 * when no freeze contains it and, if it has windows, one of them does.
 */
final class Schedule {
    private final List<Freeze> freezes;
    private final List<DeploymentWindow> windows;

    Schedule(List<Freeze> freezes, List<DeploymentWindow> windows) {
        this.freezes = List.copyOf(freezes);
        this.windows = List.copyOf(windows);
    }

    boolean isOpen(Instant instant) {
        return freezeEnd(instant, null) == null && inWindow(instant);
    }

    /** The first freeze (in file order) that refuses gates requested at the instant. */
    Optional<Freeze> denial(Instant instant) {
        return freezes.stream().filter(f -> f.mode() == Freeze.Mode.DENY && f.contains(instant)).findFirst();
    }

    /** The freezes in force at the instant, in file order. */
    List<Freeze> freezesAt(Instant instant) {
        List<Freeze> in = new ArrayList<>();
        for (Freeze freeze : freezes) {
            if (freeze.contains(instant)) {
                in.add(freeze);
            }
        }
        return in;
    }

    /** The closed period that starts at the instant and lasts until the system is open again; empty if it is open. */
    Optional<ClosedPeriod> closedAt(Instant instant) {
        return isOpen(instant) ? Optional.empty() : Optional.of(closedFrom(instant));
    }

    /**
     * The closed periods from {@code from} (a period the instant is in starts there) up to {@code until}; the last
     * one keeps its true end, even when that is later.
     */
    List<ClosedPeriod> closedPeriods(Instant from, Instant until) {
        List<ClosedPeriod> periods = new ArrayList<>();
        Instant t = from;
        while (t.isBefore(until)) {
            if (isOpen(t)) {
                Instant next = nextClosing(t, until);
                if (next == null) {
                    break;
                }
                t = next;
            } else {
                ClosedPeriod period = closedFrom(t);
                periods.add(period);
                t = period.to();
            }
        }
        return periods;
    }

    /**
     * From a closed instant to the first open one: out of every freeze it is in (the latest end), into the next
     * window if it has windows and is outside them, and again until neither holds. Each step passes a freeze's end
     * or lands on a window's start, so it ends after at most twice as many steps as there are freezes.
     */
    private ClosedPeriod closedFrom(Instant instant) {
        Instant t = instant;
        Set<String> names = new LinkedHashSet<>();
        boolean outside = false;
        while (true) {
            Instant end = freezeEnd(t, names);
            if (end != null) {
                t = end;
            } else if (!inWindow(t)) {
                outside = true;
                t = nextWindowStart(t);
            } else {
                return new ClosedPeriod(instant, t, new ArrayList<>(names), outside);
            }
        }
    }

    /** The latest end of the freezes that contain the instant, adding their names; {@code null} if none does. */
    @CheckForNull
    private Instant freezeEnd(Instant instant, @CheckForNull Set<String> names) {
        Instant end = null;
        for (Freeze freeze : freezes) {
            if (freeze.contains(instant)) {
                if (names != null) {
                    names.add(freeze.name());
                }
                if (end == null || freeze.end().isAfter(end)) {
                    end = freeze.end();
                }
            }
        }
        return end;
    }

    private boolean inWindow(Instant instant) {
        if (windows.isEmpty()) {
            return true;
        }
        for (DeploymentWindow window : windows) {
            if (window.contains(instant)) {
                return true;
            }
        }
        return false;
    }

    private Instant nextWindowStart(Instant instant) {
        Instant next = null;
        for (DeploymentWindow window : windows) {
            Instant start = window.nextStart(instant);
            if (next == null || start.isBefore(next)) {
                next = start;
            }
        }
        return next;
    }

    /**
     * From an open instant, the next one at which the system closes, or one at or after {@code until} when that is
     * later (windows that cover the whole week never close); {@code null} if it never closes.
     */
    @CheckForNull
    private Instant nextClosing(Instant instant, Instant until) {
        Instant next = null;
        for (Freeze freeze : freezes) {
            if (freeze.start().isAfter(instant) && (next == null || freeze.start().isBefore(next))) {
                next = freeze.start();
            }
        }
        if (!windows.isEmpty()) {
            Instant end = instant;
            // windows that overlap or touch keep the system open: follow them to the end of the last one
            while (true) {
                Instant later = null;
                for (DeploymentWindow window : windows) {
                    Instant e = window.coverEnd(end);
                    if (e != null && (later == null || e.isAfter(later))) {
                        later = e;
                    }
                }
                if (later == null) {
                    break;
                }
                end = later;
                if (!end.isBefore(until)) {
                    break;
                }
            }
            if (next == null || end.isBefore(next)) {
                next = end;
            }
        }
        return next;
    }
}
