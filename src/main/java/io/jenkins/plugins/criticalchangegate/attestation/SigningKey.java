package io.jenkins.plugins.criticalchangegate.attestation;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;

/**
 * An Ed25519 private key that signs attestations, with its public half. Read from and written as PEM PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}); whoever stores it keeps it secret (Jenkins encrypts it, {@code attest keygen}
 * writes it owner-only). {@link #toString()} never shows the key.
 */
public final class SigningKey {
    static final String PEM_LABEL = "PRIVATE KEY";

    private final PrivateKey key;
    private final VerificationKey publicKey;

    private SigningKey(PrivateKey key, VerificationKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /** A new key from the platform's strong random source. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), new VerificationKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java platform cannot make Ed25519 keys (Java 15 and later can)", e);
        }
    }

    /**
     * Reads a PEM PKCS#8 Ed25519 private key.
     *
     * @param pem the text
     * @param what names the text in messages (a file name)
     * @throws AttestationException for anything but one {@code PRIVATE KEY} block holding an Ed25519 key (an
     *     {@code EC PRIVATE KEY}, an RSA or EC PKCS#8 key, an encrypted key are refused by name)
     */
    public static SigningKey parse(String pem, String what) throws AttestationException {
        List<Pem.Block> blocks = Pem.decode(pem, what);
        if (blocks.size() != 1 || !blocks.get(0).label.equals(PEM_LABEL)) {
            throw new AttestationException(what + " must hold one '-----BEGIN " + PEM_LABEL + "-----' block"
                    + " (PKCS#8, unencrypted), not " + labels(blocks));
        }
        PrivateKey key = Ed25519.privateKey(blocks.get(0).der, what);
        return new SigningKey(key, new VerificationKey(Ed25519.publicOf(key, what)));
    }

    private static String labels(List<Pem.Block> blocks) {
        StringBuilder b = new StringBuilder();
        for (Pem.Block block : blocks) {
            b.append(b.length() == 0 ? "" : ", ").append('\'').append(block.label).append('\'');
        }
        return blocks.size() + " block(s): " + b;
    }

    public VerificationKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    /** The Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(Ed25519.ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519: " + e.getMessage(), e);
        }
    }

    /** PEM PKCS#8: secret, for the file or store that keeps it. */
    public String toPem() {
        return Pem.encode(PEM_LABEL, key.getEncoded());
    }

    @Override
    public String toString() {
        return "Ed25519 signing key " + keyId();
    }
}
