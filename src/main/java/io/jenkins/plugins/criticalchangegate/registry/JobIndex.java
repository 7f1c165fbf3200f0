package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.text.Counted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the systems whose {@code jobs:} globs match a job full name without testing every glob: each glob sits in a
 * tree of folder names at the end of its literal prefix ({@code retail/checkout/**} under {@code retail} then
 * {@code checkout}), and a lookup walks the job's own folders from the root, testing only the globs met on the way.
 * The work per lookup depends on the job's depth and on the globs that share its folders, not on the registry's size.
 *
 * <p>Globs that start with a wildcard ({@code *}{@code /deploy}) sit at the root and are tested for every job:
 * a registry made mostly of those is scanned linearly (docs/registry.md says so).
 */
final class JobIndex {
    private static final class Entry {
        final JobPattern pattern;
        final CriticalSystem system;

        Entry(JobPattern pattern, CriticalSystem system) {
            this.pattern = pattern;
            this.system = system;
        }
    }

    private static final class Folder {
        /** {@code null} for a leaf: a registry of 100,000 systems has about as many leaves, each a map otherwise. */
        @CheckForNull
        Map<String, Folder> children;
        final List<Entry> entries = new ArrayList<>(1);

        Folder child(String segment) {
            if (children == null) {
                children = new HashMap<>();
            }
            return children.computeIfAbsent(segment, k -> new Folder());
        }

        @CheckForNull
        Folder get(String segment) {
            return children == null ? null : children.get(segment);
        }
    }

    private final Folder root = new Folder();

    /**
     * @param compiled each system's jobs already compiled, in the order of {@code systems}; {@code null}: compile them
     *     here
     */
    JobIndex(List<CriticalSystem> systems, @CheckForNull List<List<JobPattern>> compiled) {
        if (compiled != null && compiled.size() != systems.size()) {
            throw new IllegalArgumentException("compiled jobs for " + compiled.size() + " of "
                    + Counted.of(systems.size(), "system"));
        }
        for (int i = 0; i < systems.size(); i++) {
            CriticalSystem system = systems.get(i);
            List<JobPattern> patterns = compiled != null ? compiled.get(i) : compile(system.jobs());
            for (JobPattern pattern : patterns) {
                Folder folder = root;
                for (int s = 0, n = pattern.literalPrefixLength(); s < n; s++) {
                    folder = folder.child(pattern.segment(s));
                }
                folder.entries.add(new Entry(pattern, system));
            }
        }
    }

    private static List<JobPattern> compile(List<String> jobs) {
        List<JobPattern> patterns = new ArrayList<>(jobs.size());
        for (String job : jobs) {
            patterns.add(JobPattern.compile(job));
        }
        return patterns;
    }

    /** The systems bound to the job, in the order their globs are met; usually none or one. */
    List<CriticalSystem> systemsFor(String jobFullName) {
        List<CriticalSystem> found = new ArrayList<>(1);
        String[] names = JobPattern.segmentsOf(jobFullName);
        Folder folder = root;
        collect(folder, names, found);
        for (String segment : names) {
            folder = folder.get(segment);
            if (folder == null) {
                break;
            }
            collect(folder, names, found);
        }
        return found;
    }

    private static void collect(Folder folder, String[] names, List<CriticalSystem> found) {
        for (Entry entry : folder.entries) {
            // identity: a registry holds each system once, and the list is tiny
            if (entry.pattern.matches(names) && found.stream().noneMatch(s -> s == entry.system)) {
                found.add(entry.system);
            }
        }
    }
}
