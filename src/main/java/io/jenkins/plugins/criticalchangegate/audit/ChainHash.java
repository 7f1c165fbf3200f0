package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The function that links the chain: SHA-256 of a record's canonical bytes, or HMAC-SHA-256 with the journal's key.
 * Not thread-safe: one per reader or writer.
 */
final class ChainHash {
    static final String SHA256 = "sha256";
    static final String HMAC_SHA256 = "hmac-sha256";
    static final int LENGTH = 32;
    /** The message whose HMAC names a key (docs/audit.md): it lets a wrong key be told from a tampered record. */
    private static final byte[] KEY_ID_MESSAGE = "critical-change-gate audit key id".getBytes(StandardCharsets.US_ASCII);

    @CheckForNull
    private final MessageDigest digest;
    @CheckForNull
    private final Mac mac;

    private ChainHash(@CheckForNull MessageDigest digest, @CheckForNull Mac mac) {
        this.digest = digest;
        this.mac = mac;
    }

    static ChainHash sha256() {
        try {
            return new ChainHash(MessageDigest.getInstance("SHA-256"), null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static ChainHash hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new ChainHash(null, mac);
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
        return CanonicalJson.hex(java.util.Arrays.copyOf(out, 8));
    }

    String name() {
        return mac == null ? SHA256 : HMAC_SHA256;
    }

    void update(byte[] bytes, int offset, int length) {
        if (mac != null) {
            mac.update(bytes, offset, length);
        } else {
            digest.update(bytes, offset, length);
        }
    }

    void update(byte b) {
        if (mac != null) {
            mac.update(b);
        } else {
            digest.update(b);
        }
    }

    /** Writes the 32-byte result into {@code out} and resets for the next record. */
    void finish(byte[] out) {
        try {
            if (mac != null) {
                mac.doFinal(out, 0);
            } else {
                digest.digest(out, 0, LENGTH);
            }
        } catch (DigestException | ShortBufferException e) {
            throw new IllegalStateException("32-byte buffer is always enough", e);
        }
    }

    /** The hash of a whole byte array, hex. */
    String hashHex(byte[] bytes) {
        update(bytes, 0, bytes.length);
        byte[] out = new byte[LENGTH];
        finish(out);
        return CanonicalJson.hex(out);
    }
}
