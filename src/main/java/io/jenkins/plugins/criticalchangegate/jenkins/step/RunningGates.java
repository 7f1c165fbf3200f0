package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Finds the step waiting at a gate and completes it, after an approval or rejection request decided the gate. The
 * execution is found among the build's running steps, as {@code InputAction} finds its executions; after a restart
 * {@code getCurrentExecutions} waits until the program is loaded (up to a minute), so this runs on the plugin's pool,
 * never on a request thread.
 *
 * <p>No running step for a decided gate means it completed already (the build was stopped), or the build is not
 * running; either way the decision is in build.xml, and a build that resumes later completes from it
 * ({@code CriticalChangeGateExecution.onResume}).
 */
final class RunningGates {
    private static final Logger LOGGER = Logger.getLogger(RunningGates.class.getName());

    private RunningGates() {
    }

    /** Completes, in the background, the step waiting at the gate {@code record} settled. */
    static void complete(Run<?, ?> run, GateRecord record) {
        try {
            BackgroundWork.submit(() -> completeNow(run, record));
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.WARNING, "could not hand the completion of " + record + " in " + run + " to the"
                    + " plugin's pool; the build completes from build.xml when it resumes", e);
        }
    }

    private static void completeNow(Run<?, ?> run, GateRecord record) {
        try {
            for (CriticalChangeGateExecution execution : running(run)) {
                if (record.getGateId().equals(execution.gateId())) {
                    execution.completeFrom(record);
                    return;
                }
            }
            if (run.isBuilding()) {
                LOGGER.warning(() -> "no running step waits at " + record + " in " + run + "; it was stopped"
                        + " already, or completes from build.xml when the build resumes");
            }
        } catch (IOException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not complete " + record + " in " + run
                    + "; it completes from build.xml when the build resumes", e);
        }
    }

    private static List<CriticalChangeGateExecution> running(Run<?, ?> run)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<CriticalChangeGateExecution> out = new ArrayList<>();
        if (run instanceof FlowExecutionOwner.Executable) {
            FlowExecutionOwner owner = ((FlowExecutionOwner.Executable) run).asFlowExecutionOwner();
            if (owner != null) {
                for (StepExecution execution : owner.get().getCurrentExecutions(true).get(60, TimeUnit.SECONDS)) {
                    if (execution instanceof CriticalChangeGateExecution) {
                        out.add((CriticalChangeGateExecution) execution);
                    }
                }
            }
        }
        return out;
    }
}
