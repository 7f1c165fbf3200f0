package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code freezes:} is a list of named periods in which the selected systems take no change: {@code name},
 * {@code start}, {@code end}, {@code zone} (needed unless both times carry an offset), {@code systems}, and
 * {@code mode}: {@code deny} (a gate requested in it is DENIED) or {@code hold} (it collects approvals and decides
 * when the freeze ends).
 */
final class FreezesSection implements SectionReader {
    static final List<String> KEYS = List.of("name", "start", "end", "zone", "systems", "mode");

    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) {
        SequenceNode list = reading.values.sequence(value, "freezes");
        if (list == null) {
            return;
        }
        TimeRuleReader common = new TimeRuleReader(reading, draft, "freeze");
        for (Node entry : list.getValue()) {
            int before = reading.problems.count();
            MappingNode map = reading.values.mapping(entry, "each entry of 'freezes'");
            if (map == null) {
                continue;
            }
            Keyed keys = reading.keys.read(map, KEYS, "a freeze");
            String name = common.name(keys, map, true);
            Node zoneNode = keys.get("zone");
            ZoneId zone = common.zone(zoneNode);
            Instant[] period = common.period(keys, map, zone, zoneNode != null);
            SystemSelection systems = common.systems(keys, map);
            Freeze.Mode mode = mode(keys, map, reading);
            if (reading.problems.count() == before && name != null && period != null && systems != null
                    && mode != null) {
                draft.freezes.add(new Freeze(name, period[0], period[1], systems, mode));
            }
        }
    }

    @CheckForNull
    private static Freeze.Mode mode(Keyed keys, MappingNode map, Reading reading) {
        Node node = reading.keys.required(keys, map, "mode", "deny: gates requested in the freeze are DENIED; hold:"
                + " they collect approvals and decide when it ends");
        String text = node == null ? null : reading.values.string(node, "mode");
        if (text == null) {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "deny":
                return Freeze.Mode.DENY;
            case "hold":
                return Freeze.Mode.HOLD;
            default:
                reading.problems.add(node, "mode must be 'deny' (gates requested in the freeze are DENIED) or"
                        + " 'hold' (they collect approvals and decide when it ends), not '"
                        + NodeValues.printable(text) + "'");
                return null;
        }
    }
}
