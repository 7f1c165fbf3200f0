package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads what the entries of {@code overlays}, {@code freezes} and {@code windows} share: a name unique in its list,
 * a time zone, a period ({@code start}, {@code end}) and the systems it selects. One per list; every problem is
 * reported at its place.
 */
final class TimeRuleReader {
    static final List<String> SELECTION_KEYS = List.of("ids", "tiers");
    private static final int MAX_NAME_LENGTH = 100;
    private static final String TIME_FORMS = "write a date (2026-03-01), a date and time (2026-03-01T09:00) or one"
            + " with an offset (2026-03-01T09:00:00+01:00 or 2026-03-01T08:00:00Z)";

    private final Reading reading;
    private final RegistryDraft draft;
    /** "overlay", "freeze" or "window", for messages. */
    private final String kind;
    /** "an overlay", "a freeze", "a window". */
    private final String aKind;
    private final Map<String, Node> names = new HashMap<>();

    TimeRuleReader(Reading reading, RegistryDraft draft, String kind) {
        this.reading = reading;
        this.draft = draft;
        this.kind = kind;
        this.aKind = (kind.startsWith("o") ? "an " : "a ") + kind;
    }

    /** The entry's name, unique in its list ignoring case; {@code null} when missing or refused (reported). */
    @CheckForNull
    String name(Keyed keys, MappingNode map, boolean required) {
        Node node = required ? reading.keys.required(keys, map, "name", "how messages and the gate's record call"
                + " this " + kind) : keys.get("name");
        if (node == null) {
            return null;
        }
        String name = reading.values.string(node, "name");
        if (name == null) {
            return null;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            reading.problems.add(node, "the name of " + aKind + " is at most " + MAX_NAME_LENGTH + " characters");
            return null;
        }
        Node first = names.putIfAbsent(name.toLowerCase(Locale.ROOT), node);
        if (first != null) {
            reading.problems.add(node, kind + " name '" + name + "' is used twice (first at line "
                    + Problems.line(first) + "); names compare ignoring case");
            return null;
        }
        return name;
    }

