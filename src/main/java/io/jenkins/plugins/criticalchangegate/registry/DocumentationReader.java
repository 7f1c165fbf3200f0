package io.jenkins.plugins.criticalchangegate.registry;

import io.jenkins.plugins.criticalchangegate.documentation.RequiredSection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code documentation:} (in {@code defaults:} or a system): allowed hosts and required sections with the
 * documentation check's own syntax, and its booleans.
 */
final class DocumentationReader {
    static final List<String> KEYS = List.of("allowedHosts", "requireChangeId", "allowHttp", "requiredSections");
    private static final int MAX_SECTION_LENGTH = 1000;

    private final Reading reading;

    DocumentationReader(Reading reading) {
        this.reading = reading;
    }

    /** Reads the value of a {@code documentation} key into the policy keys it belongs to. */
    void read(Node node, PolicyKeys policy) {
        MappingNode map = reading.values.mapping(node, "documentation");
        if (map != null) {
            Keyed doc = reading.keys.read(map, KEYS, "documentation");
            Node hosts = doc.get("allowedHosts");
            if (hosts != null) {
                int before = reading.problems.count();
                policy.allowedHosts = allowedHosts(hosts);
                policy.allowedHostsRefused = reading.problems.count() > before;
            }
            Node changeId = doc.get("requireChangeId");
            if (changeId != null) {
                policy.requireChangeId = reading.values.bool(changeId, "requireChangeId");
            }
            Node http = doc.get("allowHttp");
            if (http != null) {
                policy.allowHttp = reading.values.bool(http, "allowHttp");
            }
            Node sections = doc.get("requiredSections");
            if (sections != null) {
                policy.requiredSections = requiredSections(sections);
            }
        }
    }

    private List<String> allowedHosts(Node node) {
        SequenceNode seq = reading.values.sequence(node, "allowedHosts");
        List<String> hosts = new ArrayList<>();
        if (seq == null) {
            return hosts;
        }
        for (Node item : seq.getValue()) {
            String text = reading.values.string(item, "allowedHosts");
            if (text == null) {
                continue;
            }
            String problem = AllowedHostSyntax.problem(text);
            if (problem != null) {
                reading.problems.add(item, problem);
            } else {
                hosts.add(text);
            }
        }
        return hosts;
    }

    /** A {@code /regex/} entry must compile; any other entry is literal text. */
    private List<String> requiredSections(Node node) {
        SequenceNode seq = reading.values.sequence(node, "requiredSections");
        List<String> sections = new ArrayList<>();
        if (seq == null) {
            return sections;
        }
        for (Node item : seq.getValue()) {
            String text = reading.values.string(item, "requiredSections");
            if (text == null) {
                continue;
            }
            if (text.length() > MAX_SECTION_LENGTH) {
                reading.problems.add(item, "a required section is at most " + MAX_SECTION_LENGTH + " characters long");
                continue;
            }
            try {
                // the rules the documentation check applies, so that what the registry accepts the check can use
                RequiredSection.parse(text);
            } catch (PatternSyntaxException e) {
                reading.problems.add(item, "required section '" + NodeValues.printable(text) + "' is not a valid regular"
                        + " expression: " + RegexWording.of(e));
                continue;
            } catch (IllegalArgumentException e) {
                reading.problems.add(item, e.getMessage());
                continue;
            }
            sections.add(text);
        }
        return sections;
    }
}
