package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of critical systems, validated: looks up the system a pipeline names, taking the job's bindings into
 * account. Immutable and safe to share between threads (every field is final and never changed after construction).
 */
public final class Registry {
    /** Unknown ids within this many edits of a listed id are denied as probable typos. */
    static final int TYPO_DISTANCE = 2;

    private final UnknownSystems unknownSystems;
    private final List<CriticalSystem> systems;
    /**
     * Each system's id, numbered as {@link #systems} orders them: no hash-map entry per system (a registry of 100,000
     * systems is copied by the collector while it is built, docs/performance.md).
     */
    private final FirstSeen<SystemId> ids;
    private final JobIndex jobIndex;
    /** {@link CharacterCounts} of each system's id, in {@link #systems} order: the typo check's fast filter. */
    private final long[] idCounts;
    private final TimeRules timeRules;

    /**
     * A registry of already valid systems (the parser validates files; tests and benchmarks may build directly).
     *
     * @throws IllegalArgumentException for two systems with the same id (ignoring case)
     */
    public Registry(UnknownSystems unknownSystems, List<CriticalSystem> systems) {
        this(unknownSystems, systems, TimeRules.NONE);
    }

    /**
     * A registry of already valid systems with time rules (overlays, freezes, deployment windows), which must have
     * been validated against them as the parser does.
     *
     * @throws IllegalArgumentException for two systems with the same id (ignoring case)
     */
    public Registry(UnknownSystems unknownSystems, List<CriticalSystem> systems, TimeRules timeRules) {
        this(unknownSystems, systems, timeRules, null);
    }

    /**
     * @param jobPatterns each system's jobs compiled (by the parser, which compiled them to check them), in the order
     *     of {@code systems}; {@code null}: compile them here
     */
    Registry(UnknownSystems unknownSystems, List<CriticalSystem> systems, TimeRules timeRules,
            @CheckForNull List<List<JobPattern>> jobPatterns) {
        this.timeRules = timeRules;
        this.unknownSystems = unknownSystems;
        this.systems = List.copyOf(systems);
        FirstSeen<SystemId> index = new FirstSeen<>();
        for (CriticalSystem system : this.systems) {
            if (index.addIfAbsent(system.id()) >= 0) {
                throw new IllegalArgumentException("two systems have the id " + system.id());
            }
        }
        this.ids = index;
        this.jobIndex = new JobIndex(this.systems, jobPatterns);
        this.idCounts = new long[this.systems.size()];
        for (int i = 0; i < idCounts.length; i++) {
            idCounts[i] = CharacterCounts.of(this.systems.get(i).id().key());
        }
    }

    public UnknownSystems unknownSystems() {
        return unknownSystems;
    }

    /** The systems in the order of the file. */
    public List<CriticalSystem> systems() {
        return systems;
    }

    /**
     * The overlays, freezes and deployment windows: {@code timeRules().at(system, instant)} gives the requirement for
     * a change requested at that instant (docs/registry.md, "Time rules").
     */
    public TimeRules timeRules() {
        return timeRules;
    }

    public int size() {
        return systems.size();
    }

    /**
     * The longest approval timeout any system gets (its own or the default's): what a lower administrator's maximum
     * would refuse.
     */
    public Duration longestApprovalTimeout() {
        Duration longest = Duration.ZERO;
        for (CriticalSystem system : systems) {
            if (system.approvalTimeout().compareTo(longest) > 0) {
                longest = system.approvalTimeout();
            }
        }
        return longest;
    }

    /**
     * Decides which policy applies to a change.
     *
     * <ol>
     * <li>When the job's full name matches a system's {@code jobs:} globs, that binding wins: the pipeline must name
     * that system; naming another one, or an unknown one, is DENIED with both names.</li>
     * <li>A listed id (ignoring case and surrounding blanks) is CRITICAL.</li>
     * <li>An unknown id within {@value #TYPO_DISTANCE} edits of a listed id is DENIED with "did you mean": a typo must
     * not open a bypass.</li>
     * <li>Any other unknown id follows {@code unknownSystems}: NOT_CRITICAL or DENIED.</li>
     * </ol>
     *
     * @param requestedSystem the system the pipeline names; blank or control characters give DENIED
     * @param jobFullName the job's full name ({@code folder/job}), or {@code null} outside Jenkins
     */
    public Resolution resolve(@CheckForNull String requestedSystem, @CheckForNull String jobFullName) {
        SystemId requested;
        try {
            requested = SystemId.of("system", requestedSystem);
        } catch (IllegalArgumentException e) {
            return Resolution.denied(e.getMessage());
        }
        int number = ids.numberOf(requested);
        CriticalSystem listed = number < 0 ? null : systems.get(number);
        if (jobFullName != null && !jobFullName.isBlank()) {
            List<CriticalSystem> bound = jobIndex.systemsFor(jobFullName.strip());
            if (!bound.isEmpty()) {
                if (listed != null && bound.stream().anyMatch(s -> s == listed)) {
                    return Resolution.critical(listed, "job '" + jobFullName.strip() + "' is bound to system '"
                            + listed.id() + "'");
                }
                String boundIds = bound.stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(" and "));
                return Resolution.denied("job '" + jobFullName.strip() + "' is bound to system " + boundIds
                        + " in the critical-systems registry, but the pipeline names '" + requested
                        + "': name the bound system, or change the job's binding in the registry");
            }
        }
        if (listed != null) {
            return Resolution.critical(listed, "'" + requested + "' is the critical system '" + listed.id() + "' ("
                    + listed.name() + ")");
        }
        CriticalSystem near = nearest(requested);
        if (near != null) {
            return Resolution.denied("system '" + requested + "' is not in the critical-systems registry; did you mean '"
                    + near.id() + "'? A near-miss of a critical system's id is refused rather than let through");
        }
        if (unknownSystems == UnknownSystems.ALLOW) {
            return Resolution.notCritical("system '" + requested + "' is not in the critical-systems registry, which"
                    + " lets unknown systems pass (unknownSystems: allow)");
        }
        return Resolution.denied("system '" + requested + "' is not in the critical-systems registry, which refuses"
                + " unknown systems (unknownSystems: deny)");
    }

    /** The listed system closest to the id, within the typo distance; the first in file order on a tie. */
    @CheckForNull
    private CriticalSystem nearest(SystemId requested) {
        CriticalSystem best = null;
        int bestDistance = TYPO_DISTANCE + 1;
        long counts = CharacterCounts.of(requested.key());
        int length = requested.key().length();
        for (int i = 0; i < idCounts.length; i++) {
            CriticalSystem system = systems.get(i);
            int limit = Math.min(TYPO_DISTANCE, bestDistance - 1);
            // both filters are lower bounds of the distance (CharacterCounts explains why): they skip, never hide
            if (Math.abs(system.id().key().length() - length) > limit
                    || CharacterCounts.difference(counts, idCounts[i]) > 2 * limit) {
                continue;
            }
            int d = EditDistance.bounded(requested.key(), system.id().key(), limit);
            if (d < bestDistance) {
                best = system;
                bestDistance = d;
                if (d == 1) {
                    break;
                }
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Registry{" + systems.size() + " systems, unknownSystems=" + unknownSystems + "}";
    }
}
