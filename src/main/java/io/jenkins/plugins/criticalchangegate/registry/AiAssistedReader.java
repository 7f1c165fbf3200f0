package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code aiAssisted:} (in {@code defaults} or a system): {@code trailers}, the patterns that recognise an
 * AI-assisted commit ({@code built-in} or {@code {key: NAME, value: REGEX}}), and {@code require}, the stricter
 * requirement. Each value is checked where it stands; how it combines with the defaults and the system's own policy
 * is {@link AiAssistedResolver}'s.
 */
final class AiAssistedReader {
    static final List<String> KEYS = List.of("trailers", "require");
    static final List<String> REQUIRE_KEYS = List.of("requiredApprovals", "approvers", "requireDistinctGroups",
            "excludeCommitAuthors", "approvalRules");
    static final List<String> TRAILER_KEYS = List.of("key", "value");
    /** The entry of {@code trailers} that stands for {@link TrailerPattern#BUILT_IN}. */
    static final String BUILT_IN = "built-in";

    /** A requirement key written directly under aiAssisted is most likely meant one level down. */
    private static final List<KnownKeys.Home> REQUIRE_HOME = List.of(new KnownKeys.Home(REQUIRE_KEYS,
            "belongs under aiAssisted.require"));

    private final Reading reading;
    private final ApproversReader approvers;
    private final ApprovalRulesReader rules;

    AiAssistedReader(Reading reading) {
        this.reading = reading;
        this.approvers = new ApproversReader(reading);
        this.rules = new ApprovalRulesReader(reading);
    }

    AiAssistedKeys read(Node node) {
        AiAssistedKeys ai = new AiAssistedKeys(node);
        MappingNode map = reading.values.mapping(node, "aiAssisted");
        if (map == null || map.getValue().isEmpty()) {
            if (map != null) {
                reading.problems.add(map, "'aiAssisted' is empty: give require (what an AI-assisted change needs) and,"
                        + " if the built-in trailers do not suit, trailers");
            }
            ai.requireGiven = true; // reported: no second message for the missing require
            return ai;
        }
        Keyed keys = reading.keys.read(map, KEYS, "aiAssisted", REQUIRE_HOME);
        Node n = keys.get("trailers");
        if (n != null) {
            ai.trailers = trailers(n);
        }
        n = keys.get("require");
        if (n != null || keys.has("require")) {
            ai.requireGiven = true;
        }
        if (n != null) {
            require(n, ai);
        }
        return ai;
    }

    /** The patterns, {@code built-in} expanded; {@code null} when the list itself is refused (reported). */
    @CheckForNull
    private List<TrailerPattern> trailers(Node node) {
        SequenceNode seq = reading.values.sequence(node, "trailers");
        if (seq == null) {
            return null;
        }
        List<TrailerPattern> patterns = new ArrayList<>();
        Node builtIn = null;
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode) {
                String text = reading.values.string(item, "trailers");
                if (text == null) {
                    continue;
                }
                if (!text.equals(BUILT_IN)) {
                    reading.problems.add(item, "an entry of trailers is '" + BUILT_IN + "' (the built-in patterns) or"
                            + " {key: TRAILER-KEY, value: REGEX}, not '" + NodeValues.printable(text) + "'");
                } else if (builtIn != null) {
                    reading.problems.add(item, "'" + BUILT_IN + "' is listed twice in trailers (first at line "
                            + Problems.line(builtIn) + ")");
                } else {
                    builtIn = item;
                    patterns.addAll(TrailerPattern.BUILT_IN);
                }
                continue;
            }
            TrailerPattern pattern = pattern(item);
            if (pattern != null) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    @CheckForNull
    private TrailerPattern pattern(Node item) {
        MappingNode map = reading.values.mapping(item, "each entry of trailers");
        if (map == null) {
            return null;
        }
        Keyed keys = reading.keys.read(map, TRAILER_KEYS, "a trailer pattern");
        Node keyNode = reading.keys.required(keys, map, "key", "the trailer key, e.g. Co-authored-by");
        String key = keyNode == null ? null : reading.values.string(keyNode, "key");
        Node valueNode = keys.get("value");
        String value = valueNode == null ? null : reading.values.string(valueNode, "value");
        if (keyNode == null || key == null || valueNode != null && value == null) {
            return null;
        }
        try {
            return TrailerPattern.of(key, value);
        } catch (PatternSyntaxException e) {
            reading.problems.add(valueNode == null ? keyNode : valueNode, "trailer value pattern '"
                    + NodeValues.printable(e.getPattern()) + "' is not a valid regular expression: "
                    + RegexWording.of(e));
        } catch (IllegalArgumentException e) {
            boolean aboutKey = valueNode == null || e.getMessage().startsWith("trailer key");
            reading.problems.add(aboutKey ? keyNode : valueNode, e.getMessage());
        }
        return null;
    }

    private void require(Node node, AiAssistedKeys ai) {
        MappingNode map = reading.values.mapping(node, "require");
        if (map == null) {
            return;
        }
        if (map.getValue().isEmpty()) {
            reading.problems.add(map, "'require' is empty: give at least one of " + String.join(", ", REQUIRE_KEYS));
            return;
        }
        Keyed keys = reading.keys.read(map, REQUIRE_KEYS, "aiAssisted.require");
        Node n = keys.get("requiredApprovals");
        if (n != null) {
            Integer value = reading.values.integer(n, "requiredApprovals");
            if (value != null && value < 1) {
                reading.problems.add(n, "requiredApprovals must be at least 1, not " + value);
            } else if (value != null) {
                ai.requiredApprovals = value;
                ai.requiredApprovalsNode = n;
            }
        }
        n = keys.get("approvers");
        if (n != null) {
            int before = reading.problems.count();
            List<ApproverRef> listed = approvers.read(n);
            if (reading.problems.count() == before && !listed.isEmpty()) {
                ai.approvers = listed;
                ai.approversNode = n;
            }
        }
        n = keys.get("requireDistinctGroups");
        if (n != null) {
            ai.requireDistinctGroups = reading.values.bool(n, "requireDistinctGroups");
        }
        n = keys.get("excludeCommitAuthors");
        if (n != null) {
            ai.excludeCommitAuthors = reading.values.bool(n, "excludeCommitAuthors");
        }
        n = keys.get("approvalRules");
        if (n != null) {
            ai.approvalRules = rules.read(n);
        }
    }
}
