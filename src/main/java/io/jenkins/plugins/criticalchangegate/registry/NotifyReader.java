package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code notify:} (in {@code defaults} or a system): a mapping of channels, today only {@code email}, a list of
 * addresses ({@link EmailAddress}). An empty list is allowed: a system says so to turn off the defaults' e-mail.
 */
final class NotifyReader {
    static final List<String> KEYS = List.of("email");

    private final Reading reading;

    NotifyReader(Reading reading) {
        this.reading = reading;
    }

    /** The e-mail addresses given; {@code null} when {@code email} is not given or was refused (reported). */
    @CheckForNull
    List<String> read(Node node) {
        MappingNode map = reading.values.mapping(node, "notify");
        if (map == null) {
            return null;
        }
        if (map.getValue().isEmpty()) {
            reading.problems.add(map, "'notify' is empty: give email: [name@example.com, ...], or leave notify out");
            return null;
        }
        Keyed keyed = reading.keys.read(map, KEYS, "notify");
        Node n = keyed.get("email");
        return n == null ? null : email(n);
    }

    @CheckForNull
    private List<String> email(Node node) {
        int before = reading.problems.count();
        SequenceNode list = reading.values.sequence(node, "notify.email");
        if (list == null) {
            return null;
        }
        List<String> addresses = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node item : list.getValue()) {
            String text = reading.values.string(item, "notify.email");
            if (text == null) {
                continue;
            }
            String problem = EmailAddress.problem(text).orElse(null);
            if (problem != null) {
                reading.problems.add(item, "notify.email '" + NodeValues.printable(text) + "' " + problem);
                continue;
            }
            Node first = seen.putIfAbsent(text.toLowerCase(Locale.ROOT), item);
            if (first != null) {
                reading.problems.add(item, "notify.email '" + text + "' is already listed at line "
                        + Problems.line(first));
                continue;
            }
            addresses.add(text);
        }
        return reading.problems.count() > before ? null : addresses;
    }
}
