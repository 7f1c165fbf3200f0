package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The function that links the chain: SHA-256 of a record's canonical bytes, or HMAC-SHA-256 with the journal's key.
 * Not thread-safe: one per reader or writer.
 */
abstract class ChainHash {
    static final String SHA256 = "sha256";
    static final String HMAC_SHA256 = "hmac-sha256";
    static final int LENGTH = 32;
    private static final byte[] CLOSING_BRACE = {'}'};
    /** The message whose HMAC names a key (docs/audit.md): it lets a wrong key be told from a tampered record. */
    private static final byte[] KEY_ID_MESSAGE = "critical-change-gate audit key id".getBytes(StandardCharsets.US_ASCII);

    static ChainHash sha256() {
        try {
            return new Sha256(MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static ChainHash hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new Hmac(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    static ChainHash forKey(@CheckForNull byte[] key) {
        return key == null ? sha256() : hmac(key);
    }

    /** The key id written in the first record: the first 8 bytes of HMAC-SHA-256(key, KEY_ID_MESSAGE), hex. */
    static String keyId(byte[] key) {
        ChainHash h = hmac(key);
        h.update(KEY_ID_MESSAGE, 0, KEY_ID_MESSAGE.length);
        byte[] out = new byte[LENGTH];
        h.finish(out);
        return CanonicalJson.hex(Arrays.copyOf(out, 8));
    }

    /** {@code sha256} or {@code hmac-sha256}, as the first record names it. */
    abstract String name();

    abstract void update(byte[] bytes, int offset, int length);

    /**
     * Writes into {@code out} the hash of a record read from its line: the line up to the comma before {@code "hash"},
     * {@code bytes[offset, offset + length)}, then a closing brace (docs/audit.md, "How the chain is computed"), and
     * resets. The brace comes from an array, so that a record takes one path through the JDK's digest: its one-byte
     * update is a method of its own, which the JIT compiled separately while verification warmed up (issue 17).
     */
    void hashBody(byte[] bytes, int offset, int length, byte[] out) {
        update(bytes, offset, length);
        update(CLOSING_BRACE, 0, 1);
        finish(out);
    }

    /** Writes the 32-byte result into {@code out} and resets for the next record. */
    abstract void finish(byte[] out);

    /** The hash of a whole byte array, hex. */
    String hashHex(byte[] bytes) {
        update(bytes, 0, bytes.length);
        byte[] out = new byte[LENGTH];
        finish(out);
        return CanonicalJson.hex(out);
    }

    private static final class Sha256 extends ChainHash {
        private final MessageDigest digest;

        Sha256(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        String name() {
            return SHA256;
        }

        @Override
        void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        void finish(byte[] out) {
            try {
                digest.digest(out, 0, LENGTH);
            } catch (DigestException e) {
                throw new IllegalStateException("a 32-byte buffer is always enough", e);
            }
        }
    }

    private static final class Hmac extends ChainHash {
        private final Mac mac;

        Hmac(Mac mac) {
            this.mac = mac;
        }

        @Override
        String name() {
            return HMAC_SHA256;
        }

        @Override
        void update(byte[] bytes, int offset, int length) {
            mac.update(bytes, offset, length);
        }

        @Override
        void finish(byte[] out) {
            try {
                mac.doFinal(out, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("a 32-byte buffer is always enough", e);
            }
        }
    }
}
