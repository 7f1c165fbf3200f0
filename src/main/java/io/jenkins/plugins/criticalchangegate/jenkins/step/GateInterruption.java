package io.jenkins.plugins.criticalchangegate.jenkins.step;

import jenkins.model.CauseOfInterruption;

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

    @Override
    public String getShortDescription() {
        return description;
    }
}
