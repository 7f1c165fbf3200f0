package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * Schedules the expiry of a gate: the plugin's one use of {@code jenkins.util.Timer}, for what Timer is for, waking
 * up at a time. The work done then (saving build.xml, appending to the journal, completing the step) is handed to
 * {@link BackgroundWork} at once, so a Timer thread is never held by disk or network waits (JENKINS-45553).
 * ArchitectureTest allows Timer here only.
 *
 * <p>The scheduled task holds only what it is given: for an expiry, the execution, which finds the build again through
 * its step context when it fires (the context names it by job and number; workflow-job caches the {@code Run} there
 * while it is loaded). The execution's {@code StepCompleter} cancels the expiry when the step completes, so no
 * scheduled expiry outlives its step, whatever the approval timeout (up to 365 days).
 */
final class GateExpiry {
    private static final Logger LOGGER = Logger.getLogger(GateExpiry.class.getName());

    /** How long to wait before handing a due expiry to a full pool again. */
    private static final Duration RETRY = Duration.ofMinutes(1);

    private GateExpiry() {
    }

    /** Runs {@code onDue} on the plugin's pool after {@code delay} (at once when it is zero or negative). */
    static ScheduledFuture<?> schedule(Runnable onDue, Duration delay) {
        long millis = delay.isNegative() ? 0 : delay.toMillis();
        return Timer.get().schedule(() -> {
            try {
                BackgroundWork.submit(onDue);
            } catch (RejectedExecutionException e) {
                // the pool is full (or shutting down: then onResume expires the gate at the next start): try again
                LOGGER.log(Level.WARNING, "could not hand a due gate expiry to the plugin's pool; retrying in "
                        + RETRY, e);
                schedule(onDue, RETRY);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }
}
