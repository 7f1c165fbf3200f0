package io.jenkins.plugins.criticalchangegate.jenkins.config;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the registry current: every {@link #PERIOD_SECONDS} seconds it asks the configured source again once the
 * source's own interval has passed (a file: every run, reading it only when it changed; a URL: every
 * {@code refreshMinutes}, with a conditional request), or at once when the source is due: a new source whose
 * loading in the background could not be queued, or a source that failed before the options changed. Runs in its own
 * thread, as every AsyncPeriodicWork does, so a slow registry server never holds up a build or the start-up; its log
 * is {@code $JENKINS_HOME/logs/tasks}.
 */
@Extension
public class RegistryRefresh extends AsyncPeriodicWork {
    static final long PERIOD_SECONDS = 30;

    public RegistryRefresh() {
        super("Critical change gate registry refresh");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.SECONDS.toMillis(PERIOD_SECONDS);
    }

    /** Soon after start-up, so that a URL source replaces the stored last good registry without delay. */
    @Override
    public long getInitialDelay() {
        return TimeUnit.SECONDS.toMillis(5);
    }

    @Override
    protected void execute(TaskListener listener) throws InterruptedException {
        CriticalChangeGateConfiguration.get().refreshIfDue();
    }
}
