package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.util.Objects;

/**
 * The signed attestation of an approval, as the gate record keeps it: the DSSE envelope (one line of JSON, exactly as
 * archived in {@code critical-change-approval.intoto.jsonl}), its SHA-256 (which the journal's ATTESTED record
 * carries) and the id of the key that signed it.
 */
public final class AttestationEntry {
    private final String envelope;
    private final String sha256;
    private final String keyId;

    public AttestationEntry(String envelope, String sha256, String keyId) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    /** The DSSE envelope, one line of JSON. */
    public String getEnvelope() {
        return envelope;
    }

    public String getSha256() {
        return sha256;
    }

    public String getKeyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "attestation " + sha256 + " (key " + keyId + ")";
    }
}
