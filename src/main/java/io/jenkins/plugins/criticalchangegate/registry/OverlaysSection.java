package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code overlays:} is a list of named, time-boxed tightenings: {@code name}, {@code start}, {@code end},
 * {@code zone} (needed unless both times carry an offset), {@code systems} and {@code tighten} (any policy key, and
 * {@code approvers} to narrow them). Every overlay is then checked against each system it selects
 * ({@link OverlayChecks}): it may never loosen a system's own rule, nor make it impossible to approve.
 */
final class OverlaysSection implements SectionReader {
    static final List<String> KEYS = List.of("name", "start", "end", "zone", "systems", "tighten");
    static final List<String> TIGHTEN_KEYS = concat(PolicyReader.KEYS.stream()
            .filter(k -> !k.equals(PolicyReader.CREDENTIALS_RELEASE_WINDOW) && !k.equals(PolicyReader.NOTIFY)).collect(Collectors.toList()), "approvers");

    /** One overlay as read, with the nodes its problems are reported at. */
    static final class Read {
        final Overlay overlay;
        final Node nameNode;
        final MappingNode tightenNode;
        final Keyed tighten;

        Read(Overlay overlay, Node nameNode, MappingNode tightenNode, Keyed tighten) {
            this.overlay = overlay;
            this.nameNode = nameNode;
            this.tightenNode = tightenNode;
            this.tighten = tighten;
        }
    }

    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) {
        SequenceNode list = reading.values.sequence(value, "overlays");
        if (list == null) {
            return;
        }
        TimeRuleReader common = new TimeRuleReader(reading, draft, "overlay");
        List<Read> read = new ArrayList<>();
        for (Node entry : list.getValue()) {
            Read overlay = overlay(entry, reading, common);
            if (overlay != null) {
                read.add(overlay);
                draft.overlays.add(overlay.overlay);
            }
        }
        new OverlayChecks(reading.problems).check(read, draft.systems);
    }

    @CheckForNull
    private static Read overlay(Node entry, Reading reading, TimeRuleReader common) {
        int before = reading.problems.count();
        MappingNode map = reading.values.mapping(entry, "each entry of 'overlays'");
        if (map == null) {
            return null;
        }
        Keyed keys = reading.keys.read(map, KEYS, "an overlay");
        String name = common.name(keys, map, true);
        Node zoneNode = keys.get("zone");
        ZoneId zone = common.zone(zoneNode);
        Instant[] period = common.period(keys, map, zone, zoneNode != null);
        SystemSelection systems = common.systems(keys, map);
        Node tightenNode = reading.keys.required(keys, map, "tighten", "the policy keys it tightens, e.g."
                + " {requiredApprovals: 3}");
        MappingNode tightenMap = tightenNode == null ? null : reading.values.mapping(tightenNode, "tighten");
        Keyed tighten = null;
        Tightening tightening = null;
        if (tightenMap != null) {
            tighten = reading.keys.read(tightenMap, TIGHTEN_KEYS, "tighten");
            if (tighten.noKnownKey() && tightenMap.getValue().isEmpty()) {
                reading.problems.add(tightenMap, "'tighten' is empty: give the keys the overlay tightens, e.g."
                        + " {requiredApprovals: 3}");
            }
            PolicyKeys policy = new PolicyReader(reading).read(tighten);
            Node approvers = tighten.get("approvers");
            tightening = new Tightening(policy, approvers == null ? null : new ApproversReader(reading)
                    .read(approvers));
        }
        Node nameNode = keys.get("name");
        if (reading.problems.count() > before || name == null || nameNode == null || period == null
                || systems == null || tightenMap == null || tighten == null || tightening == null) {
            return null;
        }
        return new Read(new Overlay(name, period[0], period[1], systems, tightening), nameNode, tightenMap, tighten);
    }

    /** Without {@code emergency}: time rules never apply to the break-glass path (issue 16), so nor do overlays. */
    private static List<String> concat(List<String> keys, String more) {
        List<String> all = new ArrayList<>(keys);
        all.remove("emergency");
        all.add(more);
        return List.copyOf(all);
    }
}
