package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** {@code systems:} is a non-empty list of systems, each read by one {@link SystemReader} over the defaults. */
final class SystemsSection implements SectionReader {
    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) {
        SequenceNode list = reading.values.sequence(value, "systems");
        if (list != null && list.getValue().isEmpty()) {
            reading.problems.add(list, "'systems' is empty: list at least one critical system");
        } else if (list != null) {
            SystemReader systems = new SystemReader(reading);
            for (Node entry : list.getValue()) {
                systems.read(entry, draft);
            }
            draft.listedIds.addAll(systems.ids());
        }
    }
}
