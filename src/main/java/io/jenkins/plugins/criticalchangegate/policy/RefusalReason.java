package io.jenkins.plugins.criticalchangegate.policy;

/** Why an approval (or a rejection) was refused. A refused attempt changes nothing and is kept in the gate's trail. */
public enum RefusalReason {
    /** The person started the build. */
    SELF_APPROVAL,
    /** The person wrote a commit being shipped, and the system excludes commit authors. */
    COMMIT_AUTHOR,
    /** The person already approved (ids compared with the gate's {@link IdentityComparison}). */
    DUPLICATE_APPROVER,
    /** The person is neither a listed user nor in a listed group; anonymous always is refused so. */
    NOT_AUTHORIZED,
    /** Distinct groups are required and every listed group the person is in has already been used. */
    GROUP_ALREADY_USED,
    /**
     * The system has approval rules and every rule the person could count toward is already met by others (the rules
     * still open need people of other groups).
     */
    RULES_ALREADY_MET,
    /**
     * The gate is held (a freeze, or outside the deployment windows) with every approval it needs: it decides when
     * the system opens and takes no more approvals; a rejection still stops it.
     */
    QUORUM_MET,
    /** The gate is already decided (approved, rejected, expired or aborted). */
    GATE_CLOSED
}
