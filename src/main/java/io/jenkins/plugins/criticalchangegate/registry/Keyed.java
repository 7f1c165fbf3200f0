package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One mapping of the document as {@link KnownKeys} read it: the values of its known keys, and every key seen.
 *
 * <p>Arrays searched in order rather than maps: a mapping of the format has a handful of keys, and a registry of
 * 100,000 systems has half a million mappings, for which two hash maps each were a tenth of the reading's time
 * (docs/performance.md). A mapping with many keys (only a wrong or hostile file has one) gets a hash index, so
 * finding duplicates stays linear.
 */
final class Keyed {
    /** Above this many keys, lookups go through {@link #index}. */
    private static final int LINEAR = 16;

    private String[] names = new String[8];
    private Node[] keyNodes = new Node[8];
    /** The value of each known key; {@code null} for a key the format does not allow there. */
    private Node[] values = new Node[8];
    private int size;
    private boolean anyKnown;
    @CheckForNull
    private Map<String, Integer> index;

    /** The value of a known key, or {@code null} when the mapping does not have it. */
    @CheckForNull
    Node get(String key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    /** Whether the mapping has the key, known or not. */
    boolean has(String key) {
        return find(key) >= 0;
    }

    /** The key's node, where it was first written, or {@code null}. */
    @CheckForNull
    Node keyNode(String key) {
        int i = find(key);
        return i < 0 ? null : keyNodes[i];
    }

    /** Whether no key the format allows was read. */
    boolean noKnownKey() {
        return !anyKnown;
    }

    /**
     * Adds a key not seen before.
     *
     * @param value its value, or {@code null} for a key the format does not allow there
     */
    void add(String key, Node keyNode, @CheckForNull Node value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            keyNodes = Arrays.copyOf(keyNodes, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = key;
        keyNodes[size] = keyNode;
        values[size] = value;
        anyKnown |= value != null;
        if (index != null) {
            index.put(key, size);
        } else if (size == LINEAR) {
            index = new HashMap<>();
            for (int i = 0; i <= size; i++) {
                index.put(names[i], i);
            }
        }
        size++;
    }

    private int find(String key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
