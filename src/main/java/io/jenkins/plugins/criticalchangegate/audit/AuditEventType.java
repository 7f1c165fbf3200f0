package io.jenkins.plugins.criticalchangegate.audit;

/**
 * What a journal record says happened. The names are written into the journal ({@code "type"}) and never change.
 */
public enum AuditEventType {
    /** The journal's first record: which chain (unkeyed SHA-256 or keyed HMAC-SHA-256) and which key. */
    JOURNAL_CREATED,
    /** A build asked for the gate: job, build, system, change id, commit and who started the build. */
    GATE_REQUESTED,
    /** The documentation URL was checked; the record carries the check's verdict and evidence. */
    DOCUMENTATION_CHECKED,
    /** Someone authorized approved the change. */
    APPROVAL_ACCEPTED,
    /** Someone tried to approve and was refused (the author, an unauthorized user, a second vote...). */
    APPROVAL_REFUSED,
    /** Someone authorized rejected the change. */
    REJECTED,
    /** The gate waited too long and expired. */
    EXPIRED,
    /**
     * The system is closed (a freeze, or outside its deployment windows): the gate decides nothing until it opens
     * again; {@code reason} says what closes it and until when.
     */
    HELD,
    /** The system opened again while the held gate still lacked approvals: it waits for them as before. */
    RELEASED,
    /** The gate's final outcome. */
    DECIDED,
    /** The system is not in the registry of critical systems: the gate passed at once. */
    NOT_CRITICAL,
    /**
     * An administrator downloaded the journal's verification key from Jenkins: {@code user} and the key's
     * {@code keyId} (never the key). Whoever holds the key can write records that verify, so every copy handed out is
     * on the record.
     */
    KEY_EXPORTED,
    /**
     * An approved gate's attestation was signed (issue 15): {@code envelopeSha256} (SHA-256 of the envelope line as
     * archived), the signing {@code keyId}, the {@code subjects} and the {@code predicateType}; gate fields as usual.
     */
    ATTESTED,
    /**
     * An administrator rotated Jenkins' attestation signing key (issue 15): {@code user}, {@code oldKeyId} (now
     * retired, still listed for verification) and {@code newKeyId} (which signs from now on). Written before the new
     * key is stored: no record, no rotation.
     */
    ATTESTATION_KEY_ROTATED,
    /**
     * An approved emergency (break-glass) change was reviewed afterwards, issue 16: {@code user} (the reviewer),
     * {@code verdict} ({@code accepted} or {@code needs-follow-up}), {@code text}, {@code incidentId}; the first
     * closes the review obligation.
     */
    EMERGENCY_REVIEWED,
    /** Someone tried to review an emergency change and was refused: {@code user}, {@code reason}, {@code detail}. */
    EMERGENCY_REVIEW_REFUSED,
    /**
     * A gated credential's secret was released to a build holding an approved gate for its system (issue 12):
     * {@code credentialId}, {@code system}, {@code gateId}, {@code job}, {@code build}, {@code reason},
     * {@code emergency}.
     */
    CREDENTIALS_RELEASED,
    /** A gated credential was refused to a build (or to a lookup without one): the same fields, the reason why. */
    CREDENTIALS_REFUSED
}
