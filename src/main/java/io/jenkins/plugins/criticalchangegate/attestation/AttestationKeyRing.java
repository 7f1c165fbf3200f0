package io.jenkins.plugins.criticalchangegate.attestation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing key and the public keys it replaced (issue 15: "key rotation keeps old public keys listed with their
 * validity"). An immutable value the Jenkins layer persists: the current key's PKCS#8 PEM (encrypted there, as the
 * journal key is), since when it signs, and the retired public keys with their validity.
 */
public final class AttestationKeyRing {
    private final SigningKey current;
    private final Instant currentSince;
    /** Newest first. */
    private final List<ListedKey> retired;

    private AttestationKeyRing(SigningKey current, Instant currentSince, List<ListedKey> retired) {
        this.current = current;
        this.currentSince = currentSince;
        this.retired = List.copyOf(retired);
    }

    /** A ring with one key, signing since {@code since}. */
    public static AttestationKeyRing of(SigningKey current, Instant since) {
        return new AttestationKeyRing(current, since, List.of());
    }

    /**
     * A ring as persisted.
     *
     * @param retired the retired keys, each with its validity until; newest first
     * @throws IllegalArgumentException for a retired key without an end, or one that is the current key
     */
    public static AttestationKeyRing of(SigningKey current, Instant since, List<ListedKey> retired) {
        for (ListedKey key : retired) {
            if (key.validUntil().isEmpty()) {
                throw new IllegalArgumentException("retired key " + key.key().keyId() + " has no end of validity");
            }
            if (key.key().equals(current.publicKey())) {
                throw new IllegalArgumentException("key " + key.key().keyId() + " is both current and retired");
            }
        }
        return new AttestationKeyRing(current, since, retired);
    }

    /** The key that signs now. */
    public SigningKey current() {
        return current;
    }

    public Instant currentSince() {
        return currentSince;
    }

    /** The retired keys, newest first. */
    public List<ListedKey> retired() {
        return retired;
    }

    /** This ring with {@code next} signing from {@code at}; the current key is listed as retired at {@code at}. */
    public AttestationKeyRing rotate(SigningKey next, Instant at) {
        if (next.publicKey().equals(current.publicKey())) {
            throw new IllegalArgumentException("rotating to the same key " + next.keyId());
        }
        List<ListedKey> more = new ArrayList<>();
        more.add(new ListedKey(current.publicKey(), currentSince, at));
        more.addAll(retired);
        return of(next, at, more);
    }

    /** Every public key: the current one first, then the retired ones, newest first. */
    public List<ListedKey> listed() {
        List<ListedKey> all = new ArrayList<>();
        all.add(new ListedKey(current.publicKey(), currentSince, null));
        all.addAll(retired);
        return all;
    }

    /** The listed key with this id. */
    public Optional<ListedKey> find(String keyId) {
        return listed().stream().filter(k -> k.key().keyId().equals(keyId)).findFirst();
    }

    /** {@code {"current": keyid, "keys": [ListedKey.toJson()...]}}: the audit page's download. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("current", current.keyId());
        List<Object> keys = new ArrayList<>();
        for (ListedKey key : listed()) {
            keys.add(key.toJson());
        }
        json.put("keys", keys);
        return json;
    }

    /** {@link #toJson()} as UTF-8 JSON text. */
    public byte[] toJsonBytes() {
        return Json.write(toJson());
    }

    /**
     * Every public key as PEM, each after a comment line with its id and validity (text outside PEM blocks is
     * ignored, RFC 7468): {@code attest verify --public-key} reads the whole listing and tries each key.
     */
    public String toPem() {
        StringBuilder b = new StringBuilder();
        for (ListedKey key : listed()) {
            b.append("# keyid ").append(key.key().keyId()).append(" valid from ").append(key.validFrom())
                    .append(key.validUntil().map(u -> " until " + u).orElse(" (current)")).append('\n')
                    .append(key.key().toPem());
        }
        return b.toString();
    }
}
