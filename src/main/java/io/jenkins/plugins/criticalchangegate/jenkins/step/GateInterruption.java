package io.jenkins.plugins.criticalchangegate.jenkins.step;

import jenkins.model.CauseOfInterruption;

/**
 * Why a gate stopped its build, shown on the build page and in the log as a rejected {@code input} shows its
 * {@code Rejection}: rejected by a named approver with their reason, or expired.
 */
public final class GateInterruption extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String description;

    private GateInterruption(String description) {
        this.description = description;
    }

    static GateInterruption rejected(String system, String by, String reason) {
        return new GateInterruption("Critical change gate for " + system + ": rejected by " + by + ": " + reason);
    }

    static GateInterruption expired(String system, String due) {
        return new GateInterruption("Critical change gate for " + system + ": no decision before " + due
                + " (EXPIRED)");
    }

    @Override
    public String getShortDescription() {
        return description;
    }
}
