package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** One mapping of the document as {@link KnownKeys} read it: the values of its known keys, and every key seen. */
final class Keyed {
    final Map<String, Node> values = new LinkedHashMap<>();
    final Map<String, Node> keys = new HashMap<>();

    @CheckForNull
    Node get(String key) {
        return values.get(key);
    }
}
