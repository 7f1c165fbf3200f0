package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.junit.Test;

/**
 * The pre-authentication encoding and the JSON envelope against the DSSE specification's own examples
 * (secure-systems-lab/dsse protocol.md "Test Vectors" and implementation/signing_spec.py).
 */
public class PaeTest {
    private static final String SPEC_TYPE = "http://example.com/HelloWorld";
    private static final byte[] SPEC_BODY = "hello world".getBytes(StandardCharsets.UTF_8);
    /** The spec's envelope, as signing_spec.py's doctest prints it (with its key id). */
    private static final String SPEC_ENVELOPE = "{\"payload\": \"aGVsbG8gd29ybGQ=\",\n"
            + " \"payloadType\": \"http://example.com/HelloWorld\",\n"
            + " \"signatures\": [{\"keyid\": \"66301bbf\", \"sig\":"
            + " \"A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==\"}]}";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    public void encodesTheSpecificationsExample() {
        assertThat(text(Pae.encode(SPEC_TYPE, SPEC_BODY)),
                is("DSSEv1 29 http://example.com/HelloWorld 11 hello world"));
    }

    @Test
    public void encodesEmptyTypeAndBodyWithZeroLengths() {
        assertThat(text(Pae.encode("", new byte[0])), is("DSSEv1 0  0 "));
    }

    @Test
    public void countsBytesNotCharacters() {
        // "é" is two bytes in UTF-8, "€" three: LEN is the byte length (protocol.md, "LEN(s)")
        byte[] pae = Pae.encode("t/é", "€".getBytes(StandardCharsets.UTF_8));
        assertThat(text(pae), is("DSSEv1 4 t/é 3 €"));
    }

    @Test
    public void theSpecificationsSignatureVerifiesOverOurEncoding() throws Exception {
        // the spec's ECDSA P-256 key (X, Y) and its signature (raw r||s): if our PAE differed by one byte, it would
        // not verify
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(
                new BigInteger("46950820868899156662930047687818585632848591499744589407958293238635476079160"),
                new BigInteger("5640078356564379163099075877009565129882514886557779369047442380624545832820"));
        PublicKey key = KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, params.getParameterSpec(ECParameterSpec.class)));
        Envelope envelope = Envelope.parse(SPEC_ENVELOPE.getBytes(StandardCharsets.UTF_8));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(Pae.encode(envelope.payloadType(), envelope.payload()));
        assertThat(verifier.verify(envelope.signatures().get(0).sig()), is(true));

        Signature tampered = Signature.getInstance("SHA256withECDSAinP1363Format");
        tampered.initVerify(key);
        tampered.update(Pae.encode(envelope.payloadType() + "2", envelope.payload()));
        assertThat(tampered.verify(envelope.signatures().get(0).sig()), is(false));
    }

    @Test
    public void readsAndWritesTheSpecificationsEnvelope() throws Exception {
        Envelope envelope = Envelope.parse(SPEC_ENVELOPE.getBytes(StandardCharsets.UTF_8));
        assertThat(text(envelope.payload()), is("hello world"));
        assertThat(envelope.payloadType(), is(SPEC_TYPE));
        assertThat(envelope.signatures().get(0).keyId(), is("66301bbf"));
        // the same members, values and order as the spec's example, written compactly
        assertThat(envelope.toJsonText(), is(SPEC_ENVELOPE.replace(": ", ":").replace(",\n ", ",")
                .replace(", ", ",")));
        assertThat(Envelope.parse(envelope.toJson()), equalTo(envelope));
    }

    @Test
    public void envelopeWithoutKeyIdOmitsIt() throws Exception {
        Envelope envelope = new Envelope(SPEC_TYPE, SPEC_BODY, java.util.List.of(
                new Envelope.Signature("", new byte[] {1, 2, 3})));
        assertThat(envelope.toJsonText(), is("{\"payload\":\"aGVsbG8gd29ybGQ=\",\"payloadType\":"
                + "\"http://example.com/HelloWorld\",\"signatures\":[{\"sig\":\"AQID\"}]}"));
        assertThat(Envelope.parse(envelope.toJson()).signatures().get(0).keyId(), is(""));
    }

    @Test
    public void acceptsUrlSafeBase64AndIgnoresUnknownMembers() throws Exception {
        // DSSE: verifiers MUST accept standard and URL-safe base64; consumers MUST ignore unrecognized fields
        byte[] body = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        String json = "{\"payload\":\"-_-_\",\"payloadType\":\"x\",\"future\":1,"
                + "\"signatures\":[{\"sig\":\"AQID\",\"keyid\":null,\"note\":\"x\"}]}";
        Envelope envelope = Envelope.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.payload(), equalTo(body));
        assertThat(envelope.signatures().get(0).keyId(), is(""));
        assertThat(text(envelope.toJson()), containsText("\"payload\":\"+/+/\""));
    }

    private static org.hamcrest.Matcher<String> containsText(String part) {
        return org.hamcrest.Matchers.containsString(part);
    }

    @Test
    public void listsSignaturesInOrder() throws Exception {
        String json = "{\"payload\":\"\",\"payloadType\":\"x\",\"signatures\":[{\"keyid\":\"a\",\"sig\":\"AQ==\"},"
                + "{\"keyid\":\"b\",\"sig\":\"Ag==\"}]}";
        Envelope envelope = Envelope.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.signatures().stream().map(Envelope.Signature::keyId).collect(
                java.util.stream.Collectors.toList()), contains("a", "b"));
    }
}
