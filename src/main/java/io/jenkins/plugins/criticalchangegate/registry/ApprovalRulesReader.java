package io.jenkins.plugins.criticalchangegate.registry;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code approvalRules:} (in {@code defaults} or a system): a list of {@code {group: NAME, count: N}} entries,
 * every one of which a gate must meet, by distinct people, each counting toward one rule only. {@code group} is a
 * group name or {@code user:<id>}; {@code count} a whole number of 1 or more; no group twice (ignoring case); a
 * {@code user:} rule may ask for one approval only (a person approves once).
 */
final class ApprovalRulesReader {
    static final List<String> KEYS = List.of("group", "count");

    private final Reading reading;

    ApprovalRulesReader(Reading reading) {
        this.reading = reading;
    }

    /** The rules that were read; those refused are reported and left out. */
    List<ApprovalRule> read(Node node) {
        List<ApprovalRule> rules = new ArrayList<>();
        SequenceNode seq = reading.values.sequence(node, "approvalRules");
        if (seq == null) {
            return rules;
        }
        if (seq.getValue().isEmpty()) {
            reading.problems.add(seq, "'approvalRules' is empty: list at least one {group: NAME, count: N}, or leave"
                    + " the key out");
            return rules;
        }
        Map<String, Node> seen = new HashMap<>();
        for (Node item : seq.getValue()) {
            MappingNode map = reading.values.mapping(item, "each entry of approvalRules");
            if (map == null) {
                continue;
            }
            Keyed keys = reading.keys.read(map, KEYS, "an approval rule");
            Node groupNode = reading.keys.required(keys, map, "group", "the group (or user:<id>) the approvals must"
                    + " come through");
            Node countNode = reading.keys.required(keys, map, "count", "how many approvals through that group");
            String group = groupNode == null ? null : reading.values.string(groupNode, "group");
            Integer count = countNode == null ? null : reading.values.integer(countNode, "count");
            if (count != null && count < 1) {
                reading.problems.add(countNode, "count must be at least 1, not " + count);
                continue;
            }
            if (group == null || count == null) {
                continue;
            }
            ApproverRef ref;
            try {
                ref = ApproverRef.parse(group);
            } catch (IllegalArgumentException e) {
                reading.problems.add(groupNode, e.getMessage());
                continue;
            }
            if (ref.isUser() && count > 1) {
                reading.problems.add(countNode, "the rule for " + ref + " asks for " + Counted.of(count, "approval") + ", but a"
                        + " single user approves once: use count: 1, or a group");
                continue;
            }
            Node first = seen.putIfAbsent(ref.toString().toLowerCase(Locale.ROOT), groupNode);
            if (first != null) {
                reading.problems.add(groupNode, "approval rule for '" + group + "' is listed twice (first at line "
                        + Problems.line(first) + "): give one rule per group with the count it needs");
                continue;
            }
            rules.add(ApprovalRule.of(ref, count));
        }
        return rules;
    }
}
