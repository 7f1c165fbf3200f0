package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationException;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationKeyRing;
import io.jenkins.plugins.criticalchangegate.attestation.KeyRingStore;
import io.jenkins.plugins.criticalchangegate.attestation.SigningKey;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Logger;
import jenkins.security.ConfidentialKey;

/**
 * The attestation key ring, kept by Jenkins as a confidential key: {@code ConfidentialStore} encrypts it under
 * {@code $JENKINS_HOME/secrets/} with the controller's master key, as it keeps the journal's key. One document holds
 * the current Ed25519 private key and the retired public keys ({@link KeyRingStore}), so a rotation is one write: no
 * moment where a key signs that the ring does not list.
 *
 * <p>Made on first use. A stored ring that cannot be decrypted or read fails closed: nothing is signed, and no new key
 * is made over it (that would lose the public keys deploy targets trust), exactly as the journal's key.
 */
final class AttestationKey extends ConfidentialKey {
    private static final Logger LOGGER = Logger.getLogger(AttestationKey.class.getName());
    /** The key's name in the confidential store and its file name under {@code secrets/}: fixed, never the class name. */
    static final String ID = "io.jenkins.plugins.criticalchangegate.attestation-keys";

    private static final AttestationKey INSTANCE = new AttestationKey();

    private AttestationKey() {
        super(ID);
    }

    static AttestationKey get() {
        return INSTANCE;
    }

    /**
     * The ring, if Jenkins has one.
     *
     * @throws IOException when the store cannot be read, or holds something that is not a key ring
     */
    @CheckForNull
    synchronized AttestationKeyRing existing() throws IOException {
        byte[] stored = load();
        if (stored == null) {
            return null;
        }
        try {
            return KeyRingStore.decode(stored, "the attestation key ring (secrets/" + ID + ")");
        } catch (AttestationException e) {
            throw new IOException(e.getMessage() + "; restore secrets/ from a backup", e);
        }
    }

    /** The ring, made now (one new key) when Jenkins has none. */
    synchronized AttestationKeyRing getOrCreate() throws IOException {
        AttestationKeyRing ring = existing();
        if (ring == null) {
            refuseToReplaceAnUnreadableRing();
            ring = AttestationKeyRing.of(SigningKey.generate(), Instant.now());
            store(KeyRingStore.encode(ring));
            String keyId = ring.current().keyId();
            LOGGER.info(() -> "Created the attestation signing key (key id " + keyId + ") in Jenkins' confidential"
                    + " store, secrets/" + ID);
        }
        return ring;
    }

    /**
     * Replaces the signing key with a new one; the old public key stays listed, valid until now. The rotation is on
     * the record before it happens, as the journal key's export is: {@code journal} is told the old and the new key
     * ids first, and when it fails the ring is left as it was.
     *
     * @return the new ring
     * @throws IOException when the rotation could not be journaled (nothing changed) or the new ring stored
     */
    synchronized AttestationKeyRing rotate(AttestationKeys.Journal journal) throws IOException {
        AttestationKeyRing ring = getOrCreate();
        SigningKey next = SigningKey.generate();
        AttestationKeyRing rotated = ring.rotate(next, Instant.now());
        journal.record(ring.current().keyId(), next.keyId()); // no record, no rotation
        store(KeyRingStore.encode(rotated));
        LOGGER.info(() -> "Rotated the attestation signing key: " + ring.current().keyId() + " retired, "
                + next.keyId() + " signs from now on");
        return rotated;
    }

    /** As the journal's key: a ring file that exists but does not decrypt is never overwritten. */
    private static void refuseToReplaceAnUnreadableRing() throws IOException {
        Path stored = new JenkinsFacade().rootDir().toPath().resolve("secrets").resolve(ID);
        if (Files.exists(stored)) {
            throw new IOException("the attestation key ring " + stored + " exists but Jenkins cannot decrypt it (was"
                    + " secrets/ restored without its master.key?); no new key is made over it, since deploy targets"
                    + " trust its public keys. Restore the matching secrets/master.key, or move the file aside to"
                    + " start a new ring (docs/attestation.md)");
        }
    }
}
