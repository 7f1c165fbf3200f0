package io.jenkins.plugins.criticalchangegate.policy;

/** Where a gate stands. Every outcome but PENDING and HELD is final: a decided gate never changes again. */
public enum Outcome {
    /** Waiting for approvals. */
    PENDING,
    /**
     * Not decided, and not before {@link GateState#releaseAt()}: the system is in a freeze or outside its deployment
     * windows. The gate collects approvals (and takes rejections); when the system opens it is APPROVED if its
     * approvals are complete, PENDING otherwise; past its deadline it EXPIRES as any gate does.
     */
    HELD,
    /** Enough distinct authorized people approved. */
    APPROVED,
    /** An authorized person rejected the change. */
    REJECTED,
    /** The approval timeout passed before a decision. */
    EXPIRED,
    /** The build was stopped (or the gate cancelled) before a decision. */
    ABORTED;

    public boolean isFinal() {
        return this != PENDING && this != HELD;
    }
}
