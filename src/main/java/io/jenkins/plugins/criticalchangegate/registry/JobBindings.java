package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code jobs} of each system in turn, remembering which system each glob is bound to: the same glob
 * (ignoring case) may be bound once, in one system or two. One per {@code systems:} list.
 */
final class JobBindings {
    private final Reading reading;
    /** Each glob bound so far, with where: described only for a glob bound twice, since that is rare. */
    private final Map<JobPattern, Binding> bound = new HashMap<>();
    /** The globs' segments, shared: the registry keeps every glob, and most repeat their folders and job names. */
    private final SegmentTexts segments = new SegmentTexts();

    private static final class Binding {
        /** The system's id (kept by the registry anyway), not its description: one string less per system kept. */
        @CheckForNull
        final SystemId system;
        final int entryLine;
        final int line;

        Binding(@CheckForNull SystemId system, int entryLine, int line) {
            this.system = system;
            this.entryLine = entryLine;
            this.line = line;
        }

        @Override
        public String toString() {
            return SystemReader.where(system, entryLine) + " (line " + line + ")";
        }
    }

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
            for (Node item : seq.getValue()) {
                String text = reading.values.string(item, "jobs");
                if (text == null) {
                    continue;
                }
                try {
                    JobPattern pattern = JobPattern.compile(text, segments);
                    Binding owner = bound.putIfAbsent(pattern, new Binding(system, entryLine, Problems.line(item)));
                    if (owner != null) {
                        reading.problems.add(item, "job pattern '" + text + "' is already bound to " + owner
                                + ": a job can be bound to one system only");
                    } else {
                        jobs.add(pattern);
                    }
                } catch (IllegalArgumentException e) {
                    reading.problems.add(item, e.getMessage());
                }
            }
        }
        return jobs;
    }
}
