package io.jenkins.plugins.criticalchangegate.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a system's {@code approvers}: groups and {@code user:<id>} entries, at least one, none twice (ignoring
 * case).
 */
final class ApproversReader {
    private final Reading reading;

    ApproversReader(Reading reading) {
        this.reading = reading;
    }

    /** The approvers that were read; those refused are reported and left out. */
    List<ApproverRef> read(Node node) {
        return read(node, "approvers");
    }

    /** As {@link #read(Node)}, for a list of the same syntax under another key (e.g. emergency.reviewers). */
    List<ApproverRef> read(Node node, String key) {
        List<ApproverRef> approvers = new ArrayList<>();
        SequenceNode seq = reading.values.sequence(node, key);
        if (seq != null && seq.getValue().isEmpty()) {
            reading.problems.add(seq, "'" + key + "' is empty: list at least one group or user:<id>");
        } else if (seq != null) {
            Map<String, Node> seen = new HashMap<>();
            for (Node item : seq.getValue()) {
                String text = reading.values.string(item, key);
                if (text == null) {
                    continue;
                }
                try {
                    ApproverRef ref = ApproverRef.parse(text);
                    Node first = seen.putIfAbsent(ref.toString().toLowerCase(Locale.ROOT), item);
                    if (first != null) {
                        reading.problems.add(item, "'" + text + "' is listed twice in " + key + " (first at line "
                                + Problems.line(first) + ")");
                    } else {
                        approvers.add(ref);
                    }
                } catch (IllegalArgumentException e) {
                    reading.problems.add(item, e.getMessage());
                }
            }
        }
        return approvers;
    }
}
