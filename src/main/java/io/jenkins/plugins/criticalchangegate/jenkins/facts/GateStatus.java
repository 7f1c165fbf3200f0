package io.jenkins.plugins.criticalchangegate.jenkins.facts;

/** Where a gate stands, as kept with the build and returned to the script. */
public enum GateStatus {
    /** Waiting for approvals. */
    PENDING(false),
    /**
     * Held by a freeze or outside the system's deployment windows: still takes approvals and rejections, and decides
     * only when the system opens again (before its deadline), as the registry's time rules say.
     */
    HELD(false),
    /** The quorum was reached: the build went on. */
    APPROVED(true),
    /** An authorized approver rejected the change: the build was aborted. */
    REJECTED(true),
    /** The approval timeout passed: the build was aborted. */
    EXPIRED(true),
    /** The build was aborted while the gate waited. */
    ABORTED(true),
    /** The documentation page was refused: the step failed before pausing. */
    DOCUMENTATION_REFUSED(true),
    /** The system is not critical: the step passed at once (kept for the script's return value only). */
    NOT_CRITICAL(true);

    private final boolean settled;

    GateStatus(boolean settled) {
        this.settled = settled;
    }

    /** Whether the gate is closed: nothing can change it any more. */
    public boolean isSettled() {
        return settled;
    }
}
