package io.jenkins.plugins.criticalchangegate.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DSSE JSON envelope (DSSE envelope v1): {@code payload} (base64 of the serialized body), {@code payloadType} and
 * {@code signatures} [{@code keyid}, {@code sig}]. Read as the DSSE parsing rules say: the three members are required,
 * {@code keyid} is optional (unset and empty mean the same), members it does not know are ignored, standard and
 * URL-safe base64 are both accepted. Written compactly on one line, with standard base64, so that a
 * {@code .intoto.jsonl} file holds one envelope per line. An immutable value.
 */
public final class Envelope {
    /** The payload type of an in-toto statement. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private final String payloadType;
    private final byte[] payload;
    private final List<Signature> signatures;

    public Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
        this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
        this.payload = payload.clone();
        this.signatures = List.copyOf(signatures);
    }

    /** One signature: the signer's key id (a hint, never trusted: DSSE protocol, "KEYID") and the signature bytes. */
    public static final class Signature {
        private final String keyId;
        private final byte[] sig;

        /**
         * @param keyId the key id, or empty for none
         * @param sig the signature over {@link Pae#encode}
         */
        public Signature(String keyId, byte[] sig) {
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            this.sig = sig.clone();
        }

        /** The key id, empty when the envelope names none. */
        public String keyId() {
            return keyId;
        }

        public byte[] sig() {
            return sig.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signature && keyId.equals(((Signature) o).keyId)
                    && Arrays.equals(sig, ((Signature) o).sig);
        }

        @Override
        public int hashCode() {
            return 31 * keyId.hashCode() + Arrays.hashCode(sig);
        }

        @Override
        public String toString() {
            return "Signature{keyid=" + keyId + ", " + sig.length + " bytes}";
        }
    }

    public String payloadType() {
        return payloadType;
    }

    /** The serialized body: the bytes the signatures cover, and the only ones a verifier may parse after verifying. */
    public byte[] payload() {
        return payload.clone();
    }

    public List<Signature> signatures() {
        return signatures;
    }

    /** This envelope with one more signature (a second signer, or a test). */
    public Envelope withSignature(Signature signature) {
        List<Signature> more = new ArrayList<>(signatures);
        more.add(signature);
        return new Envelope(payloadType, payload, more);
    }

    /** The envelope as one line of compact JSON (no line break), UTF-8. */
    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("payload", Base64.getEncoder().encodeToString(payload));
        json.put("payloadType", payloadType);
        List<Object> sigs = new ArrayList<>();
        for (Signature s : signatures) {
            Map<String, Object> sig = new LinkedHashMap<>();
            if (!s.keyId.isEmpty()) {
                sig.put("keyid", s.keyId);
            }
            sig.put("sig", Base64.getEncoder().encodeToString(s.sig));
            sigs.add(sig);
        }
        json.put("signatures", sigs);
        return Json.write(json);
    }

    /**
     * Reads an envelope.
     *
     * @param json the envelope's JSON (surrounding white space allowed)
     * @return the envelope
     * @throws AttestationException naming the member that is missing, of the wrong type or not base64
     */
    public static Envelope parse(byte[] json) throws AttestationException {
        JsonNode root = Json.read(json, "the envelope");
        if (!root.isObject()) {
            throw new AttestationException("the envelope must be a JSON object, not " + Json.kind(root));
        }
        byte[] payload = base64(Json.text(root, "payload", "the envelope"), "the envelope's 'payload'");
        String payloadType = Json.text(root, "payloadType", "the envelope");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || sigs.isNull()) {
            throw new AttestationException("the envelope has no 'signatures'");
        }
        if (!sigs.isArray()) {
            throw new AttestationException("the envelope's 'signatures' must be an array, not " + Json.kind(sigs));
        }
        List<Signature> signatures = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            JsonNode s = sigs.get(i);
            String where = "the envelope's signature " + (i + 1);
            if (!s.isObject()) {
                throw new AttestationException(where + " must be a JSON object, not " + Json.kind(s));
            }
            JsonNode keyId = s.get("keyid");
            if (keyId != null && !keyId.isNull() && !keyId.isTextual()) {
                throw new AttestationException(where + "'s 'keyid' must be a string, not " + Json.kind(keyId));
            }
            byte[] sig = base64(Json.text(s, "sig", where), where + "'s 'sig'");
            signatures.add(new Signature(keyId == null || keyId.isNull() ? "" : keyId.textValue(), sig));
        }
        return new Envelope(payloadType, payload, signatures);
    }

    /** Standard or URL-safe base64, padded or not (DSSE: verifiers MUST accept either). */
    static byte[] base64(String text, String what) throws AttestationException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException urlSafe) {
                throw new AttestationException(what + " is not base64: " + standard.getMessage());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Envelope)) {
            return false;
        }
        Envelope e = (Envelope) o;
        return payloadType.equals(e.payloadType) && Arrays.equals(payload, e.payload)
                && signatures.equals(e.signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
    }

    @Override
    public String toString() {
        return "Envelope{" + payloadType + ", " + payload.length + " bytes, " + signatures + "}";
    }

    /** The envelope's JSON as text, for messages and tests. */
    public String toJsonText() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
