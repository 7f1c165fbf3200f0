package io.jenkins.plugins.criticalchangegate.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a record becomes a line and back (docs/audit.md, "Record format"). A line is the canonical encoding of the
 * record without {@code hash} ({@link CanonicalJson}), with its closing brace replaced by
 * {@code ,"hash":"<64 lowercase hex>"}} and a line feed: {@code hash} is always the last member, so the hashed bytes
 * are the line up to the comma before {@code "hash"}, plus a closing brace.
 */
final class RecordFormat {
    /** The {@code prev} of the first record. */
    static final String GENESIS_PREV = "0".repeat(64);
    /** The bytes after the hashed body: {@code ,"hash":"} + 64 hex + {@code "}}. */
    static final int HASH_SUFFIX_LENGTH = 9 + 64 + 2;
    /** Strict: a day that does not exist (30 February) is refused, not moved to the month's last day. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);
    /** Reading is Jackson's, strict about duplicate names so that no member can hide behind another. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private RecordFormat() {
    }

    /** A record encoded as its line, with its hash. */
    static final class Encoded {
        final byte[] line;
        final String hash;

        Encoded(byte[] line, String hash) {
            this.line = line;
            this.hash = hash;
        }
    }

    static Encoded encode(long seq, Instant time, AuditEventType type, String prev, Map<String, Object> fields,
            ChainHash chain) {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("seq", seq);
        record.put("time", TIME.format(time));
        record.put("type", type.name());
        record.put("prev", prev);
        byte[] canonical = CanonicalJson.encode(record);
        String hash = chain.hashHex(canonical);
        byte[] suffix = (",\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[canonical.length - 1 + suffix.length];
        System.arraycopy(canonical, 0, line, 0, canonical.length - 1);
        System.arraycopy(suffix, 0, line, canonical.length - 1, suffix.length);
        return new Encoded(line, hash);
    }

    /**
     * Recomputes a line's hash and compares it with the one it carries.
     *
     * @param line the line without its line feed
     * @return whether they match (false too when the line does not end in a hash member)
     */
    static boolean hashMatches(byte[] line, int offset, int length, ChainHash chain, byte[] scratch) {
        int bodyEnd = offset + length - HASH_SUFFIX_LENGTH;
        if (bodyEnd <= offset || !startsWith(line, bodyEnd, ",\"hash\":\"")) {
            return false;
        }
        chain.hashBody(line, offset, bodyEnd - offset, scratch);
        return Hex.equalsHex(scratch, line, bodyEnd + 9);
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a line with Jackson (for queries and the journal's own recovery; the verifier has its faster strict
     * reader).
     *
     * @param line the line, without its line feed
     * @return the record
     * @throws MalformedRecordException naming what is wrong
     */
    static JournalRecord parse(String line) throws MalformedRecordException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        long seq = -1;
        Instant time = null;
        AuditEventType type = null;
        String prev = null;
        String hash = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "seq":
                    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
                        throw new MalformedRecordException("'seq' is not a positive integer");
                    }
                    seq = v.asLong();
                    break;
                case "time":
                    byte[] timeBytes = text(v, "time").getBytes(StandardCharsets.UTF_8);
                    if (!RecordTypes.isTime(timeBytes, 0, timeBytes.length)) {
                        throw new MalformedRecordException("'time' is not a UTC time like 2026-01-31T12:00:00.000Z");
                    }
                    time = Instant.from(TIME.parse(v.asText()));
                    break;
                case "type":
                    try {
                        type = AuditEventType.valueOf(text(v, "type"));
                    } catch (IllegalArgumentException ex) {
                        throw new MalformedRecordException("unknown record type '" + v.asText() + "'");
                    }
                    break;
                case "prev":
                    prev = hexText(v, "prev");
                    break;
                case "hash":
                    hash = hexText(v, "hash");
                    break;
                default:
                    fields.put(e.getKey(), value(v, e.getKey()));
            }
        }
        if (seq < 0 || time == null || type == null || prev == null || hash == null) {
            throw new MalformedRecordException("a record needs seq, time, type, prev and hash");
        }
        return new JournalRecord(seq, time, type, prev, hash, Collections.unmodifiableMap(fields));
    }

    private static String text(JsonNode v, String name) throws MalformedRecordException {
        if (!v.isTextual()) {
            throw new MalformedRecordException("'" + name + "' is not a string");
        }
        return v.asText();
    }

    private static String hexText(JsonNode v, String name) throws MalformedRecordException {
        String s = text(v, name);
        if (!Hex.isHash(s)) {
            throw new MalformedRecordException("'" + name + "' is not 64 lowercase hex digits");
        }
        return s;
    }

    private static Object value(JsonNode v, String path) throws MalformedRecordException {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                list.add(value(v.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(list);
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), value(e.getValue(), path + "." + e.getKey()));
            }
            return Collections.unmodifiableMap(map);
        }
        throw new MalformedRecordException("'" + path + "' is " + v.getNodeType()
                + ": records hold only strings, integers, booleans, arrays and objects");
    }

    /** A line that is not a record; the message says why. */
    static final class MalformedRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }
}
