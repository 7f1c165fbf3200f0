package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Checks each overlay against every system it selects: it must not loosen any of the system's own rules (an overlay
 * exists to tighten), and the tightened system must still be possible to approve, alone and together with every
 * other overlay in force at the same time. Each problem names the overlay, the key and the system, at the key's
 * place; an overlay over many systems reports the first few and counts the rest, so one mistake is one screenful.
 */
final class OverlayChecks {
    /** Systems named one by one per overlay and key; the rest are counted in one more problem. */
    static final int SHOWN = 3;
    /** Systems named in that last problem. */
    private static final int NAMED = 10;

    /** One problem of one system. */
    private static final class Finding {
        final SystemId system;
        final String message;

        Finding(SystemId system, String message) {
            this.system = system;
            this.message = message;
        }
    }

    private final Problems problems;

    OverlayChecks(Problems problems) {
        this.problems = problems;
    }

    void check(List<OverlaysSection.Read> overlays, List<CriticalSystem> systems) {
        Map<CriticalSystem, List<OverlaysSection.Read>> fitting = new LinkedHashMap<>();
        for (OverlaysSection.Read read : overlays) {
            Map<String, List<Finding>> found = new LinkedHashMap<>();
            Map<String, Node> at = new LinkedHashMap<>();
            for (CriticalSystem system : systems) {
                if (!read.overlay.systems().selects(system)) {
                    continue;
                }
                List<Tightening.Loosening> loosenings = read.overlay.tightening().loosenings(system);
                for (Tightening.Loosening l : loosenings) {
                    found.computeIfAbsent(l.key, k -> new ArrayList<>()).add(new Finding(system.id(), "overlay '"
                            + read.overlay.name() + "' would loosen system '" + system.id() + "': " + l.detail
                            + "; an overlay may only tighten (leave '" + system.id() + "' out of its systems, or"
                            + " change the value)"));
                    at.putIfAbsent(l.key, node(read, l.key));
                }
                if (!loosenings.isEmpty()) {
                    continue;
                }
                String impossible = Approvability.problem(read.overlay.tightening().applyTo(system));
                if (impossible != null) {
                    found.computeIfAbsent("tighten", k -> new ArrayList<>()).add(new Finding(system.id(), "overlay '"
                            + read.overlay.name() + "' would make system '" + system.id() + "' impossible to"
                            + " approve: " + impossible));
                    at.putIfAbsent("tighten", read.tightenNode);
                } else {
                    fitting.computeIfAbsent(system, k -> new ArrayList<>()).add(read);
                }
            }
            for (Map.Entry<String, List<Finding>> e : found.entrySet()) {
                report(at.get(e.getKey()), e.getValue(), "overlay '" + read.overlay.name() + "': "
                        + e.getKey() + " has the same problem for");
            }
        }
        checkTogether(fitting);
    }

    /**
     * Overlays that are fine one by one may not be together: one narrows the approvers, another raises the count. For
     * each system, every set of two or more overlays in force at once is checked (the sets change only where an
     * overlay starts or ends).
     */
    private void checkTogether(Map<CriticalSystem, List<OverlaysSection.Read>> fitting) {
        Map<String, List<Finding>> found = new LinkedHashMap<>();
        Map<String, Node> at = new LinkedHashMap<>();
        for (Map.Entry<CriticalSystem, List<OverlaysSection.Read>> e : fitting.entrySet()) {
            List<OverlaysSection.Read> its = e.getValue();
            if (its.size() < 2) {
                continue;
            }
            TreeSet<Instant> boundaries = new TreeSet<>();
            for (OverlaysSection.Read read : its) {
                boundaries.add(read.overlay.start());
            }
            List<String> seen = new ArrayList<>();
            for (Instant t : boundaries) {
                List<OverlaysSection.Read> active = its.stream().filter(r -> r.overlay.inForceAt(t))
                        .collect(Collectors.toList());
                String names = active.stream().map(r -> "'" + r.overlay.name() + "'")
                        .collect(Collectors.joining(" and "));
                if (active.size() < 2 || seen.contains(names)) {
                    continue;
                }
                seen.add(names);
                CriticalSystem tightened = e.getKey();
                for (OverlaysSection.Read read : active) {
                    tightened = read.overlay.tightening().applyTo(tightened);
                }
                String impossible = Approvability.problem(tightened);
                if (impossible != null) {
                    found.computeIfAbsent(names, k -> new ArrayList<>()).add(new Finding(e.getKey().id(), "overlays "
                            + names + ", in force together from " + t + ", would make system '" + e.getKey().id()
                            + "' impossible to approve: " + impossible));
                    at.putIfAbsent(names, active.get(active.size() - 1).nameNode);
                }
            }
        }
        for (Map.Entry<String, List<Finding>> e : found.entrySet()) {
            report(at.get(e.getKey()), e.getValue(), "overlays " + e.getKey() + " have the same problem for");
        }
    }

    /** The first few messages one by one, then one that counts and names the rest. */
    private void report(Node at, List<Finding> findings, String rest) {
        for (int i = 0; i < Math.min(SHOWN, findings.size()); i++) {
            problems.add(at, findings.get(i).message);
        }
        if (findings.size() > SHOWN) {
            List<Finding> others = findings.subList(SHOWN, findings.size());
            String named = others.stream().limit(NAMED).map(f -> "'" + f.system + "'")
                    .collect(Collectors.joining(", "));
            problems.add(at, rest + " " + others.size() + " more system(s): " + named
                    + (others.size() > NAMED ? ", ..." : ""));
        }
    }

    /** Where a key of {@code tighten:} is written; {@code documentation.x} is looked up under documentation. */
    private static Node node(OverlaysSection.Read read, String key) {
        int dot = key.indexOf('.');
        Node node = read.tighten.get(dot < 0 ? key : key.substring(0, dot));
        if (node == null) {
            return read.tightenNode;
        }
        if (dot >= 0 && node instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode
                        && ((ScalarNode) tuple.getKeyNode()).getValue().equals(key.substring(dot + 1))) {
                    return tuple.getValueNode();
                }
            }
        }
        return node;
    }
}
