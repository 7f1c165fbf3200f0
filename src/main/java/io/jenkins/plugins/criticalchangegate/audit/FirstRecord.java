package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The members of a journal's first record, {@code JOURNAL_CREATED}, checked exactly (docs/audit.md, "What a verifier
 * checks"): it says how every later record is hashed, so a verifier that guessed at a missing or unknown
 * {@code format} could pass a journal written under rules it does not know.
 *
 * <p>Two readers: {@link #problem} over a record Jackson parsed ({@link RecordFormat#parse}), which names what is
 * wrong, and {@link #plain} over the canonical line's bytes, which only recognises a first record that is right in the
 * one way a journal writes it. The verifier asks {@link #plain} first and parses only when it answers null (issue 17:
 * Jackson's {@code ObjectMapper} was most of the classes {@code audit verify} loaded, for this one record), so every
 * refusal and its message still come from {@link #problem}; {@code FirstRecordDifferentialTest} shows that both accept
 * exactly the same lines.
 */
final class FirstRecord {
    /** The only format there is; a later one would need a verifier that knows it. */
    static final long FORMAT = 1;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private static final byte[] CHAIN = ascii("chain");
    private static final byte[] FORMAT_NAME = ascii("format");
    private static final byte[] KEY_ID_NAME = ascii("keyId");
    private static final byte[] SHA256_VALUE = ascii(ChainHash.SHA256);
    private static final byte[] HMAC_VALUE = ascii(ChainHash.HMAC_SHA256);
    private static final byte[][] EVERY_RECORD = {ascii("seq"), ascii("time"), ascii("type"), ascii("prev"),
        ascii("hash")};

    private FirstRecord() {
    }

    /** What a first record the verifier accepts says: its chain function and, keyed, its key id. */
    static final class Members {
        final String chain;
        @CheckForNull
        final String keyId;

        Members(String chain, @CheckForNull String keyId) {
            this.chain = chain;
            this.keyId = keyId;
        }
    }

    /**
     * Reads the first record of a journal from its canonical line, without a JSON library.
     *
     * @param b the line is {@code b[start, end)}, without its line feed, and {@link CanonicalScanner} accepted it
     * @param seq its {@code seq}, as the scanner read it
     * @param journalCreated whether its {@code type} is {@code JOURNAL_CREATED}
     * @return its chain and key id when it is seq 1, JOURNAL_CREATED, and its members are exactly {@code chain}
     *     ({@code sha256} or {@code hmac-sha256}), {@code format} 1 and, keyed, {@code keyId} (16 lowercase hex
     *     digits) besides the five every record has: what {@link RecordFormat#parse} and {@link #problem} accept; null
     *     for anything else, which the caller hands to them to learn what is wrong
     */
    @CheckForNull
    static Members plain(byte[] b, int start, int end, long seq, boolean journalCreated) {
        if (seq != 1 || !journalCreated || end - start < 2 || b[start] != '{' || b[end - 1] != '}') {
            return null;
        }
        String chain = null;
        String keyId = null;
        boolean format = false;
        int pos = start + 1;
        while (true) {
            // a member: "name":value, the name in [A-Za-z0-9_.-] (the scanner checked), so without escapes
            if (pos >= end || b[pos] != '"') {
                return null;
            }
            int nameAt = pos + 1;
            int nameEnd = nameAt;
            while (nameEnd < end && b[nameEnd] != '"') {
                nameEnd++;
            }
            int valueAt = nameEnd + 2;
            if (valueAt >= end || b[nameEnd + 1] != ':') {
                return null;
            }
            int valueEnd;
            if (is(b, nameAt, nameEnd, CHAIN)) {
                valueEnd = quoted(b, valueAt, end, SHA256_VALUE);
                if (valueEnd > 0) {
                    chain = ChainHash.SHA256;
                } else {
                    valueEnd = quoted(b, valueAt, end, HMAC_VALUE);
                    chain = ChainHash.HMAC_SHA256;
                }
            } else if (is(b, nameAt, nameEnd, FORMAT_NAME)) {
                // the integer 1 and nothing else: the canonical form has one spelling of it
                valueEnd = b[valueAt] == '1' && valueAt + 1 < end && (b[valueAt + 1] == ',' || b[valueAt + 1] == '}')
                        ? valueAt + 1 : -1;
                format = true;
            } else if (is(b, nameAt, nameEnd, KEY_ID_NAME)) {
                valueEnd = keyId(b, valueAt, end);
                keyId = valueEnd < 0 ? null : new String(b, valueAt + 1, 16, StandardCharsets.US_ASCII);
            } else if (isEveryRecords(b, nameAt, nameEnd)) {
                // seq, time, type, prev, hash: checked by the scanner; their values hold no quote but the last
                valueEnd = skipPlain(b, valueAt, end);
            } else {
                return null; // a member a first record does not have: let problem() name it
            }
            if (valueEnd < 0 || valueEnd >= end) {
                return null;
            }
            if (b[valueEnd] == '}') {
                break;
            }
            if (b[valueEnd] != ',') {
                return null;
            }
            pos = valueEnd + 1;
        }
        boolean keyed = ChainHash.HMAC_SHA256.equals(chain);
        if (chain == null || !format || keyed != (keyId != null)) {
            return null;
        }
        return new Members(chain, keyId);
    }

    private static boolean isEveryRecords(byte[] b, int from, int to) {
        for (byte[] name : EVERY_RECORD) {
            if (is(b, from, to, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(byte[] b, int from, int to, byte[] name) {
        return to - from == name.length && java.util.Arrays.equals(b, from, to, name, 0, name.length);
    }

    /** Where a string value that is exactly {@code "<text>"} ends, or -1. */
    private static int quoted(byte[] b, int at, int end, byte[] text) {
        int close = at + 1 + text.length;
        return close < end && b[at] == '"' && b[close] == '"' && is(b, at + 1, close, text) ? close + 1 : -1;
    }

    /** Where a {@code keyId} value of 16 lowercase hex digits in quotes ends, or -1. */
    private static int keyId(byte[] b, int at, int end) {
        int close = at + 17;
        if (close >= end || b[at] != '"' || b[close] != '"') {
            return -1;
        }
        for (int i = at + 1; i < close; i++) {
            if (Hex.digit(b[i]) < 0) {
                return -1;
            }
        }
        return close + 1;
    }

    /**
     * Where a number or a string without escapes ends (the values of the members every record has: seq is digits,
     * time, type, prev and hash plain ASCII); -1 for anything else, which is then not a plain first record.
     */
    private static int skipPlain(byte[] b, int at, int end) {
        int pos = at;
        if (b[pos] == '"') {
            pos++;
            while (pos < end && b[pos] != '"') {
                if (b[pos] == '\\') {
                    return -1;
                }
                pos++;
            }
            return pos < end ? pos + 1 : -1;
        }
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > at ? pos : -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * What is wrong with the members of a {@code JOURNAL_CREATED} record.
     *
     * @return why it is malformed, or null when its members are exactly {@code chain}, {@code format} (1) and, for
     *     {@code hmac-sha256}, {@code keyId} (16 lowercase hex digits)
     */
    @CheckForNull
    static String problem(JournalRecord first) {
        Object chain = first.fields().get("chain");
        boolean keyed = ChainHash.HMAC_SHA256.equals(chain);
        if (!keyed && !ChainHash.SHA256.equals(chain)) {
            return "the first record's 'chain' is " + (chain == null ? "missing" : "'" + chain + "'") + " (expected"
                    + " sha256 or hmac-sha256)";
        }
        Object format = first.fields().get("format");
        if (!Long.valueOf(FORMAT).equals(format)) {
            return "the first record's 'format' is " + (format == null ? "missing" : format) + ": this verifier"
                    + " knows format " + FORMAT + " only";
        }
        Object keyId = first.fields().get("keyId");
        if (keyed && !(keyId instanceof String && KEY_ID.matcher((String) keyId).matches())) {
            return "the first record of a keyed journal needs 'keyId', 16 lowercase hex digits";
        }
        Set<String> allowed = keyed ? Set.of("chain", "format", "keyId") : Set.of("chain", "format");
        for (String name : first.fields().keySet()) {
            if (!allowed.contains(name)) {
                return "the first record has a member '" + name + "' that a " + chain + " journal's JOURNAL_CREATED"
                        + " record does not have";
            }
        }
        return null;
    }

    /**
     * What is wrong with a first record that {@link #plain} did not accept, by Jackson's parse and
     * {@link #problem}: the messages auditors have always had. Null only if they accept it, which
     * {@code FirstRecordDifferentialTest} shows never happens.
     */
    @CheckForNull
    static VerificationResult.Problem problemOf(JournalFiles.Entry file, long line, byte[] b, int start,
            int end, long scannedSeq) {
        JournalRecord first;
        try {
            first = RecordFormat.parse(new String(b, start, end - start, StandardCharsets.UTF_8));
        } catch (RecordFormat.MalformedRecordException e) {
            return new VerificationResult.Problem(file.name(), line, scannedSeq, VerificationResult.Reason.MALFORMED,
                    e.getMessage());
        }
        if (first.seq() != 1 || first.type() != AuditEventType.JOURNAL_CREATED) {
            return new VerificationResult.Problem(file.name(), line, first.seq(), VerificationResult.Reason.TRUNCATED,
                    "the journal does not begin with its JOURNAL_CREATED record (seq 1): its start was removed");
        }
        String problem = problem(first);
        if (problem != null) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.MALFORMED, problem);
        }
        return null;
    }
}
