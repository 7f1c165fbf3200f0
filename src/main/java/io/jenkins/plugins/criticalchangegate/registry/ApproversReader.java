package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
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

    /** How many parsed entries are remembered: a registry names far fewer distinct groups. */
    private static final int SHARED = 1024;
    private final String[] sharedTexts = new String[SHARED];
    private final ApproverRef[] sharedRefs = new ApproverRef[SHARED];

    /**
     * The entry parsed, the same (immutable) value as last time for text seen before: groups are named by system
     * after system, and for a large registry one value each was a visible share of what it keeps, which the garbage
     * collector copies (docs/performance.md). A bounded table, overwritten on collision.
     */
    private ApproverRef parse(String text) {
        int slot = text.hashCode() & SHARED - 1;
        if (text.equals(sharedTexts[slot])) {
            return sharedRefs[slot];
        }
        ApproverRef ref = ApproverRef.parse(text);
        sharedTexts[slot] = text;
        sharedRefs[slot] = ref;
        return ref;
    }

    /** The approvers that were read; those refused are reported and left out. */
    List<ApproverRef> read(Node node) {
        return read(node, "approvers");
    }

    /** As {@link #read(Node)}, for a list of the same syntax under another key (e.g. emergency.reviewers). */
    List<ApproverRef> read(Node node, String key) {
        SequenceNode seq = reading.values.sequence(node, key);
        List<ApproverRef> approvers = new ArrayList<>(seq == null ? 0 : seq.getValue().size());
        if (seq != null && seq.getValue().isEmpty()) {
            reading.problems.add(seq, "'" + key + "' is empty: list at least one group or user:<id>");
        } else if (seq != null) {
            SeenApprovers seen = new SeenApprovers(seq.getValue().size());
            for (Node item : seq.getValue()) {
                String text = reading.values.string(item, key);
                if (text == null) {
                    continue;
                }
                try {
                    ApproverRef ref = parse(text);
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

    /**
     * The approvers of one list seen so far, by their key, with where each was first written: searched in order
     * while the list is short (it is read for every system; a hash map each was a visible share of a large registry's
     * allocation, docs/performance.md), hashed beyond, so that a long list stays linear.
     */
    private static final class SeenApprovers {
        private static final int LINEAR = 8;
        private final List<String> keys;
        private final List<Node> nodes;
        @CheckForNull
        private Map<String, Node> index;

        SeenApprovers(int expected) {
            keys = new ArrayList<>(Math.min(expected, LINEAR));
            nodes = new ArrayList<>(Math.min(expected, LINEAR));
        }

        /** Where the key was first seen, or {@code null} when this is its first time (it is then remembered). */
        @CheckForNull
        Node putIfAbsent(String key, Node node) {
            if (index != null) {
                return index.putIfAbsent(key, node);
            }
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).equals(key)) {
                    return nodes.get(i);
                }
            }
            keys.add(key);
            nodes.add(node);
            if (keys.size() > LINEAR) {
                Map<String, Node> hashed = new HashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    hashed.put(keys.get(i), nodes.get(i));
                }
                index = hashed;
            }
            return null;
        }
    }
}
