package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code jobs} of each system in turn, remembering which system each glob is bound to: the same glob
 * (ignoring case) may be bound once, in one system or two. One per {@code systems:} list.
 */
final class JobBindings {
    private final Reading reading;
    /**
     * Each glob bound so far, numbered; where it was bound is in the arrays below at its number (an entry object per
     * glob, alive until the registry is built, was copied by every young collection of a large registry's parse).
     */
    private final FirstSeen<JobPattern> bound = new FirstSeen<>();
    /**
     * The id of the system each glob is bound to (kept by the registry anyway), not its description: one string
     * less per system kept; {@code null} for a system without an id ({@link SystemReader#where} names it then by its
     * entry's line).
     */
    private SystemId[] systems = new SystemId[16];
    private int[] entryLines = new int[16];
    private int[] lines = new int[16];
    /** The globs' segments, shared: the registry keeps every glob, and most repeat their folders and job names. */
    private final SegmentTexts segments = new SegmentTexts();

    JobBindings(Reading reading) {
        this.reading = reading;
    }

    /**
     * @param system the system's id, {@code null} when it has none ({@link SystemReader#where} names it then by
     *     {@code entryLine})
     * @return the globs bound to it, compiled (once: the registry's job index takes them as they are); those refused
     *     are reported and left out
     */
    List<JobPattern> read(Node node, @CheckForNull SystemId system, int entryLine) {
        SequenceNode seq = reading.values.sequence(node, "jobs");
        List<JobPattern> jobs = new ArrayList<>(seq == null ? 0 : seq.getValue().size());
        if (seq != null) {
            if (system != null) {
                segments.of(system.key()); // a system's globs usually name its folder after its id: the same string
            }
            for (Node item : seq.getValue()) {
                String text = reading.values.string(item, "jobs");
                if (text == null) {
                    continue;
                }
                try {
                    JobPattern pattern = JobPattern.compile(text, segments);
                    int owner = bound.addIfAbsent(pattern);
                    if (owner >= 0) {
                        reading.problems.add(item, "job pattern '" + text + "' is already bound to "
                                + SystemReader.where(systems[owner], entryLines[owner]) + " (line " + lines[owner]
                                + "): a job can be bound to one system only");
                    } else {
                        remember(bound.size() - 1, system, entryLine, Problems.line(item));
                        jobs.add(pattern);
                    }
                } catch (IllegalArgumentException e) {
                    reading.problems.add(item, e.getMessage());
                }
            }
        }
        return jobs;
    }

    private void remember(int number, @CheckForNull SystemId system, int entryLine, int line) {
        if (number == systems.length) {
            systems = Arrays.copyOf(systems, number * 2);
            entryLines = Arrays.copyOf(entryLines, number * 2);
            lines = Arrays.copyOf(lines, number * 2);
        }
        systems[number] = system;
        entryLines[number] = entryLine;
        lines[number] = line;
    }
}
