package io.jenkins.plugins.criticalchangegate.attestation;

/** What {@code attest verify} checks, in the order it reports them. The names are printed and documented. */
public enum Check {
    /** The envelope is a DSSE JSON envelope. */
    ENVELOPE("envelope"),
    /** A signature verifies with a given key (DSSE: key ids only narrow the keys tried). */
    SIGNATURE("signature"),
    /** The payload type is in-toto's. */
    PAYLOAD_TYPE("payloadType"),
    /** The payload is an in-toto Statement v1. */
    STATEMENT_TYPE("_type"),
    /** The predicate is this project's approval predicate. */
    PREDICATE_TYPE("predicateType"),
    /** A subject has the SHA-256 asked for. */
    SUBJECT("subject"),
    /** The gate was for the system asked for. */
    SYSTEM("system"),
    /** The gate was approved no longer ago than asked. */
    MAX_AGE("max-age");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** The name printed for the check. */
    public String label() {
        return label;
    }
}
