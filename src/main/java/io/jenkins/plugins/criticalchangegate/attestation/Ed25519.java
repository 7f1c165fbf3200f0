package io.jenkins.plugins.criticalchangegate.attestation;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The one signature algorithm of attestations. Keys of any other type are refused by name, so that a person who hands
 * the tool an EC or RSA key learns what is wrong rather than reading a parser's complaint.
 */
final class Ed25519 {
    static final String ALGORITHM = "Ed25519";
    /** Algorithms the JDK can name, tried only to say what a refused key is. */
    private static final String[] OTHERS = {"RSA", "EC", "Ed448", "X25519", "X448", "DSA", "RSASSA-PSS"};

    private Ed25519() {
    }

    static java.security.PrivateKey privateKey(byte[] pkcs8, String what) throws AttestationException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw refused(new PKCS8EncodedKeySpec(pkcs8), true, what);
        }
    }

    static java.security.PublicKey publicKey(byte[] spki, String what) throws AttestationException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw refused(new X509EncodedKeySpec(spki), false, what);
        }
    }

    /**
     * The public half of a private key. The JDK offers no derivation, but its key pair generator makes the pair from
     * 32 random bytes, the private key's seed (RFC 8032, 5.1.5): given those bytes as its randomness, it makes the
     * same pair. The result is checked against the key it came from, so a JDK that drew its randomness otherwise
     * fails here, closed, rather than yielding a wrong public key.
     */
    static java.security.PublicKey publicOf(java.security.PrivateKey key, String what) throws AttestationException {
        byte[] seed = key instanceof EdECPrivateKey ? ((EdECPrivateKey) key).getBytes().orElse(null) : null;
        if (seed == null || seed.length != 32) {
            throw new AttestationException(what + ": the Ed25519 private key's bytes cannot be read");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new Seed(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(pair.getPrivate().getEncoded(), key.getEncoded())) {
                throw new AttestationException(what + ": cannot derive the Ed25519 public key on this Java platform");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new AttestationException(what + ": cannot derive the Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** Randomness that is one given seed: only for {@link #publicOf}. */
    private static final class Seed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        Seed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the key pair generator asked for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }

    private static AttestationException refused(KeySpec spec, boolean isPrivate, String what) {
        for (String other : OTHERS) {
            try {
                KeyFactory factory = KeyFactory.getInstance(other);
                if (isPrivate) {
                    factory.generatePrivate(spec);
                } else {
                    factory.generatePublic(spec);
                }
                return new AttestationException(what + " is an " + other + " key; attestations are signed with"
                        + " Ed25519 keys only (attest keygen makes one)");
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // try the next
            }
        }
        return new AttestationException(what + " is not an Ed25519 " + (isPrivate ? "private key (PKCS#8)"
                : "public key (SubjectPublicKeyInfo)"));
    }
}
