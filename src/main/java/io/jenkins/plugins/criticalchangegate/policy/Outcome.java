package io.jenkins.plugins.criticalchangegate.policy;

/** Where a gate stands. Every outcome but PENDING is final: a decided gate never changes again. */
public enum Outcome {
    /** Waiting for approvals. */
    PENDING,
    /** Enough distinct authorized people approved. */
    APPROVED,
    /** An authorized person rejected the change. */
    REJECTED,
    /** The approval timeout passed before a decision. */
    EXPIRED,
    /** The build was stopped (or the gate cancelled) before a decision. */
    ABORTED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
