package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/** Signing and verifying round trips, and every tampering refused with its reason. */
public class EnvelopeVerifierTest {
    private static final SigningKey KEY = SigningKey.generate();
    private static final Statement STATEMENT = Fixtures.statement();
    private static final Instant DECIDED = Instant.parse(String.valueOf(STATEMENT.predicate().get("decidedAt")));

    private static EnvelopeVerifier.Builder verifier() {
        return EnvelopeVerifier.trusting(List.of(KEY.publicKey())).now(DECIDED.plusSeconds(60));
    }

    private static Envelope signed() {
        return new Attestor(KEY).sign(STATEMENT);
    }

    private static List<Check> failed(VerificationReport report) {
        return report.failures().stream().map(CheckResult::check).collect(Collectors.toList());
    }

    private static String detail(VerificationReport report, Check check) {
        return report.results().stream().filter(r -> r.check() == check).findFirst().orElseThrow().detail();
    }

    @Test
    public void aSignedStatementVerifiesAndReadsBackTheSame() {
        Envelope envelope = signed();
        VerificationReport report = verifier().subjectSha256(Fixtures.APP_SHA256).system("CHECKOUT-SERVICE")
                .maxAge(Duration.ofHours(1)).build().verify(envelope.toJson());
        assertThat(report.toString(), report.verified(), is(true));
        assertThat(report.statement().orElseThrow(), equalTo(STATEMENT));
        assertThat(report.results().stream().map(CheckResult::check).collect(Collectors.toList()),
                contains(Check.ENVELOPE, Check.SIGNATURE, Check.PAYLOAD_TYPE, Check.STATEMENT_TYPE,
                        Check.PREDICATE_TYPE, Check.SUBJECT, Check.SYSTEM, Check.MAX_AGE));
        assertThat(envelope.signatures().get(0).keyId(), is(KEY.keyId()));
        assertThat(envelope.payloadType(), is("application/vnd.in-toto+json"));
    }

    @Test
    public void theStatementIsAnInTotoStatementAboutTheSubjects() throws Exception {
        Statement read = Statement.parse(signed().payload());
        assertThat(read.type(), is("https://in-toto.io/Statement/v1"));
        assertThat(read.predicateType(), is(ApprovalPredicate.TYPE));
        assertThat(read.subjects(), contains(Subject.sha256("app.jar", Fixtures.APP_SHA256)));
    }

    @Test
    public void aChangedPayloadByteIsRefused() {
        byte[] payload = signed().payload();
        payload[payload.length / 2] ^= 1;
        Envelope tampered = new Envelope(signed().payloadType(), payload, signed().signatures());
        VerificationReport report = verifier().build().verify(tampered);
        assertThat(report.verified(), is(false));
        assertThat(failed(report).get(0), is(Check.SIGNATURE));
        assertThat(detail(report, Check.SIGNATURE), containsString("signature 1 does not verify with key "
                + KEY.keyId()));
        assertThat(report.statement().isPresent(), is(false));
    }

    @Test
    public void aChangedPayloadTypeIsRefused() {
        Envelope tampered = new Envelope("application/json", signed().payload(), signed().signatures());
        VerificationReport report = verifier().build().verify(tampered);
        // the type is signed too (PAE), and it is not in-toto's
        assertThat(failed(report), contains(Check.SIGNATURE, Check.PAYLOAD_TYPE));
        assertThat(detail(report, Check.PAYLOAD_TYPE), containsString("'application/json' is not"
                + " application/vnd.in-toto+json"));
    }

    @Test
    public void aChangedSignatureIsRefused() {
        byte[] sig = signed().signatures().get(0).sig();
        sig[0] ^= 0x40;
        Envelope tampered = new Envelope(signed().payloadType(), signed().payload(),
                List.of(new Envelope.Signature(KEY.keyId(), sig)));
        assertThat(failed(verifier().build().verify(tampered)), contains(Check.SIGNATURE));
        Envelope truncated = new Envelope(signed().payloadType(), signed().payload(),
                List.of(new Envelope.Signature(KEY.keyId(), new byte[10])));
        assertThat(failed(verifier().build().verify(truncated)), contains(Check.SIGNATURE));
    }

    @Test
    public void aChangedKeyIdIsRefused() {
        Envelope tampered = new Envelope(signed().payloadType(), signed().payload(),
                List.of(new Envelope.Signature("0".repeat(64), signed().signatures().get(0).sig())));
        VerificationReport report = verifier().build().verify(tampered);
        assertThat(failed(report), contains(Check.SIGNATURE));
        assertThat(detail(report, Check.SIGNATURE), containsString("names key id '" + "0".repeat(64) + "', not key "
                + KEY.keyId()));
    }

    @Test
    public void aSignatureWithoutKeyIdIsTriedWithEveryKey() {
        Envelope anonymous = new Envelope(signed().payloadType(), signed().payload(),
                List.of(new Envelope.Signature("", signed().signatures().get(0).sig())));
        assertThat(verifier().build().verify(anonymous).verified(), is(true));
    }

    @Test
    public void anotherKeysSignatureIsRefused() {
        Envelope other = new Attestor(SigningKey.generate()).sign(STATEMENT);
        assertThat(failed(verifier().build().verify(other)), contains(Check.SIGNATURE));
        // and a second signature by our key among others is enough (DSSE: any signature by a trusted key)
        Envelope both = other.withSignature(signed().signatures().get(0));
        assertThat(verifier().build().verify(both).verified(), is(true));
    }

