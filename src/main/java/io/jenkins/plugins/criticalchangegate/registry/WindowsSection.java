package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code windows:} is a list of deployment windows: {@code name} (optional), {@code days} ({@code mon} ...
 * {@code sun}), {@code from} and {@code to} (24-hour wall-clock times, {@code to} may be {@code 24:00}),
 * {@code zone} (required) and {@code systems}. A system with windows takes changes only inside one of them.
 */
final class WindowsSection implements SectionReader {
    static final List<String> KEYS = List.of("name", "days", "from", "to", "zone", "systems");
    private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-4]):([0-5][0-9])");
    private static final Map<String, DayOfWeek> DAYS = days();

    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) {
        SequenceNode list = reading.values.sequence(value, "windows");
        if (list == null) {
            return;
        }
        TimeRuleReader common = new TimeRuleReader(reading, draft, "window");
        for (Node entry : list.getValue()) {
            int before = reading.problems.count();
            MappingNode map = reading.values.mapping(entry, "each entry of 'windows'");
            if (map == null) {
                continue;
            }
            Keyed keys = reading.keys.read(map, KEYS, "a window");
            String name = common.name(keys, map, false);
            Set<DayOfWeek> days = days(keys, map, reading);
            Node fromNode = reading.keys.required(keys, map, "from", "when it opens, e.g. \"09:00\"");
            Node toNode = reading.keys.required(keys, map, "to", "when it closes, e.g. \"17:00\"; an earlier time"
                    + " than 'from' is on the next day");
            LocalTime from = fromNode == null ? null : time(fromNode, "from", false, reading);
            LocalTime to = toNode == null ? null : time(toNode, "to", true, reading);
            if (from != null && to != null && from.equals(to) && !endOfDay(toNode)) {
                reading.problems.add(toNode, "the window opens and closes at " + from + ": for a whole day write"
                        + " from: \"00:00\" and to: \"24:00\"");
            }
            Node zoneNode = reading.keys.required(keys, map, "zone", "the time zone of from and to, e.g."
                    + " Europe/Berlin");
            ZoneId zone = common.zone(zoneNode);
            SystemSelection systems = common.systems(keys, map);
            if (reading.problems.count() == before && days != null && from != null && to != null && zone != null
                    && systems != null) {
                draft.windows.add(new DeploymentWindow(name, days, from, to, zone, systems));
            }
        }
    }

    @CheckForNull
    private static Set<DayOfWeek> days(Keyed keys, MappingNode map, Reading reading) {
        Node node = reading.keys.required(keys, map, "days", "the days it opens, e.g. [mon, tue, wed, thu, fri]");
        if (node == null) {
            return null;
        }
        SequenceNode seq = reading.values.sequence(node, "days");
        if (seq == null) {
            return null;
        }
        if (seq.getValue().isEmpty()) {
            reading.problems.add(seq, "'days' is empty: list the days the window opens, e.g. [mon, tue, wed, thu,"
                    + " fri]");
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Map<DayOfWeek, Node> seen = new HashMap<>();
        for (Node item : seq.getValue()) {
            String text = reading.values.string(item, "days");
            if (text == null) {
                continue;
            }
            DayOfWeek day = DAYS.get(text.toLowerCase(Locale.ROOT));
            if (day == null) {
                reading.problems.add(item, "'" + NodeValues.printable(text) + "' is not a day of the week: write"
                        + " mon, tue, wed, thu, fri, sat or sun");
            } else if (seen.putIfAbsent(day, item) != null) {
                reading.problems.add(item, "day '" + text + "' is listed twice (first at line "
                        + Problems.line(seen.get(day)) + ")");
            } else {
                days.add(day);
            }
        }
        return days.isEmpty() ? null : days;
    }

    /** {@code H:MM} or {@code HH:MM}, 00:00 to 23:59; {@code 24:00} (the end of the day) for {@code to} only. */
    @CheckForNull
    private static LocalTime time(Node node, String key, boolean endOfDayAllowed, Reading reading) {
        String text = reading.values.string(node, key);
        if (text == null) {
            return null;
        }
        Matcher m = TIME.matcher(text);
        int hour = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        int minute = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (hour == 24 && minute == 0 && endOfDayAllowed) {
            return LocalTime.MIDNIGHT; // 'to' not after 'from' is on the next day: the end of the day
        }
        if (hour < 0 || hour == 24) {
            reading.problems.add(node, key + " '" + NodeValues.printable(text) + "' is not a time of day: write"
                    + " 24-hour HH:MM, e.g. \"09:00\"" + (endOfDayAllowed ? ", or \"24:00\" for the end of the day"
                    : ""));
            return null;
        }
        return LocalTime.of(hour, minute);
    }

    /** Whether {@code to} is written 24:00, which is 00:00 on the next day, so a whole day from 00:00. */
    private static boolean endOfDay(Node node) {
        return node instanceof ScalarNode && ((ScalarNode) node).getValue().strip().equals("24:00");
    }

    private static Map<String, DayOfWeek> days() {
        Map<String, DayOfWeek> days = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            days.put(full, day);
            days.put(full.substring(0, 3), day);
        }
        return Map.copyOf(days);
    }
}
