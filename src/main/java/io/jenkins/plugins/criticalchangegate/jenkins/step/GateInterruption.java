package io.jenkins.plugins.criticalchangegate.jenkins.step;

import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * Why a gate stopped its build, shown on the build page and in the log as a rejected {@code input} shows its
 * {@code Rejection}: rejected by a named approver with their reason, expired, or aborted. The text comes from
 * {@code StepCompletion}, the one rule for how a settled gate completes its step.
 */
public final class GateInterruption extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String description;

    GateInterruption(String description) {
        this.description = description;
    }

    /** Who stopped the build, as Pipeline says it ({@code UserInterruption}), or "unknown". */
    static String stoppedBy(Throwable cause) {
        if (cause instanceof FlowInterruptedException) {
            for (CauseOfInterruption c : ((FlowInterruptedException) cause).getCauses()) {
                if (c instanceof CauseOfInterruption.UserInterruption) {
                    return ((CauseOfInterruption.UserInterruption) c).getUserId();
                }
            }
        }
        return "unknown";
    }

    @Override
    public String getShortDescription() {
        return description;
    }
}
