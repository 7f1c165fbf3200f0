package io.jenkins.plugins.criticalchangegate.attestation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON reading and writing of envelopes and statements. Reading is strict where ambiguity could be exploited: a
 * duplicate member name (two parsers may keep different ones: the verifier would check one subject and a deploy
 * tool read another) and anything after the one value are refused. Writing is compact, keys in the order given.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** The one JSON value in {@code bytes}; {@code what} names the document in the message. */
    static JsonNode read(byte[] bytes, String what) throws AttestationException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new AttestationException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AttestationException(what + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"), e);
        } catch (java.io.IOException e) {
            throw new AttestationException(what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Compact UTF-8 JSON of maps, lists, strings, numbers, booleans and {@code null}. */
    static byte[] write(Map<String, ?> object) {
        try {
            return MAPPER.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // only plain values go in: a defect, not input
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A JSON object's plain-value copy (maps, lists, strings, numbers, booleans, null), unmodifiable all the way
     * down.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(JsonNode object) {
        return (Map<String, Object>) frozen(MAPPER.convertValue(object, Map.class));
    }

    /**
     * Plain values as they read back from JSON: so that a statement made here equals the same statement read from
     * its payload (a {@code long} 12 reads back as an {@code int}).
     */
    static Map<String, Object> normalized(Map<String, ?> object) {
        try {
            return plain(MAPPER.readTree(write(object)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read back JSON just written: " + e.getMessage(), e);
        }
    }

    private static Object frozen(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                copy.put(String.valueOf(e.getKey()), frozen(e.getValue()));
            }
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (value instanceof java.util.List) {
            java.util.List<Object> copy = new java.util.ArrayList<>();
            for (Object o : (java.util.List<?>) value) {
                copy.add(frozen(o));
            }
            return java.util.Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A member that must be a string; {@code where} names the object in the message. */
    static String text(JsonNode object, String name, String where) throws AttestationException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new AttestationException(where + " has no '" + name + "'");
        }
        if (!value.isTextual()) {
            throw new AttestationException(where + "'s '" + name + "' must be a string, not " + kind(value));
        }
        return value.textValue();
    }

    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
