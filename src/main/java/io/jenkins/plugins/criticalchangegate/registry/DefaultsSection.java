package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** {@code defaults:} holds the policy keys every system has unless it sets them itself. */
final class DefaultsSection implements SectionReader {
    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) {
        MappingNode map = reading.values.mapping(value, "defaults");
        if (map != null) {
            draft.defaults = new PolicyReader(reading).read(reading.keys.read(map, PolicyReader.KEYS, "defaults"));
            new AiAssistedResolver(reading).checkDefaults(draft.defaults);
        }
    }
}
