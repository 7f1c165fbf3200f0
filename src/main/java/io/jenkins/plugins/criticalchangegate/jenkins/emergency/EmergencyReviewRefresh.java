package io.jenkins.plugins.criticalchangegate.jenkins.emergency;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.concurrent.TimeUnit;

/**
 * Reads the open emergency reviews again every {@link #PERIOD_MINUTES} minutes, as a safety net: the gate refreshes
 * the monitor after each emergency approval and review, but a refresh refused by a full pool, or a journal restored
 * from a backup, would otherwise stay unseen until the next one. The reading itself goes to the plugin's pool, like
 * every other refresh ({@link EmergencyReviewMonitor#refreshSoon()}).
 */
@Extension
public class EmergencyReviewRefresh extends AsyncPeriodicWork {
    static final long PERIOD_MINUTES = 15;

    public EmergencyReviewRefresh() {
        super("Critical change gate emergency reviews");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(PERIOD_MINUTES);
    }

    @Override
    protected void execute(TaskListener listener) {
        EmergencyReviewMonitor.refreshSoon();
    }
}
