package io.jenkins.plugins.criticalchangegate.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A public key as the key ring lists it: the key, and when it signed: from {@code validFrom} until
 * {@code validUntil} (empty for the current key). A retired key stays listed so that attestations it signed still
 * verify, and a verifier can tell a decision dated after its retirement.
 */
public final class ListedKey {
    private final VerificationKey key;
    private final Instant validFrom;
    @CheckForNull
    private final Instant validUntil;

    public ListedKey(VerificationKey key, Instant validFrom, @CheckForNull Instant validUntil) {
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("key " + key.keyId() + " is valid until " + validUntil
                    + ", before it is valid from " + validFrom);
        }
        this.key = key;
        this.validFrom = Objects.requireNonNull(validFrom);
        this.validUntil = validUntil;
    }

    public VerificationKey key() {
        return key;
    }

    public Instant validFrom() {
        return validFrom;
    }

    /** When the key was retired; empty for the current key. */
    public Optional<Instant> validUntil() {
        return Optional.ofNullable(validUntil);
    }

    /** Whether the key was the signing key at that instant. */
    public boolean validAt(Instant instant) {
        return !instant.isBefore(validFrom) && (validUntil == null || instant.isBefore(validUntil));
    }

    /** {@code keyid}, {@code algorithm}, {@code publicKey} (PEM), {@code validFrom}, {@code validUntil} (or null). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keyid", key.keyId());
        json.put("algorithm", "Ed25519");
        json.put("publicKey", key.toPem());
        json.put("validFrom", validFrom.toString());
        json.put("validUntil", validUntil == null ? null : validUntil.toString());
        return json;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListedKey)) {
            return false;
        }
        ListedKey k = (ListedKey) o;
        return key.equals(k.key) && validFrom.equals(k.validFrom) && Objects.equals(validUntil, k.validUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, validFrom, validUntil);
    }

    @Override
    public String toString() {
        return key + " valid from " + validFrom + (validUntil == null ? "" : " until " + validUntil);
    }
}
