package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the keys of one mapping against the keys the format allows there: a key that is not a plain word, a merge
 * key, a duplicate (with its first place) or an unknown key (with "did you mean", or where it belongs instead) is a
 * problem, and only the known keys' values are kept.
 */
final class KnownKeys {
    /** A place in the format and the keys that belong there, for "('jobs' belongs to each entry of systems)". */
    static final class Home {
        final List<String> keys;
        final String place;

        /** @param place how the hint says where, e.g. {@code belongs under documentation} */
        Home(List<String> keys, String place) {
            this.keys = keys;
            this.place = place;
        }
    }

    private final Problems problems;
    private final List<Home> homes;

    /** @param homes where keys belong, the first that lists a key naming its place */
    KnownKeys(Problems problems, List<Home> homes) {
        this.problems = problems;
        this.homes = homes;
    }

    Keyed read(MappingNode map, List<String> allowed, String where) {
        return read(map, allowed, where, List.of());
    }

    /**
     * @param nearer places checked before the document's own for the hint, where a key written one level off is
     *     likelier than anywhere else (a requirement key written directly under {@code aiAssisted})
     */
    Keyed read(MappingNode map, List<String> allowed, String where, List<Home> nearer) {
        Keyed keyed = new Keyed();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(PlainScalars.REFUSED)) {
                continue; // its explicit tag is reported already
            }
            if (!(keyNode instanceof ScalarNode) || keyNode.getTag().equals(Tag.NULL)) {
                problems.add(keyNode, "keys of " + where + " must be plain words such as '" + allowed.get(0) + "'");
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (keyNode.getTag().equals(Tag.MERGE) || key.equals("<<")) {
                problems.add(keyNode, "merge keys ('<<') are not supported: write the keys out");
                continue;
            }
            Node first = keyed.keyNode(key);
            if (first != null) {
                problems.add(keyNode, "duplicate key '" + NodeValues.printable(key) + "' in " + where + " (first at line "
                        + Problems.line(first) + ")");
                continue;
            }
            if (!allowed.contains(key)) {
                keyed.add(key, keyNode, null);
                problems.add(keyNode, "unknown key '" + NodeValues.printable(key) + "' in " + where
                        + suggestion(key, allowed, nearer));
                continue;
            }
            keyed.add(key, keyNode, tuple.getValueNode());
        }
        return keyed;
    }

    /**
     * The key as {@link #read} takes it, or {@code null} for a key it refuses (a tagged, empty, merge or non-scalar
     * key).
     */
    @CheckForNull
    static String plainKey(Node keyNode) {
        if (!(keyNode instanceof ScalarNode) || !keyNode.getTag().equals(Tag.STR)) {
            return null;
        }
        String key = ((ScalarNode) keyNode).getValue();
        return key.equals("<<") ? null : key;
    }

    @CheckForNull
    Node required(Keyed keys, MappingNode map, String key, String what) {
        Node n = keys.get(key);
        if (n == null && !keys.has(key)) {
            problems.add(map, "missing required key '" + key + "' (" + what + ")");
        }
        return n;
    }

    private String suggestion(String key, List<String> allowed, List<Home> nearer) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : allowed) {
            int d = candidate.equalsIgnoreCase(key) ? 0
                    : EditDistance.bounded(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT), 3);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        String elsewhere = "";
        if (!allowed.contains(key)) {
            for (Home home : concat(nearer, homes)) {
                if (home.keys.contains(key)) {
                    elsewhere = " ('" + key + "' " + home.place + ")";
                    break;
                }
            }
        }
        if (!elsewhere.isEmpty()) {
            return elsewhere;
        }
        return best != null ? "; did you mean '" + best + "'?" : "; the keys here are " + allowed;
    }

    private static List<Home> concat(List<Home> first, List<Home> then) {
        if (first.isEmpty()) {
            return then;
        }
        List<Home> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }
}
