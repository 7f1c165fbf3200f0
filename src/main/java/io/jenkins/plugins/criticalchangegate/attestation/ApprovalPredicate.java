package io.jenkins.plugins.criticalchangegate.attestation;

/**
 * The project's predicate: what an approved gate attests. Its type is a versioned URI of the project; a later
 * incompatible shape gets {@code /v2}. The members are listed, with a JSON Schema, in docs/attestation.md; the names
 * here are that contract.
 */
public final class ApprovalPredicate {
    /** The predicate type of an approval attestation, version 1. */
    public static final String TYPE = "https://github.com/jenkinsci/critical-change-gate-plugin/approval/v1";

    /** The critical system's id as the registry spells it. */
    public static final String SYSTEM = "system";
    /** The change id the gate was asked for. */
    public static final String CHANGE_ID = "changeId";
    /** Always {@code APPROVED}: only approved gates are attested. */
    public static final String OUTCOME = "outcome";
    /** When the gate opened. */
    public static final String REQUESTED_AT = "requestedAt";
    /** When the gate was approved: what {@code attest verify --max-age} measures from. */
    public static final String DECIDED_AT = "decidedAt";
    /** Who started the build, or null (a timer, an SCM trigger). */
    public static final String STARTED_BY = "startedBy";
    /** The requirement applied, in words, and its parts. */
    public static final String REQUIREMENT = "requirement";
    /** Each approval that counted. */
    public static final String APPROVALS = "approvals";
    /** Each refused attempt kept, and how many more were only counted. */
    public static final String REFUSED = "refused";
    public static final String UNCOUNTED_REFUSALS = "uncountedRefusals";
    /** The documentation page checked: url, sha256, fetchedAt; or null. */
    public static final String DOCUMENTATION = "documentation";
    /** The registry version (the SHA-256 of the registry the gate decided with), or null. */
    public static final String REGISTRY_VERSION = "registryVersion";
    /** The build's URL, or null outside Jenkins. */
    public static final String BUILD_URL = "buildUrl";
    /** The journal record of the decision: seq and hash; or null without a journal. */
    public static final String JOURNAL = "journal";

    private ApprovalPredicate() {
    }
}
