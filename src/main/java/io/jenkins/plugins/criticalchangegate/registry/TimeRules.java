package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's time rules ({@code overlays}, {@code freezes}, {@code windows}; docs/registry.md, "Time rules") and
 * what they make of a system at an instant: pure functions of the system and the instant, no clock inside. An
 * immutable value, safe to share between threads.
 */
public final class TimeRules {
    /** No time rules: every system has its own policy and is always open (a registry without the three keys). */
    public static final TimeRules NONE = new TimeRules(List.of(), List.of(), List.of());

    private final List<Overlay> overlays;
    private final List<Freeze> freezes;
    private final List<DeploymentWindow> windows;

    public TimeRules(List<Overlay> overlays, List<Freeze> freezes, List<DeploymentWindow> windows) {
        this.overlays = List.copyOf(overlays);
        this.freezes = List.copyOf(freezes);
        this.windows = List.copyOf(windows);
    }

    /** In the order of the file. */
    public List<Overlay> overlays() {
        return overlays;
    }

    public List<Freeze> freezes() {
        return freezes;
    }

    public List<DeploymentWindow> windows() {
        return windows;
    }

    public boolean isEmpty() {
        return overlays.isEmpty() && freezes.isEmpty() && windows.isEmpty();
    }

    /**
     * The requirement for a change to the system requested at the instant: its policy tightened by every overlay in
     * force then (in file order; the order does not change the result), and when it takes changes.
     *
     * @param system a system as the registry lists it (its own policy)
     */
    public TimedRequirement at(CriticalSystem system, Instant instant) {
        List<String> applied = new ArrayList<>();
        CriticalSystem effective = system;
        for (Overlay overlay : overlays) {
            if (overlay.appliesTo(system, instant)) {
                effective = overlay.tightening().applyTo(effective);
                applied.add(overlay.name());
            }
        }
        return new TimedRequirement(instant, system, effective, applied, schedule(system));
    }

    /** The freezes and windows that select the system. */
    Schedule schedule(CriticalSystem system) {
        List<Freeze> its = new ArrayList<>();
        for (Freeze freeze : freezes) {
            if (freeze.systems().selects(system)) {
                its.add(freeze);
            }
        }
        List<DeploymentWindow> itsWindows = new ArrayList<>();
        for (DeploymentWindow window : windows) {
            if (window.systems().selects(system)) {
                itsWindows.add(window);
            }
        }
        return new Schedule(its, itsWindows);
    }

    @Override
    public String toString() {
        return "TimeRules{" + overlays.size() + " overlays, " + freezes.size() + " freezes, " + windows.size()
                + " windows}";
    }
}
