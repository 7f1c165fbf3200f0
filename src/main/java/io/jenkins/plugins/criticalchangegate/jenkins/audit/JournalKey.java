package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.JournalKeyFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Logger;
import jenkins.security.ConfidentialKey;

/**
 * The audit journal's HMAC key, kept by Jenkins as a confidential key: {@code ConfidentialStore} encrypts it under
 * {@code $JENKINS_HOME/secrets/} with the controller's master key, as Jenkins keeps its own secrets. It is made on
 * first use (32 bytes from {@link SecureRandom}) and never changes by itself: rotating it means starting a new
 * journal (docs/audit.md, "The journal's key in Jenkins").
 *
 * <p>The key material is the raw bytes; the journal is keyed with exactly these bytes, and the file an administrator
 * downloads carries them in base64 ({@link JournalKeyFile}), which {@code audit verify --key-file} decodes back to
 * the same bytes. Unlike core's {@code HMACConfidentialKey}, which never lets its key out, this key must be
 * exportable: an auditor verifies the journal away from Jenkins, with nothing but the tool and the key.
 */
final class JournalKey extends ConfidentialKey {
    private static final Logger LOGGER = Logger.getLogger(JournalKey.class.getName());
    /**
     * The key's name in the confidential store, which is also its file name under {@code secrets/}. Fixed text, not
     * the class name: renaming the class must not lose the key of every journal written so far.
     */
    static final String ID = JournalKeyFit.STORE_ID;
    /** 256 bits, as long as HMAC-SHA-256's output. */
    static final int LENGTH = 32;

    private static final JournalKey INSTANCE = new JournalKey();
    private static final SecureRandom RANDOM = new SecureRandom();

    private JournalKey() {
        super(ID);
    }

    static JournalKey get() {
        return INSTANCE;
    }

    /**
     * The key, if Jenkins has one.
     *
     * @return a copy of the key; {@code null} when none was made yet, or when the stored one cannot be decrypted
     *     (Jenkins' confidential store answers both the same way: a {@code secrets/} directory restored without its
     *     {@code master.key} looks like no key)
     * @throws IOException when the store cannot be read, or holds something that is not a journal key
     */
    @CheckForNull
    synchronized byte[] existing() throws IOException {
        byte[] key = load();
        if (key != null && key.length < JournalOptions.MIN_KEY_BYTES) {
            throw new IOException("the audit journal key in Jenkins' confidential store (secrets/" + ID + ") is "
                    + key.length + " bytes long, too short to be one; restore secrets/ from a backup");
        }
        return key;
    }

    /**
     * The key, made and stored now if Jenkins has none.
     *
     * @return a copy of the key
     * @throws IOException when the store cannot be read or written
     */
    synchronized byte[] getOrCreate() throws IOException {
        byte[] key = existing();
        if (key == null) {
            refuseToReplaceAnUnreadableKey();
            key = new byte[LENGTH];
            RANDOM.nextBytes(key);
            store(key);
            String keyId = JournalKeyFile.keyId(key);
            LOGGER.info(() -> "Created the audit journal key (key id " + keyId + ") in Jenkins' confidential store,"
                    + " secrets/" + ID);
        }
        return key;
    }

    /**
     * Jenkins' default confidential store answers "no key" both when its file is missing and when it cannot decrypt
     * it (a {@code secrets/} directory restored without the matching {@code master.key}). Making a key then would
     * overwrite the only copy of the old one, and with it any chance to verify the journals it keyed once the right
     * {@code master.key} is found: so a key file that exists but does not decrypt stops here, failing closed.
     * (A store kept elsewhere by another {@code ConfidentialStore} has no such file, and is trusted as it answers.)
     */
    private static void refuseToReplaceAnUnreadableKey() throws IOException {
        Path stored = new JenkinsFacade().rootDir().toPath().resolve("secrets").resolve(ID);
        if (Files.exists(stored)) {
            throw new IOException("the audit journal key " + stored + " exists but Jenkins cannot decrypt it (was"
                    + " secrets/ restored without its master.key?); no new key is made over it, since that would"
                    + " lose the key of the journals written with it. Restore the matching secrets/master.key, or"
                    + " move the file aside to start a new key and a new journal (docs/audit.md, \"The journal's key"
                    + " in Jenkins\")");
        }
    }
}
