package io.jenkins.plugins.criticalchangegate.attestation;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An Ed25519 public key, as deploy targets hold it: PEM SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}).
 * Its key id is the lowercase hex SHA-256 of the SubjectPublicKeyInfo DER: anyone can compute it from the public key
 * alone (docs/attestation.md, "Key id").
 */
public final class VerificationKey {
    static final String PEM_LABEL = "PUBLIC KEY";

    private final PublicKey key;
    private final byte[] spki;
    private final String keyId;

    VerificationKey(PublicKey key) {
        this.key = key;
        this.spki = key.getEncoded();
        this.keyId = keyId(spki);
    }

    static String keyId(byte[] spki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Every public key in PEM text: one, or several (a key ring's listing keeps the retired keys too).
     *
     * @param pem the text
     * @param what names the text in messages (a file name)
     * @throws AttestationException for text without a {@code PUBLIC KEY} block, any other block (a private key given
     *     by mistake) or a key that is not Ed25519
     */
    public static List<VerificationKey> parseAll(String pem, String what) throws AttestationException {
        List<VerificationKey> keys = new ArrayList<>();
        for (Pem.Block block : Pem.decode(pem, what)) {
            if (!block.label.equals(PEM_LABEL)) {
                throw new AttestationException(what + " holds a '" + block.label + "' PEM block; a public key is"
                        + " '-----BEGIN " + PEM_LABEL + "-----' (SubjectPublicKeyInfo)");
            }
            keys.add(new VerificationKey(Ed25519.publicKey(block.der, what)));
        }
        return List.copyOf(keys);
    }

    /** The one public key in PEM text. */
    public static VerificationKey parse(String pem, String what) throws AttestationException {
        List<VerificationKey> keys = parseAll(pem, what);
        if (keys.size() != 1) {
            throw new AttestationException(what + " holds " + keys.size() + " public keys where one is expected");
        }
        return keys.get(0);
    }

    /** Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER. */
    public String keyId() {
        return keyId;
    }

    /** PEM SubjectPublicKeyInfo. */
    public String toPem() {
        return Pem.encode(PEM_LABEL, spki);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(Ed25519.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature (wrong length) verifies nothing: fail closed
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey && Arrays.equals(spki, ((VerificationKey) o).spki);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spki);
    }

    @Override
    public String toString() {
        return "Ed25519 public key " + keyId;
    }
}
