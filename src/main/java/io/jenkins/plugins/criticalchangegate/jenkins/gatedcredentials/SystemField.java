package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;

/** The {@code system} field of a gated credential: how it is kept, and how the form checks it. */
final class SystemField {
    private SystemField() {
    }

    /** Kept as written, without surrounding blanks; the registry compares ids ignoring case, as the gate does. */
    static String normalize(String system) {
        return system == null ? "" : system.strip();
    }

    static FormValidation check(String value) {
        String system = normalize(value);
        if (system.isEmpty()) {
            return FormValidation.error("Give the registry id of the critical system this credential deploys to,"
                    + " e.g. checkout-service");
        }
        Registry registry;
        try {
            registry = CriticalChangeGateConfiguration.get().registry().registry();
        } catch (RegistryUnavailableException e) {
            return FormValidation.warning("No critical-systems registry is loaded (" + e.getMessage() + "): until one"
                    + " is, this credential is refused to every build");
        }
        Resolution resolution = registry.resolve(system, null);
        if (resolution.kind() == Resolution.Kind.CRITICAL && resolution.system().isPresent()) {
            return FormValidation.ok("Bound to the critical system '" + resolution.system().get().id() + "' ("
                    + resolution.system().get().name() + "): released only to builds with an approved"
                    + " criticalChangeGate for it");
        }
        return FormValidation.error(resolution.message() + ". A gated credential is released only for a critical"
                + " system of the registry, so bound to '" + system + "' it would be refused to every build");
    }
}
