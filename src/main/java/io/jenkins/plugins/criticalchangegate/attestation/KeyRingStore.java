package io.jenkins.plugins.criticalchangegate.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key ring as Jenkins keeps it (encrypted in its confidential store, as the journal's key): one JSON document with
 * the current key's PKCS#8 PEM, since when it signs, and the retired public keys with their validity. Reading it back
 * checks everything (a ring that does not read fails closed: nothing is signed with a key nobody can list).
 */
public final class KeyRingStore {
    /** The document's format; a later format is refused rather than half read. */
    static final int FORMAT = 1;

    private KeyRingStore() {
    }

    /** The ring as stored: it holds the private key, so only the confidential store may keep these bytes. */
    public static byte[] encode(AttestationKeyRing ring) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("privateKey", ring.current().toPem());
        json.put("since", ring.currentSince().toString());
        List<Object> retired = new ArrayList<>();
        for (ListedKey key : ring.retired()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("publicKey", key.key().toPem());
            k.put("validFrom", key.validFrom().toString());
            k.put("validUntil", key.validUntil().orElseThrow().toString());
            retired.add(k);
        }
        json.put("retired", retired);
        return Json.write(json);
    }

    /**
     * The ring stored in {@code bytes}.
     *
     * @param where names the store in messages
     * @throws AttestationException naming what is wrong and where
     */
    public static AttestationKeyRing decode(byte[] bytes, String where) throws AttestationException {
        JsonNode root = Json.read(bytes, where);
        if (!root.isObject()) {
            throw new AttestationException(where + " must hold a JSON object, not " + Json.kind(root));
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new AttestationException(where + " has format " + format + "; this version reads format " + FORMAT);
        }
        SigningKey current = SigningKey.parse(Json.text(root, "privateKey", where), where + "'s privateKey");
        Instant since = instant(root, "since", where);
        JsonNode retiredNode = root.get("retired");
        if (retiredNode == null || !retiredNode.isArray()) {
            throw new AttestationException(where + "'s 'retired' must be an array");
        }
        List<ListedKey> retired = new ArrayList<>();
        int i = 0;
        for (JsonNode k : retiredNode) {
            String at = where + "'s retired[" + i++ + "]";
            if (!k.isObject()) {
                throw new AttestationException(at + " must be an object");
            }
            try {
                retired.add(new ListedKey(VerificationKey.parse(Json.text(k, "publicKey", at), at),
                        instant(k, "validFrom", at), instant(k, "validUntil", at)));
            } catch (IllegalArgumentException e) {
                throw new AttestationException(at + ": " + e.getMessage(), e);
            }
        }
        try {
            return AttestationKeyRing.of(current, since, retired);
        } catch (IllegalArgumentException e) {
            throw new AttestationException(where + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode object, String name, String where) throws AttestationException {
        String text = Json.text(object, name, where);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new AttestationException(where + "'s '" + name + "' is not an instant (ISO-8601, UTC): " + text, e);
        }
    }
}
