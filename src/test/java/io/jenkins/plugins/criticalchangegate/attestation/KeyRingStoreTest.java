package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.Test;

public class KeyRingStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    public void aRotatedRingReadsBackWithItsPrivateKeyAndTheRetiredKeysValidity() throws Exception {
        SigningKey first = SigningKey.generate();
        SigningKey second = SigningKey.generate();
        AttestationKeyRing ring = AttestationKeyRing.of(first, T0).rotate(second, T1);

        AttestationKeyRing read = KeyRingStore.decode(KeyRingStore.encode(ring), "the store");

        assertThat(read.current().keyId(), is(second.keyId()));
        assertThat(read.currentSince(), is(T1));
        assertThat(read.retired().size(), is(1));
        assertThat(read.retired().get(0).key().keyId(), is(first.keyId()));
        assertThat(read.retired().get(0).validFrom(), is(T0));
        assertThat(read.retired().get(0).validUntil().orElseThrow(), is(T1));
        // the private key came back: what it signs verifies with the public key listed for it
        byte[] message = "m".getBytes(StandardCharsets.UTF_8);
        assertThat(ring.current().publicKey().verifies(message, read.current().sign(message)), is(true));
    }

    @Test
    public void aDamagedStoreIsRefusedNamingWhatIsWrong() {
        assertThat(assertThrows(AttestationException.class, () -> KeyRingStore.decode(
                "{\"format\":2}".getBytes(StandardCharsets.UTF_8), "secrets/x")).getMessage(),
                containsString("secrets/x has format 2; this version reads format 1"));
        assertThat(assertThrows(AttestationException.class, () -> KeyRingStore.decode(
                "[]".getBytes(StandardCharsets.UTF_8), "secrets/x")).getMessage(),
                containsString("must hold a JSON object, not array"));
        byte[] good = KeyRingStore.encode(AttestationKeyRing.of(SigningKey.generate(), T0));
        String noSince = new String(good, StandardCharsets.UTF_8).replaceFirst("\"since\":\"[^\"]*\"",
                "\"since\":\"yesterday\"");
        assertThat(assertThrows(AttestationException.class, () -> KeyRingStore.decode(
                noSince.getBytes(StandardCharsets.UTF_8), "secrets/x")).getMessage(),
                containsString("'since' is not an instant"));
    }
}
