package io.jenkins.plugins.criticalchangegate.registry;

import java.util.Locale;
import org.yaml.snakeyaml.nodes.Node;

/** {@code unknownSystems:} is {@code allow} or {@code deny}, ignoring case. */
final class UnknownSystemsSection implements SectionReader {
    @Override
    public void read(Node value, Reading reading, RegistryDraft draft) {
        String text = reading.values.string(value, "unknownSystems");
        if (text != null) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "allow":
                    draft.unknownSystems = UnknownSystems.ALLOW;
                    break;
                case "deny":
                    draft.unknownSystems = UnknownSystems.DENY;
                    break;
                default:
                    reading.problems.add(value, "unknownSystems must be 'allow' or 'deny', not '" + text + "'");
            }
        }
    }
}