    /** The zone of {@code zone:}; {@code null} when missing or refused (reported). */
    @CheckForNull
    ZoneId zone(@CheckForNull Node node) {
        if (node == null) {
            return null;
        }
        String text = reading.values.string(node, "zone");
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            reading.problems.add(node, "zone '" + NodeValues.printable(text) + "' is not a time zone: use a name of"
                    + " the IANA time zone database such as Europe/Berlin, America/New_York or UTC" + nearestZone(text));
            return null;
        }
    }

    private static String nearestZone(String text) {
        String best = null;
        int bestDistance = 3;
        String lower = text.toLowerCase(Locale.ROOT);
        for (String id : ZoneId.getAvailableZoneIds()) {
            int d = EditDistance.bounded(lower, id.toLowerCase(Locale.ROOT), bestDistance);
            if (d < bestDistance || d == bestDistance && best != null && id.compareTo(best) < 0) {
                best = id;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /**
     * {@code start} (inclusive) and {@code end} (exclusive), each a date (midnight in the zone), a date-time in the
     * zone, or a date-time with an offset (the zone is then not needed); {@code end} after {@code start}.
     *
     * @return the two instants, or {@code null} when either is missing or refused (reported)
     */
    @CheckForNull
    Instant[] period(Keyed keys, MappingNode map, @CheckForNull ZoneId zone, boolean zoneGiven) {
        Node startNode = reading.keys.required(keys, map, "start", "when it begins, e.g. 2026-03-01");
        Node endNode = reading.keys.required(keys, map, "end", "the first moment it no longer applies, e.g."
                + " 2026-05-30");
        Instant start = startNode == null ? null : instant(startNode, "start", zone, zoneGiven);
        Instant end = endNode == null ? null : instant(endNode, "end", zone, zoneGiven);
        if (start == null || end == null) {
            return null;
        }
        if (!end.isAfter(start)) {
            reading.problems.add(endNode, "the " + kind + " ends (" + end + ") no later than it starts (" + start
                    + "): 'end' is the first moment it no longer applies, so it must come after 'start'");
            return null;
        }
        return new Instant[] {start, end};
    }

    @CheckForNull
    private Instant instant(Node node, String key, @CheckForNull ZoneId zone, boolean zoneGiven) {
        String text = reading.values.string(node, key);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset: a local date or date-time, read in the zone below
        }
        LocalDateTime local;
        try {
            local = text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            reading.problems.add(node, key + " '" + NodeValues.printable(text) + "' is not an ISO-8601 date or"
                    + " date-time: " + TIME_FORMS);
            return null;
        }
        if (zone == null) {
            if (!zoneGiven) {
                reading.problems.add(node, key + " '" + text + "' has no offset, so the " + kind + " needs a zone:"
                        + " add e.g. 'zone: Europe/Berlin', or write the offset (" + text
                        + (text.length() <= 10 ? "T00:00:00" : "") + "+01:00)");
            }
            return null; // the zone itself was refused, and reported
        }
        return WallClock.instant(local, zone);
    }

    /**
     * {@code systems:} is {@code all}, or a mapping with {@code ids} (listed systems) and/or {@code tiers}: the
     * systems with a listed id or a listed tier. A selection that could never select a system is refused, since a
     * freeze that misses a system through a typo would let changes through.
     */
    @CheckForNull
    SystemSelection systems(Keyed keys, MappingNode map) {
        Node node = reading.keys.required(keys, map, "systems", "which systems: 'all', or {ids: [...], tiers:"
                + " [...]}");
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode) {
            String text = reading.values.string(node, "systems");
            if (text != null && text.equalsIgnoreCase("all")) {
                return SystemSelection.all();
            }
            if (text != null) {
                reading.problems.add(node, "'systems' of " + aKind + " must be 'all' or a mapping such as {ids:"
                        + " [checkout-service], tiers: [1]}, not '" + NodeValues.printable(text) + "'");
            }
            return null;
        }
        if (node instanceof SequenceNode) {
            reading.problems.add(node, "'systems' of " + aKind + " must be 'all' or a mapping such as {ids: ["
                    + "checkout-service], tiers: [1]}, not a list: to select systems by id write {ids: [...]}");
            return null;
        }
        MappingNode selection = reading.values.mapping(node, "'systems' of " + aKind);
        if (selection == null) {
            return null;
        }
        int before = reading.problems.count();
        Keyed selected = reading.keys.read(selection, SELECTION_KEYS, "the systems of " + aKind);
        List<SystemId> ids = ids(selected.get("ids"));
        Set<Integer> tiers = tiers(selected.get("tiers"));
        if (reading.problems.count() > before) {
            return null;
        }
        if (ids.isEmpty() && tiers.isEmpty()) {
            reading.problems.add(selection, "the systems of " + aKind + " select nothing: list ids, tiers, or write"
                    + " 'systems: all'");
            return null;
        }
        return SystemSelection.of(ids, tiers);
    }

    private List<SystemId> ids(@CheckForNull Node node) {
        List<SystemId> ids = new ArrayList<>();
        SequenceNode seq = node == null ? null : reading.values.sequence(node, "ids");
        if (seq == null) {
            return ids;
        }
        for (Node item : seq.getValue()) {
            String text = reading.values.string(item, "ids");
            if (text == null) {
                continue;
            }
            SystemId id = SystemId.of("ids", text);
            if (!draft.listedIds.contains(id)) {
                reading.problems.add(item, "system '" + NodeValues.printable(text) + "' is not in the registry"
                        + nearestId(id) + ": " + aKind + " may select listed systems only");
                continue;
            }
            ids.add(id);
        }
        return ids;
    }

    /** The closest listed id within the registry's typo distance (the first in alphabetical order on a tie). */
    private String nearestId(SystemId id) {
        SystemId best = null;
        int bestDistance = Registry.TYPO_DISTANCE + 1;
        for (SystemId listed : draft.listedIds) {
            int d = EditDistance.bounded(id.key(), listed.key(), Registry.TYPO_DISTANCE);
            if (d < bestDistance || d == bestDistance && best != null && listed.key().compareTo(best.key()) < 0) {
                best = listed;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best.value() + "'?";
    }

    private Set<Integer> tiers(@CheckForNull Node node) {
        Set<Integer> tiers = new LinkedHashSet<>();
        SequenceNode seq = node == null ? null : reading.values.sequence(node, "tiers");
        if (seq == null) {
            return tiers;
        }
        // with an entry of systems refused, its tier is unknown: only a complete list can say a tier is unused
        boolean complete = draft.systems.size() == draft.listedIds.size();
        for (Node item : seq.getValue()) {
            Integer tier = reading.values.integer(item, "tiers");
            if (tier == null) {
                continue;
            }
            if (tier < 1) {
                reading.problems.add(item, "tiers are 1 or more, not " + tier);
            } else if (complete && draft.systems.stream().noneMatch(s -> s.tier() == tier)) {
                reading.problems.add(item, "no system has tier " + tier + ", so this " + kind + " would select"
                        + " none through it");
            } else {
                tiers.add(tier);
            }
        }
        return tiers;
    }
}