    @Test
    public void noSignaturesAreRefused() {
        Envelope none = new Envelope(signed().payloadType(), signed().payload(), List.of());
        VerificationReport report = verifier().build().verify(none);
        assertThat(failed(report), contains(Check.SIGNATURE));
        assertThat(detail(report, Check.SIGNATURE), is("the envelope has no signatures"));
    }

    @Test
    public void anotherSubjectDigestIsRefused() {
        VerificationReport report = verifier().subjectSha256("ff".repeat(32)).build().verify(signed());
        assertThat(failed(report), contains(Check.SUBJECT));
        assertThat(detail(report, Check.SUBJECT), containsString("no subject has sha256 " + "ff".repeat(32)));
    }

    @Test
    public void aSignedStatementWithAChangedSubjectDigestIsRefused() throws Exception {
        // the payload rewritten with another digest and left with the old signature
        String json = new String(signed().payload(), StandardCharsets.UTF_8).replace(Fixtures.APP_SHA256,
                "ee".repeat(32));
        Envelope tampered = new Envelope(signed().payloadType(), json.getBytes(StandardCharsets.UTF_8),
                signed().signatures());
        VerificationReport report = verifier().subjectSha256("ee".repeat(32)).build().verify(tampered);
        assertThat(failed(report), contains(Check.SIGNATURE));
    }

    @Test
    public void anotherPredicateTypeIsRefusedEvenWhenSigned() {
        Statement other = Statement.of(STATEMENT.subjects(), "https://slsa.dev/provenance/v1", STATEMENT.predicate());
        VerificationReport report = verifier().build().verify(new Attestor(KEY).sign(other));
        assertThat(failed(report), contains(Check.PREDICATE_TYPE));
        assertThat(detail(report, Check.PREDICATE_TYPE), containsString("'https://slsa.dev/provenance/v1' is not "
                + ApprovalPredicate.TYPE));
    }

    @Test
    public void anotherStatementTypeIsRefusedEvenWhenSigned() {
        String json = new String(STATEMENT.toJson(), StandardCharsets.UTF_8).replace("Statement/v1",
                "Statement/v0.1");
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        Envelope envelope = new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, List.of(new Envelope.Signature(
                KEY.keyId(), KEY.sign(Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, payload)))));
        assertThat(failed(verifier().build().verify(envelope)), contains(Check.STATEMENT_TYPE));
    }

    @Test
    public void anOldDecisionIsRefused() {
        VerificationReport report = verifier().maxAge(Duration.ofHours(1)).now(DECIDED.plus(Duration.ofHours(2)))
                .build().verify(signed());
        assertThat(failed(report), contains(Check.MAX_AGE));
        assertThat(detail(report, Check.MAX_AGE), containsString("older than PT1H"));
        assertThat(verifier().maxAge(Duration.ofHours(3)).now(DECIDED.plus(Duration.ofHours(2))).build()
                .verify(signed()).verified(), is(true));
    }

    @Test
    public void aDecisionInTheFutureIsRefused() {
        VerificationReport report = verifier().maxAge(Duration.ofDays(1)).now(DECIDED.minus(Duration.ofHours(1)))
                .build().verify(signed());
        assertThat(failed(report), contains(Check.MAX_AGE));
        assertThat(detail(report, Check.MAX_AGE), containsString("in the future"));
    }

    @Test
    public void anotherSystemIsRefused() {
        VerificationReport report = verifier().system("payments").build().verify(signed());
        assertThat(failed(report), contains(Check.SYSTEM));
        assertThat(detail(report, Check.SYSTEM), is("approved for 'checkout-service', not 'payments'"));
    }

    @Test
    public void everyFailedCheckIsListed() {
        byte[] sig = signed().signatures().get(0).sig();
        sig[5] ^= 1;
        Envelope tampered = new Envelope(signed().payloadType(), signed().payload(),
                List.of(new Envelope.Signature(KEY.keyId(), sig)));
        VerificationReport report = verifier().subjectSha256("00".repeat(32)).system("payments")
                .maxAge(Duration.ZERO).build().verify(tampered);
        assertThat(failed(report), contains(Check.SIGNATURE, Check.SUBJECT, Check.SYSTEM, Check.MAX_AGE));
    }

    @Test
    public void aPayloadThatIsNoStatementFailsEveryStatementCheck() {
        byte[] payload = "not json".getBytes(StandardCharsets.UTF_8);
        Envelope envelope = new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, List.of(new Envelope.Signature(
                KEY.keyId(), KEY.sign(Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, payload)))));
        VerificationReport report = verifier().system("checkout-service").build().verify(envelope);
        assertThat(failed(report), contains(Check.STATEMENT_TYPE, Check.PREDICATE_TYPE, Check.SYSTEM));
    }

    @Test
    public void anUnreadableEnvelopeIsOneFailedCheck() {
        VerificationReport report = verifier().build().verify("{\"payload\":".getBytes(StandardCharsets.UTF_8));
        assertThat(failed(report), contains(Check.ENVELOPE));
        assertThat(report.verified(), is(false));
    }

    @Test
    public void theEnvelopeJsonRoundTrips() throws Exception {
        Envelope envelope = signed();
        assertThat(Envelope.parse(envelope.toJson()), equalTo(envelope));
        Map<?, ?> json = new com.fasterxml.jackson.databind.ObjectMapper().readValue(envelope.toJson(), Map.class);
        assertThat(Base64.getDecoder().decode((String) json.get("payload")), equalTo(envelope.payload()));
        assertThat(new ArrayList<>(json.keySet()), contains("payload", "payloadType", "signatures"));
    }
}
