package io.jenkins.plugins.criticalchangegate.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What {@code registry lint} warns about in a valid registry: nothing the gate refuses, but weaknesses a reviewer of
 * the file should see (issue 17). Each warning is a {@link RegistryProblem} at the node it is about.
 * <ul>
 * <li>job globs of different systems that overlap where the systems' rules differ: a job both bind may name either
 * system ({@link Registry#resolve}), so it can sidestep the stricter one;</li>
 * <li>a system whose only approver is one user: no one else can approve, and with excludeCommitAuthors their own
 * changes can never pass;</li>
 * <li>very short ids: within {@value Registry#TYPO_DISTANCE} edits of many unrelated ids, which the gate then refuses
 * with "did you mean".</li>
 * </ul>
 */
final class RegistryWarnings {
    /** Ids this long or shorter are warned about. */
    static final int SHORT_ID = Registry.TYPO_DISTANCE + 1;

    private final Problems found;

    private RegistryWarnings(String source) {
        this.found = new Problems(source);
    }

    /** The warnings for a registry read from {@code root} (so that each has its place), in file order. */
    static List<RegistryProblem> of(Node root, Registry registry, String source) {
        RegistryWarnings warnings = new RegistryWarnings(source);
        warnings.check(root, registry);
        return warnings.found.sorted();
    }

    private void check(Node root, Registry registry) {
        Map<SystemId, MappingNode> entries = entries(root);
        List<Binding> bindings = new ArrayList<>();
        for (CriticalSystem system : registry.systems()) {
            MappingNode entry = entries.get(system.id());
            if (entry == null) {
                continue; // a valid registry has an entry for each system; nothing to point at otherwise
            }
            Node idNode = value(entry, "id");
            if (system.id().value().length() <= SHORT_ID) {
                add(idNode != null ? idNode : entry, "warning: id '" + system.id() + "' is very short ("
                        + system.id().value().length() + " characters): any unknown id within "
                        + Registry.TYPO_DISTANCE + " edits of it is refused as a typo ('did you mean'); use a"
                        + " descriptive id such as checkout-service");
            }
            if (system.approvers().size() == 1 && system.approvers().get(0).isUser()) {
                Node at = value(entry, "approvers");
                add(at != null ? at : entry, "warning: system '" + system.id() + "' has a single possible approver ("
                        + system.approvers().get(0) + "): no one else can approve a change"
                        + (system.excludeCommitAuthors() ? ", and their own changes can never pass" : "")
                        + "; list a group or more users");
            }
            Node jobs = value(entry, "jobs");
            if (jobs instanceof SequenceNode) {
                for (Node job : ((SequenceNode) jobs).getValue()) {
                    if (job instanceof ScalarNode) {
                        bindings.add(new Binding(bindings.size(), system,
                                JobPattern.compile(((ScalarNode) job).getValue()), job));
                    }
                }
            }
        }
        overlaps(bindings);
    }

    /**
     * Two globs can overlap only when the literal prefix of one is a prefix of the other's: so each glob is compared
     * with the globs filed under its own prefix and the prefixes above it, not with every glob of the registry.
     */
    private void overlaps(List<Binding> bindings) {
        Map<List<String>, List<Binding>> byPrefix = new HashMap<>();
        for (Binding b : bindings) {
            byPrefix.computeIfAbsent(b.pattern.literalPrefix(), k -> new ArrayList<>()).add(b);
        }
        for (Binding b : bindings) {
            List<String> prefix = b.pattern.literalPrefix();
            for (int length = prefix.size(); length >= 0; length--) {
                List<Binding> others = byPrefix.getOrDefault(prefix.subList(0, length), List.of());
                for (Binding other : others) {
                    // each pair once: the one filed deeper, or the later one at the same prefix, reports it
                    if (length == prefix.size() && other.index >= b.index
                            || other.system == b.system || sameRules(other.system, b.system)
                            || !other.pattern.overlaps(b.pattern)) {
                        continue;
                    }
                    add(b.at, "warning: jobs '" + b.pattern + "' of system '" + b.system.id() + "' and '"
                            + other.pattern + "' of system '" + other.system.id() + "' (line " + Problems.line(other.at)
                            + ") overlap, and the two systems' rules differ: a job matching both may name either"
                            + " system and pass by the weaker rules; bind each job to one system");
                }
            }
        }
    }

    /** The rules a change must pass, everything but what names and describes the system. */
    static boolean sameRules(CriticalSystem a, CriticalSystem b) {
        return a.approvers().equals(b.approvers()) && a.requiredApprovals() == b.requiredApprovals()
                && a.requireDistinctGroups() == b.requireDistinctGroups()
                && a.excludeCommitAuthors() == b.excludeCommitAuthors()
                && a.approvalTimeout().equals(b.approvalTimeout()) && a.documentation().equals(b.documentation())
                && a.approvalRules().equals(b.approvalRules()) && a.aiAssisted().equals(b.aiAssisted())
                && a.emergency().equals(b.emergency())
                && Objects.equals(a.credentialsReleaseWindow(), b.credentialsReleaseWindow());
    }

    private Map<SystemId, MappingNode> entries(Node root) {
        Map<SystemId, MappingNode> entries = new HashMap<>();
        Node systems = root instanceof MappingNode ? value((MappingNode) root, "systems") : null;
        if (systems instanceof SequenceNode) {
            for (Node entry : ((SequenceNode) systems).getValue()) {
                if (entry instanceof MappingNode) {
                    Node id = value((MappingNode) entry, "id");
                    if (id instanceof ScalarNode) {
                        entries.putIfAbsent(SystemId.of("id", ((ScalarNode) id).getValue()), (MappingNode) entry);
                    }
                }
            }
        }
        return entries;
    }

    @edu.umd.cs.findbugs.annotations.CheckForNull
    private static Node value(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode && ((ScalarNode) tuple.getKeyNode()).getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private void add(Node at, String message) {
        found.add(at, message);
    }

    /** One glob of one system, and where it is written. */
    private static final class Binding {
        final int index;
        final CriticalSystem system;
        final JobPattern pattern;
        final Node at;

        Binding(int index, CriticalSystem system, JobPattern pattern, Node at) {
            this.index = index;
            this.system = system;
            this.pattern = pattern;
            this.at = at;
        }
    }
}
