package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Finds the step waiting at a gate and completes it, after an approval or rejection request decided the gate. The
 * execution is found among the build's running steps, as {@code InputAction} finds its executions. workflow-cps's
 * {@code getCurrentExecutions} runs on the CPS VM thread once the program is loaded (we wait up to a minute), and
 * answers an empty list at once when the program is not there (the build is complete, or its VM suspended): so this
 * runs on the plugin's pool, never on a request thread, and tries again a few times, a minute apart, while the build
 * runs and its step cannot be reached.
 *
 * <p>The decision is in build.xml whatever happens here: a build that resumes completes from it
 * ({@code CriticalChangeGateExecution.onResume}), and so does the gate's expiry at its deadline.
 */
final class RunningGates {
    private static final Logger LOGGER = Logger.getLogger(RunningGates.class.getName());

    private RunningGates() {
    }

    /** How often a completion that could not reach its step is tried again, a minute apart. */
    static final int ATTEMPTS = 5;

    /** Completes, in the background, the step waiting at the gate {@code record} settled. */
    static void complete(Run<?, ?> run, GateRecord record) {
        // Timer only schedules it; the pool runs it, and a full pool is tried again a minute later (GateExpiry)
        GateExpiry.schedule(() -> completeNow(run, record, 1), Duration.ZERO);
    }

    private static void completeNow(Run<?, ?> run, GateRecord record, int attempt) {
        try {
            for (CriticalChangeGateExecution execution : running(run)) {
                if (record.getGateId().equals(execution.gateId())) {
                    execution.completeFrom(record);
                    return;
                }
            }
            if (run.isBuilding()) {
                retry(run, record, attempt, "no running step waits at it yet");
            }
        } catch (IOException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not complete " + record + " in " + run, e);
            retry(run, record, attempt, e.toString());
        }
    }

    /**
     * The step could not be reached (the program is still loading, or busy): try again later. The gate's expiry is a
     * last resort too: at the deadline it completes a step whose gate was decided ({@code expire}).
     */
    private static void retry(Run<?, ?> run, GateRecord record, int attempt, String why) {
        if (attempt >= ATTEMPTS) {
            LOGGER.warning(() -> "could not complete " + record + " in " + run + " after " + attempt + " attempts ("
                    + why + "); the step completes at the gate's deadline, or when the build resumes");
            return;
        }
        GateExpiry.schedule(() -> completeNow(run, record, attempt + 1), Duration.ofMinutes(1));
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
