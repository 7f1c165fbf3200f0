package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.nodes.Node;

/** {@code version:} must be {@value FormatVersion1#VERSION}: any other version stops the reading. */
final class VersionSection implements SectionReader {
    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) throws RegistryException {
        Integer version = reading.values.integer(value, "version");
        if (version != null && version != FormatVersion1.VERSION) {
            reading.problems.add(value, "unsupported version " + version + ": this plugin reads registry format"
                    + " version " + FormatVersion1.VERSION);
            throw reading.problems.failure(); // the rest of a file of another version means something else
        }
    }
}
