package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationKeyRing;
import java.io.IOException;

/**
 * What the audit page (Manage Jenkins) needs of the attestation key ring: the current key's id, and its rotation by
 * an administrator. The ring itself ({@link AttestationKey}) stays package-private: nothing outside this package
 * reaches the private key.
 */
public final class AttestationKeys {
    /** Where the public keys are served, relative to Jenkins' root URL ({@link AttestationKeysAction}). */
    public static final String PAGE = AttestationKeysAction.URL_NAME + "/";

    private AttestationKeys() {
    }

    /**
     * The id of the key that signs now, without making one.
     *
     * @return null when Jenkins has made no attestation key yet
     * @throws IOException when the ring cannot be read (or decrypted)
     */
    @CheckForNull
    public static String currentKeyId() throws IOException {
        AttestationKeyRing ring = AttestationKey.get().existing();
        return ring == null ? null : ring.current().keyId();
    }

    /** Where a rotation is recorded before it happens. */
    @FunctionalInterface
    public interface Journal {
        /**
         * Records that {@code oldKeyId} is retired and {@code newKeyId} signs from now on.
         *
         * @throws IOException when it cannot be recorded: the rotation does not happen
         */
        void record(String oldKeyId, String newKeyId) throws IOException;
    }

    /**
     * Rotates the signing key (making the first one when there is none): the old public key stays listed with the
     * time it stopped signing, so what it signed still verifies. Recorded by {@code journal} first.
     *
     * @return the key ids, retired and new
     * @throws IOException when the rotation could not be recorded (the ring is unchanged) or stored
     */
    public static Rotation rotate(Journal journal) throws IOException {
        AttestationKeyRing after = AttestationKey.get().rotate(journal);
        // retired keys are listed newest first: the first is the one this rotation retired
        return new Rotation(after.retired().get(0).key().keyId(), after.current().keyId());
    }

    /** A rotation that happened: the retired key's id and the new key's id. */
    public static final class Rotation {
        private final String oldKeyId;
        private final String newKeyId;

        Rotation(String oldKeyId, String newKeyId) {
            this.oldKeyId = oldKeyId;
            this.newKeyId = newKeyId;
        }

        public String oldKeyId() {
            return oldKeyId;
        }

        public String newKeyId() {
            return newKeyId;
        }
    }
}
