package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.text.Counted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /**
     * A folder of the tree. Kept small because a registry of 100,000 systems has about as many folders, all alive
     * while the registry is (and copied by every young collection while it is being built): no map for a folder with
     * one child (most have one or none), and its globs as two arrays rather than a list of pairs.
     */
    private static final class Folder {
        private static final JobPattern[] NO_PATTERNS = {};
        private static final CriticalSystem[] NO_SYSTEMS = {};
        private static final Folder[] NO_FOLDERS = {};

        /** The only child while there is one; {@code null} with {@link #children} also {@code null}: a leaf. */
        @CheckForNull
        String onlySegment;
        @CheckForNull
        Folder onlyChild;
        /**
         * Every child's segment, once there are two or more, numbered as {@link #children} holds them: no hash-map
         * entry per child (a folder of an organisation may have thousands of systems' folders).
         */
        @CheckForNull
        FirstSeen<String> childSegments;
        Folder[] children = NO_FOLDERS;
        /**
         * The first glob that ends its literal prefix here, with its system (most folders have one glob or none);
         * {@code null} when none does.
         */
        @CheckForNull
        JobPattern firstPattern;
        @CheckForNull
        CriticalSystem firstSystem;
        /** The globs after the first, each with its system at the same position; {@link #more} slots used. */
        JobPattern[] morePatterns = NO_PATTERNS;
        CriticalSystem[] moreSystems = NO_SYSTEMS;
        /** They grow by doubling: the root may hold many globs. */
        int more;

        Folder child(String segment) {
            if (childSegments != null) {
                return childOf(segment);
            }
            String name = onlySegment;
            Folder only = onlyChild;
            if (name == null || only == null) {
                Folder made = new Folder();
                onlySegment = segment;
                onlyChild = made;
                return made;
            }
            if (segment.equals(name)) {
                return only;
            }
            children = new Folder[4];
            children[0] = only;
            childOf(name); // number 0: the child just placed
            onlySegment = null;
            onlyChild = null;
            return childOf(segment);
        }

        /** The child under {@code segment} once there is more than one, made when missing. */
        private Folder childOf(String segment) {
            FirstSeen<String> segments = childSegments;
            if (segments == null) {
                segments = new FirstSeen<>();
                childSegments = segments;
            }
            Folder[] folders = children;
            int number = segments.addIfAbsent(segment);
            if (number >= 0) {
                return folders[number];
            }
            number = segments.size() - 1;
            if (number == folders.length) {
                folders = Arrays.copyOf(folders, number * 2);
                children = folders;
            }
            if (folders[number] == null) {
                folders[number] = new Folder();
            }
            return folders[number];
        }

        @CheckForNull
        Folder get(String segment) {
            FirstSeen<String> segments = childSegments;
            if (segments != null) {
                int number = segments.numberOf(segment);
                return number < 0 ? null : children[number];
            }
            return segment.equals(onlySegment) ? onlyChild : null;
        }

        void add(JobPattern pattern, CriticalSystem system) {
            if (firstPattern == null) {
                firstPattern = pattern;
                firstSystem = system;
                return;
            }
            if (more == morePatterns.length) {
                int capacity = Math.max(1, more * 2);
                morePatterns = Arrays.copyOf(morePatterns, capacity);
                moreSystems = Arrays.copyOf(moreSystems, capacity);
            }
            morePatterns[more] = pattern;
            moreSystems[more] = system;
            more++;
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
                folder.add(pattern, system);
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
        JobPattern first = folder.firstPattern;
        CriticalSystem system = folder.firstSystem;
        if (first == null || system == null) {
            return;
        }
        collect(first, system, names, found);
        for (int i = 0; i < folder.more; i++) {
            collect(folder.morePatterns[i], folder.moreSystems[i], names, found);
        }
    }

    private static void collect(JobPattern pattern, CriticalSystem system, String[] names, List<CriticalSystem> found) {
        // identity: a registry holds each system once, and the list is tiny
        if (pattern.matches(names) && found.stream().noneMatch(s -> s == system)) {
            found.add(system);
        }
    }
}
