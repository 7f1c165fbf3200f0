package io.jenkins.plugins.criticalchangegate.jenkins.config;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import java.util.List;

/**
 * Tells administrators, on every page of Jenkins, when the registry of critical systems is failing: no good registry
 * at all (every gate fails), or a source whose last load failed while the last good registry stays in use. The
 * configuration page says the same in more detail; this makes sure nobody has to go there to find out.
 */
@Extension
public final class RegistryMonitor extends AdministrativeMonitor {
    public RegistryMonitor() {
        super(RegistryMonitor.class.getName());
    }

    @Override
    public String getDisplayName() {
        return "Critical change gate: registry of critical systems";
    }

    @Override
    public boolean isActivated() {
        return CriticalChangeGateConfiguration.get().isRegistryFailing();
    }

    /** The status lines of the configuration page, with the failure's age. */
    public List<String> getStatus() {
        return CriticalChangeGateConfiguration.get().getRegistryStatus();
    }

    /** Whether gates fail closed now (no good registry at all), rather than decide with the last good one. */
    public boolean isFailingClosed() {
        return !CriticalChangeGateConfiguration.get().hasRegistry();
    }
}
