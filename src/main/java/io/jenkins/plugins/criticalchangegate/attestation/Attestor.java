package io.jenkins.plugins.criticalchangegate.attestation;

import java.util.List;

/** Signs statements: the statement's JSON becomes the payload of a DSSE envelope signed over its {@link Pae}. */
public final class Attestor {
    private final SigningKey key;

    public Attestor(SigningKey key) {
        this.key = key;
    }

    /** The envelope of a statement, with one signature named by the key's id. */
    public Envelope sign(Statement statement) {
        byte[] payload = statement.toJson();
        byte[] sig = key.sign(Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, payload));
        return new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, List.of(new Envelope.Signature(key.keyId(), sig)));
    }
}
