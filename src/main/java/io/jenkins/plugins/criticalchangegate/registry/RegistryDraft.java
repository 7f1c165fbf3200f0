package io.jenkins.plugins.criticalchangegate.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the top-level sections of one document have read so far: each fills in its own part, and may use a part
 * that a section read before it (systems use the defaults).
 */
final class RegistryDraft {
    UnknownSystems unknownSystems = UnknownSystems.DENY;
    PolicyKeys defaults = new PolicyKeys();
    final List<CriticalSystem> systems = new ArrayList<>();
    /** The job globs of each system, compiled once, in {@link #systems} order. */
    private final List<List<JobPattern>> jobPatterns = new ArrayList<>();
    /**
     * Every id listed in systems, those of entries with problems included, so a time rule naming one is not wrong.
     * The streamed reading puts its reader's own set here rather than a copy of 100,000 ids (docs/performance.md).
     */
    Set<SystemId> listedIds = new HashSet<>();
    final List<Overlay> overlays = new ArrayList<>();
    final List<Freeze> freezes = new ArrayList<>();
    final List<DeploymentWindow> windows = new ArrayList<>();

    void add(CriticalSystem system, List<JobPattern> jobs) {
        systems.add(system);
        // an immutable copy: one object per system kept until the registry is built, where the reader's list is two
        jobPatterns.add(List.copyOf(jobs));
    }

    /** The registry, once every section has read its part without a problem. */
    Registry build() {
        return new Registry(unknownSystems, systems, new TimeRules(overlays, freezes, windows), jobPatterns);
    }
}
