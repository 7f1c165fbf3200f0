package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the value of one top-level key of the registry, reporting what is wrong with it to the reading's problems
 * and putting what it read into the draft. Registered, with its key, as a {@link TopLevelSection}; keeps no state
 * between documents.
 */
@FunctionalInterface
interface SectionReader {
    /** @throws RegistryException to stop reading the file at once, with every problem found so far */
    void read(Node value, Reading reading, RegistryDraft draft) throws RegistryException;
}
