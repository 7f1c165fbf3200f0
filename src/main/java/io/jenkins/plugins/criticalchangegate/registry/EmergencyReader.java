package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code emergency:} (in {@code defaults} or a system): {@code approvers}, {@code requiredApprovals},
 * {@code incidentPattern}, {@code reviewWithin}, {@code reviewers}. Each value is checked where it stands; how it
 * combines with the defaults is {@link EmergencyResolver}'s.
 */
final class EmergencyReader {
    static final List<String> KEYS = List.of("approvers", "requiredApprovals", "incidentPattern", "reviewWithin",
            "reviewers");

    private final Reading reading;
    private final ApproversReader approvers;
    private final DurationReader durations;

    EmergencyReader(Reading reading) {
        this.reading = reading;
        this.approvers = new ApproversReader(reading);
        this.durations = new DurationReader(reading);
    }

    EmergencyKeys read(Node node) {
        EmergencyKeys keys = new EmergencyKeys(node);
        MappingNode map = reading.values.mapping(node, "emergency");
        if (map == null) {
            keys.refused = true;
            return keys;
        }
        if (map.getValue().isEmpty()) {
            reading.problems.add(map, "'emergency' is empty: give approvers, reviewers and reviewWithin (and, if"
                    + " need be, requiredApprovals and incidentPattern), or leave emergency out for no emergency path");
            keys.refused = true;
            return keys;
        }
        Keyed keyed = reading.keys.read(map, KEYS, "emergency");
        int before = reading.problems.count();
        Node n = keyed.get("approvers");
        if (n != null) {
            keys.approvers = refs(n, "emergency.approvers");
        }
        n = keyed.get("reviewers");
        if (n != null) {
            keys.reviewers = refs(n, "emergency.reviewers");
        }
        n = keyed.get("requiredApprovals");
        if (n != null) {
            Integer value = reading.values.integer(n, "requiredApprovals");
            if (value != null && value < 1) {
                reading.problems.add(n, "emergency.requiredApprovals must be at least 1, not " + value);
            } else if (value != null) {
                keys.requiredApprovals = value;
                keys.requiredApprovalsNode = n;
            }
        }
        n = keyed.get("incidentPattern");
        if (n != null) {
            keys.incidentPattern = pattern(n);
        }
        n = keyed.get("reviewWithin");
        if (n != null) {
            keys.reviewWithin = durations.duration(n, "emergency.reviewWithin");
        }
        keys.refused = reading.problems.count() > before;
        return keys;
    }

    /** The listed approvers or reviewers; {@code null} when refused or empty (reported). */
    @CheckForNull
    private List<ApproverRef> refs(Node node, String key) {
        int before = reading.problems.count();
        List<ApproverRef> listed = approvers.read(node, key);
        return reading.problems.count() == before && !listed.isEmpty() ? listed : null;
    }

    @CheckForNull
    private String pattern(Node node) {
        String text = reading.values.string(node, "incidentPattern");
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            reading.problems.add(node, "emergency.incidentPattern is empty: give a regular expression such as"
                    + " 'INC-[0-9]+', or leave it out to accept any incident id");
            return null;
        }
        try {
            EmergencyPolicy.compile(text);
            return text;
        } catch (PatternSyntaxException e) {
            reading.problems.add(node, "emergency.incidentPattern '" + NodeValues.printable(text) + "' is not a valid"
                    + " regular expression: " + RegexWording.of(e));
            return null;
        }
    }
}
