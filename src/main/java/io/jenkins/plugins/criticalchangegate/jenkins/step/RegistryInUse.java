package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.RegistryVersion;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.TimeRules;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;

/**
 * The registry a step decides with: the one in use when it asks, named in the build log. No registry (none ever loaded
 * and validated) fails the step: the gate fails closed, whatever {@code unknownSystems} says.
 */
final class RegistryInUse {
    private final LoadedRegistry loaded;

    private RegistryInUse(LoadedRegistry loaded) {
        this.loaded = loaded;
    }

    /**
     * The registry in use now, said in the log.
     *
     * @throws AbortException when there is none
     */
    static RegistryInUse get(TaskListener listener) throws AbortException {
        LoadedRegistry loaded;
        try {
            loaded = CriticalChangeGateConfiguration.get().registry();
        } catch (RegistryUnavailableException e) {
            throw new AbortException(CriticalChangeGateExecution.LOG_PREFIX + e.getMessage());
        }
        listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "registry of critical systems in use: "
                + loaded.version() + ", " + loaded.registry().size() + " system(s)");
        return new RegistryInUse(loaded);
    }

    RegistryVersion version() {
        return RegistryVersion.of(loaded.sha256(), loaded.loadedAt(), loaded.source());
    }

    TimeRules timeRules() {
        return loaded.registry().timeRules();
    }

    /** The system for this job, as the registry resolves it (critical, not critical, or denied). */
    Resolution resolve(String system, String job) {
        return loaded.registry().resolve(system, job);
    }
}
