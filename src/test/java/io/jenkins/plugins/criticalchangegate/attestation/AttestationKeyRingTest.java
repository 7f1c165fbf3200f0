package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Key rotation keeps the old public keys listed with their validity, and what they signed still verifies. */
public class AttestationKeyRingTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    public void rotationRetiresTheCurrentKeyWithItsValidity() {
        SigningKey first = SigningKey.generate();
        SigningKey second = SigningKey.generate();
        AttestationKeyRing ring = AttestationKeyRing.of(first, T1).rotate(second, T2);
        assertThat(ring.current().keyId(), is(second.keyId()));
        assertThat(ring.listed(), hasSize(2));
        ListedKey old = ring.find(first.keyId()).orElseThrow();
        assertThat(old.validFrom(), is(T1));
        assertThat(old.validUntil(), is(Optional.of(T2)));
        assertThat(old.validAt(T1.plusSeconds(1)), is(true));
        assertThat(old.validAt(T2), is(false));
        assertThat(ring.find(second.keyId()).orElseThrow().validUntil(), is(Optional.empty()));
    }

    @Test
    public void theListingVerifiesWhatEitherKeySigned() throws Exception {
        SigningKey first = SigningKey.generate();
        Envelope old = new Attestor(first).sign(Fixtures.statement());
        AttestationKeyRing ring = AttestationKeyRing.of(first, T1).rotate(SigningKey.generate(), T2);
        Envelope current = new Attestor(ring.current()).sign(Fixtures.statement());
        List<VerificationKey> keys = VerificationKey.parseAll(ring.toPem(), "listing");
        assertThat(keys, hasSize(2));
        assertThat(ring.toPem(), containsString("# keyid " + first.keyId() + " valid from " + T1 + " until " + T2));
        EnvelopeVerifier verifier = EnvelopeVerifier.trusting(keys).build();
        assertThat(verifier.verify(old).verified(), is(true));
        assertThat(verifier.verify(current).verified(), is(true));
    }

    @Test
    public void theJsonListingNamesEachKey() {
        SigningKey first = SigningKey.generate();
        AttestationKeyRing ring = AttestationKeyRing.of(first, T1).rotate(SigningKey.generate(), T2);
        Map<String, Object> json = ring.toJson();
        assertThat(json.get("current"), is(ring.current().keyId()));
        Map<?, ?> retired = (Map<?, ?>) ((List<?>) json.get("keys")).get(1);
        assertThat(retired.get("keyid"), is(first.keyId()));
        assertThat(retired.get("algorithm"), is("Ed25519"));
        assertThat(retired.get("validUntil"), is(T2.toString()));
        assertThat((String) retired.get("publicKey"), containsString("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    public void refusesInconsistentRings() {
        SigningKey key = SigningKey.generate();
        assertThrows(IllegalArgumentException.class, () -> AttestationKeyRing.of(key, T1).rotate(key, T2));
        assertThrows(IllegalArgumentException.class, () -> AttestationKeyRing.of(key, T2,
                List.of(new ListedKey(SigningKey.generate().publicKey(), T1, null))));
        assertThrows(IllegalArgumentException.class, () -> new ListedKey(key.publicKey(), T2, T1));
    }
}
