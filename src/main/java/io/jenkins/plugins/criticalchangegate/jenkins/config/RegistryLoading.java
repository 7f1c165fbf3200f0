package io.jenkins.plugins.criticalchangegate.jenkins.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryKeeper;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When and in which thread the global configuration has its {@link RegistryKeeper} load the registry. A local source
 * (the configuration's own text, a file on the controller) is loaded in the calling thread, so that whoever saved the
 * configuration finds the result in place; a URL on the plugin's pool ({@link BackgroundWork}), as a fetch may take
 * 30 s and Timer's 10 threads are shared by all of Jenkins (JENKINS-45553). A failure to load is kept by the keeper
 * (status page, monitor, system log) and never thrown: saving the configuration never fails for it.
 */
final class RegistryLoading {
    private static final Logger LOGGER = Logger.getLogger(RegistryLoading.class.getName());

    private final RegistryKeeper keeper;

    RegistryLoading(RegistryKeeper keeper) {
        this.keeper = keeper;
    }

    /** Loads now, in this thread. */
    void now() {
        quietly(keeper::refresh);
    }

    /** Loads now, in this thread, if the setting's interval has passed or the keeper has the source due at once. */
    void ifDue(@CheckForNull RegistrySourceSetting setting) throws InterruptedException {
        if (setting == null) {
            return;
        }
        keeper.refreshIfDue(setting.refreshInterval())
                .ifPresent(result -> LOGGER.fine(() -> "registry refresh: " + result.summary()));
    }

    /** A new source: loads it now if it is local, else in the background. */
    void soon(@CheckForNull RegistrySourceSetting setting) {
        where(setting, this::now);
    }

    /** The keeper has the source due (new options after a failure): as {@link #soon}, once. */
    void soonIfDue(@CheckForNull RegistrySourceSetting setting) {
        where(setting, () -> quietly(() -> ifDue(setting)));
    }

    private void where(@CheckForNull RegistrySourceSetting setting, Runnable load) {
        if (setting == null || setting.isLocal()) {
            load.run();
            return;
        }
        try {
            BackgroundWork.submit(load);
        } catch (RejectedExecutionException e) {
            // the pool is full or Jenkins is stopping: the source stays due, so the periodic refresh loads it
            LOGGER.log(Level.WARNING, "could not queue loading the registry of critical systems from "
                    + keeper.status().source() + "; the periodic refresh loads it within "
                    + RegistryRefresh.PERIOD_SECONDS + " s", e);
        }
    }

    private static void quietly(Load load) {
        try {
            load.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not load the registry of critical systems", e);
        }
    }

    /** A load of the registry, which may wait for the source. */
    @FunctionalInterface
    private interface Load {
        void run() throws InterruptedException;
    }
}
