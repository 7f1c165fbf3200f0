package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.Test;

/** Ed25519 keys in PEM, the key id rule, and keys of other types refused by name. */
public class SigningKeyTest {
    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    public void privateKeyPemRoundTripsAndDerivesTheSamePublicKey() throws Exception {
        SigningKey key = SigningKey.generate();
        assertThat(key.toPem(), startsWith("-----BEGIN PRIVATE KEY-----\n"));
        SigningKey read = SigningKey.parse(key.toPem(), "attestation.key");
        assertThat(read.publicKey(), equalTo(key.publicKey()));
        byte[] message = "m".getBytes(StandardCharsets.UTF_8);
        assertThat(key.publicKey().verifies(message, read.sign(message)), is(true));
    }

    @Test
    public void publicKeyIsSubjectPublicKeyInfoPem() throws Exception {
        SigningKey key = SigningKey.generate();
        String pem = key.publicKey().toPem();
        assertThat(pem, startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertThat(VerificationKey.parse(pem, "attestation.pub"), equalTo(key.publicKey()));
    }

    @Test
    public void keyIdIsTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
        java.security.KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        VerificationKey key = VerificationKey.parse(pem("PUBLIC KEY", pair.getPublic().getEncoded()), "k");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(pair.getPublic().getEncoded()));
        assertThat(key.keyId(), is(expected));
        assertThat(pair.getPublic().getEncoded().length, is(44)); // 12 bytes of SPKI header, 32 of key
    }

    @Test
    public void refusesAnEcKeyByName() throws Exception {
        java.security.KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        AttestationException priv = assertThrows(AttestationException.class,
                () -> SigningKey.parse(pem("PRIVATE KEY", ec.getPrivate().getEncoded()), "ec.key"));
        assertThat(priv.getMessage(), is("ec.key is an EC key; attestations are signed with Ed25519 keys only"
                + " (attest keygen makes one)"));
        AttestationException pub = assertThrows(AttestationException.class,
                () -> VerificationKey.parse(pem("PUBLIC KEY", ec.getPublic().getEncoded()), "ec.pub"));
        assertThat(pub.getMessage(), containsString("ec.pub is an EC key"));
    }

    @Test
    public void refusesAnRsaKeyByName() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        java.security.KeyPair pair = rsa.generateKeyPair();
        AttestationException e = assertThrows(AttestationException.class,
                () -> VerificationKey.parse(pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rsa.pub"));
        assertThat(e.getMessage(), containsString("rsa.pub is an RSA key"));
    }

    @Test
    public void refusesOtherPemBlocks() {
        AttestationException legacy = assertThrows(AttestationException.class,
                () -> SigningKey.parse(pem("EC PRIVATE KEY", new byte[] {1}), "old.key"));
        assertThat(legacy.getMessage(), containsString("must hold one '-----BEGIN PRIVATE KEY-----' block"));
        AttestationException swapped = assertThrows(AttestationException.class,
                () -> VerificationKey.parse(SigningKey.generate().toPem(), "attestation.key"));
        assertThat(swapped.getMessage(), containsString("holds a 'PRIVATE KEY' PEM block"));
        AttestationException none = assertThrows(AttestationException.class,
                () -> VerificationKey.parse("just text", "empty.pub"));
        assertThat(none.getMessage(), is("empty.pub holds no PEM block (-----BEGIN ...-----)"));
        AttestationException garbage = assertThrows(AttestationException.class,
                () -> VerificationKey.parse(pem("PUBLIC KEY", new byte[] {1, 2, 3}), "bad.pub"));
        assertThat(garbage.getMessage(), containsString("bad.pub is not an Ed25519 public key"));
    }

    @Test
    public void readsEveryKeyOfAListing() throws Exception {
        String listing = "# first\n" + SigningKey.generate().publicKey().toPem() + "# second\n"
                + SigningKey.generate().publicKey().toPem();
        assertThat(VerificationKey.parseAll(listing, "keys.pem"), hasSize(2));
        assertThrows(AttestationException.class, () -> VerificationKey.parse(listing, "keys.pem"));
    }

    @Test
    public void toStringNeverShowsThePrivateKey() {
        SigningKey key = SigningKey.generate();
        assertThat(key.toString(), is("Ed25519 signing key " + key.keyId()));
    }
}
