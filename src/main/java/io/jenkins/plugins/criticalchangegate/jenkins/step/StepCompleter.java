package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepCompletion;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * Completes one step's context exactly once, whoever gets there first: the decision of an approval request, the
 * expiry, a stop, a failure. The one that claims the completion does its side effects (ending the pause, a log line)
 * after claiming, so a late loser writes nothing. Holds the gate's expiry, which the claim cancels: a scheduled
 * expiry never outlives the step. Not persisted: after a restart the execution makes a new one.
 */
final class StepCompleter {
    private static final Logger LOGGER = Logger.getLogger(StepCompleter.class.getName());

    private final StepContext context;
    private boolean completed;
    @CheckForNull
    private Future<?> expiry;

    StepCompleter(StepContext context) {
        this.context = context;
    }

    /** Keeps the gate's expiry to cancel at completion; cancels it at once when the step already completed. */
    synchronized boolean expireWith(Future<?> scheduled) {
        if (completed) {
            scheduled.cancel(false);
            return false;
        }
        Future<?> previous = expiry;
        if (previous != null) {
            previous.cancel(false);
        }
        expiry = scheduled;
        return true;
    }

    synchronized boolean isCompleted() {
        return completed;
    }

    /** Claims the one completion; cancels the expiry. {@code false} when it was claimed already. */
    synchronized boolean claim() {
        if (completed) {
            return false;
        }
        completed = true;
        Future<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        return true;
    }

    /** Completes the step as the gate's record says ({@link StepCompletion}); nothing while it is pending. */
    void completeFrom(GateRecord record) {
        StepCompletion completion = StepCompletion.of(record);
        if (completion.kind() == StepCompletion.Kind.WAIT || !claim()) {
            return;
        }
        try {
            PauseAction.endCurrentPause(context.get(FlowNode.class));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not end the pause of " + record, e);
        }
        switch (completion.kind()) {
            case PROCEED:
                try {
                    context.get(TaskListener.class).getLogger().println(CriticalChangeGateExecution.LOG_PREFIX
                            + completion.message());
                } catch (IOException | InterruptedException | RuntimeException e) {
                    LOGGER.log(Level.FINE, "could not write to the build log", e);
                }
                context.onSuccess(completion.returnValue());
                break;
            case ABORT_BUILD:
                // the interruption's description is printed by Pipeline itself (FlowInterruptedException.handle)
                context.onFailure(new FlowInterruptedException(Result.ABORTED, true,
                        new GateInterruption(completion.message())));
                break;
            default:
                // printed by Pipeline as "ERROR: …", without a stack trace
                context.onFailure(new AbortException(CriticalChangeGateExecution.LOG_PREFIX + completion.message()));
                break;
        }
    }

    /** The step returns {@code value}, unless it completed already. */
    void succeed(Object value) {
        if (claim()) {
            context.onSuccess(value);
        }
    }

    /**
     * The build was stopped: the step fails with {@code cause}, unless it completed already. Nothing else here: this
     * runs on the CPS VM thread, so the pause is ended by the stop's own bookkeeping, off it (JENKINS-37154).
     */
    void stopped(Throwable cause) {
        if (claim()) {
            context.onFailure(cause);
        }
    }

    /** The step fails with {@code cause}, unless it completed already; a pause it had is ended. */
    void fail(Throwable cause) {
        if (claim()) {
            try {
                PauseAction.endCurrentPause(context.get(FlowNode.class));
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.FINE, "could not end the pause of a failed step", e);
            }
            context.onFailure(cause);
        }
    }

    /** An {@link AbortException} (printed as one line, without a stack trace) keeping its cause for the system log. */
    static AbortException aborted(String what, Throwable cause) {
        LOGGER.log(Level.WARNING, what, cause);
        AbortException abort = new AbortException(CriticalChangeGateExecution.LOG_PREFIX + what);
        abort.initCause(cause);
        return abort;
    }
}
