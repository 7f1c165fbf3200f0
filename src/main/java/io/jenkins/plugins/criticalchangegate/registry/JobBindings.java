package io.jenkins.plugins.criticalchangegate.registry;

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

    private static final class Binding {
        final String system;
        final int line;

        Binding(String system, int line) {
            this.system = system;
            this.line = line;
        }

        @Override
        public String toString() {
            return system + " (line " + line + ")";
        }
    }

    JobBindings(Reading reading) {
        this.reading = reading;
    }

    /**
     * @param system how messages name the system, e.g. {@code system 'checkout-service'}
     * @return the globs bound to it, compiled (once: the registry's job index takes them as they are); those refused
     *     are reported and left out
     */
    List<JobPattern> read(Node node, String system) {
        List<JobPattern> jobs = new ArrayList<>();
        SequenceNode seq = reading.values.sequence(node, "jobs");
        if (seq != null) {
            for (Node item : seq.getValue()) {
                String text = reading.values.string(item, "jobs");
                if (text == null) {
                    continue;
                }
                try {
                    JobPattern pattern = JobPattern.compile(text);
                    Binding owner = bound.putIfAbsent(pattern, new Binding(system, Problems.line(item)));
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
