package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** Envelopes that are not envelopes are refused with a message that names what is wrong. */
public class EnvelopeParsingTest {
    private static String refusal(String json) {
        return assertThrows(AttestationException.class,
                () -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    public void refusesMissingMembers() {
        assertThat(refusal("{\"payloadType\":\"x\",\"signatures\":[]}"), containsString("has no 'payload'"));
        assertThat(refusal("{\"payload\":\"\",\"signatures\":[]}"), containsString("has no 'payloadType'"));
        assertThat(refusal("{\"payload\":\"\",\"payloadType\":\"x\"}"), containsString("has no 'signatures'"));
        assertThat(refusal("{\"payload\":\"\",\"payloadType\":\"x\",\"signatures\":[{\"keyid\":\"k\"}]}"),
                containsString("signature 1 has no 'sig'"));
    }

    @Test
    public void refusesWrongTypes() {
        assertThat(refusal("[]"), containsString("must be a JSON object, not array"));
        assertThat(refusal("{\"payload\":1,\"payloadType\":\"x\",\"signatures\":[]}"),
                containsString("'payload' must be a string, not number"));
        assertThat(refusal("{\"payload\":\"\",\"payloadType\":\"x\",\"signatures\":{}}"),
                containsString("'signatures' must be an array, not object"));
        assertThat(refusal("{\"payload\":\"\",\"payloadType\":\"x\",\"signatures\":[{\"keyid\":3,\"sig\":\"\"}]}"),
                containsString("signature 1's 'keyid' must be a string"));
    }

    @Test
    public void refusesBadBase64() {
        assertThat(refusal("{\"payload\":\"a*b\",\"payloadType\":\"x\",\"signatures\":[]}"),
                containsString("'payload' is not base64"));
    }

    @Test
    public void refusesDuplicateMembersAndTrailingData() {
        // two parsers may keep different duplicates: the verifier and a deploy tool must read the same thing
        assertThat(refusal("{\"payload\":\"\",\"payload\":\"AQ==\",\"payloadType\":\"x\",\"signatures\":[]}"),
                containsString("not valid JSON"));
        assertThat(refusal("{\"payload\":\"\",\"payloadType\":\"x\",\"signatures\":[]} {}"),
                containsString("not valid JSON"));
        assertThat(refusal(""), containsString("the envelope"));
    }

    @Test
    public void statementDuplicateMembersAreRefusedToo() {
        String json = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"a\","
                + "\"predicateType\":\"b\",\"predicate\":{}}";
        AttestationException e = assertThrows(AttestationException.class,
                () -> Statement.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getMessage(), containsString("Duplicate field 'predicateType'"));
    }
}
