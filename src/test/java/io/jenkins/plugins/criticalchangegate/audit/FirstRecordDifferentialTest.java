package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * The verifier reads a journal's first record from its bytes ({@link FirstRecord#plain}, issue 17: no Jackson at
 * start-up) and falls back to Jackson's parse and {@link FirstRecord#problem} for anything it does not recognise. Over
 * generated first records (every combination of right and wrong {@code chain}, {@code format}, {@code keyId}, extra
 * members, seq, type) and random one-byte mutations of them, both readers accept exactly the same canonical lines and
 * read the same chain and key id from them; every refusal's message is the fallback's, so it is the one auditors had.
 */
public class FirstRecordDifferentialTest {
    private static final Object ABSENT = new Object();
    private static final String KEY_ID = "0123456789abcdef";
    private static final JournalFiles.Entry FILE = new JournalFiles.Entry(1, Path.of("journal-000001.jsonl"));

    private final CanonicalScanner scanner = new CanonicalScanner();
    private int compared;
    private int acceptedByBoth;
    private int refusedByBoth;

    private static byte[] line(long seq, AuditEventType type, String prev, Map<String, Object> fields) {
        byte[] bytes = RecordFormat.encode(seq, Instant.parse("2026-12-07T10:00:00.000Z"), type, prev, fields,
                ChainHash.sha256()).line;
        return Arrays.copyOf(bytes, bytes.length - 1); // without its line feed
    }

    /** Compares both readers on one line, if the scanner accepts it (the verifier reads no other first record). */
    private void compare(String what, byte[] b) {
        if (!scanner.scan(b, 0, b.length)) {
            return;
        }
        boolean journalCreated = RecordTypes.isJournalCreated(b, scanner.typeAt, scanner.typeEnd);
        FirstRecord.Members fast = FirstRecord.plain(b, 0, b.length, scanner.seq, journalCreated);
        VerificationResult.Problem slow = FirstRecord.problemOf(FILE, 1, b, 0, b.length, scanner.seq);
        String line = what + ": " + new String(b, StandardCharsets.UTF_8);
        assertThat(line + " (accepted: fast, Jackson)", fast != null, equalTo(slow == null));
        compared++;
        if (fast == null) {
            refusedByBoth++;
            return;
        }
        JournalRecord parsed;
        try {
            parsed = RecordFormat.parse(new String(b, StandardCharsets.UTF_8));
        } catch (RecordFormat.MalformedRecordException e) {
            throw new AssertionError(line, e);
        }
        assertThat(line, fast.chain, equalTo(parsed.text("chain")));
        assertThat(line, fast.keyId == null ? "" : fast.keyId, equalTo(parsed.text("keyId")));
        acceptedByBoth++;
    }

    private static List<Object> chains() {
        return List.of(ChainHash.SHA256, ChainHash.HMAC_SHA256, "SHA256", "sha-256", "", "sha256 ", "hmac-sha2566",
                "sha2\u00e956", 256L, true, List.of("sha256"), Map.of("sha256", "sha256"), ABSENT);
    }

    private static List<Object> formats() {
        return List.of(1L, 2L, 0L, -1L, 10L, 11L, Long.MAX_VALUE, "1", true, List.of(1L), Map.of("v", 1L), ABSENT);
    }

    private static List<Object> keyIds() {
        return List.of(KEY_ID, KEY_ID.substring(1), KEY_ID + "0", KEY_ID.toUpperCase(java.util.Locale.ROOT),
                "g".repeat(16), "\u0001" + KEY_ID.substring(1), 123456789L, List.of(KEY_ID), ABSENT);
    }

    private static List<Map<String, Object>> extras() {
        List<Map<String, Object>> extras = new ArrayList<>();
        extras.add(Map.of());
        extras.add(Map.of("a", "x"));
        extras.add(Map.of("zzz", 1L));
        extras.add(Map.of("keyid", KEY_ID));
        extras.add(Map.of("chains", "sha256"));
        extras.add(Map.of("formats", 1L));
        extras.add(Map.of("key", Map.of("id", KEY_ID)));
        extras.add(Map.of("hasher", List.of()));
        return extras;
    }

    private static Map<String, Object> fields(Object chain, Object format, Object keyId, Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>(extra);
        if (chain != ABSENT) {
            fields.put("chain", chain);
        }
        if (format != ABSENT) {
            fields.put("format", format);
        }
        if (keyId != ABSENT) {
            fields.put("keyId", keyId);
        }
        return fields;
    }

    @Test
    public void bothReadersAcceptTheSameGeneratedFirstRecords() {
        String genesis = RecordFormat.GENESIS_PREV;
        for (Object chain : chains()) {
            for (Object format : formats()) {
                for (Object keyId : keyIds()) {
                    for (Map<String, Object> extra : extras()) {
                        Map<String, Object> fields = fields(chain, format, keyId, extra);
                        String what = chain + "/" + format + "/" + keyId + "/" + extra;
                        compare(what, line(1, AuditEventType.JOURNAL_CREATED, genesis, fields));
                        if (extra.isEmpty()) {
                            compare(what + ", seq 2", line(2, AuditEventType.JOURNAL_CREATED, genesis, fields));
                            compare(what + ", GATE_REQUESTED", line(1, AuditEventType.GATE_REQUESTED, genesis,
                                    fields));
                            compare(what + ", another prev", line(1, AuditEventType.JOURNAL_CREATED, "ab".repeat(32),
                                    fields));
                        }
                    }
                }
            }
        }
        // the two right first records (unkeyed and keyed), seen among the others, with and without another prev
        assertThat(acceptedByBoth, equalTo(4));
        assertThat(refusedByBoth, greaterThan(10_000));
    }

    @Test
    public void bothReadersAgreeOnMutatedFirstRecords() {
        Random random = new Random(17);
        List<byte[]> valid = List.of(
                line(1, AuditEventType.JOURNAL_CREATED, RecordFormat.GENESIS_PREV,
                        fields(ChainHash.SHA256, 1L, ABSENT, Map.of())),
                line(1, AuditEventType.JOURNAL_CREATED, RecordFormat.GENESIS_PREV,
                        fields(ChainHash.HMAC_SHA256, 1L, KEY_ID, Map.of())));
        byte[] alphabet = "01aAfgz9\"\\:,{}[]-.ent _\n\u007f".getBytes(StandardCharsets.UTF_8);
        for (byte[] original : valid) {
            compare("unchanged", original);
            for (int i = 0; i < 20_000; i++) {
                byte[] b = original.clone();
                int at = random.nextInt(b.length);
                b[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
                compare("byte " + at + " changed", b);
                // and the same line with one byte removed, and with one repeated
                byte[] shorter = new byte[original.length - 1];
                System.arraycopy(original, 0, shorter, 0, at);
                System.arraycopy(original, at + 1, shorter, at, original.length - at - 1);
                compare("byte " + at + " removed", shorter);
                byte[] longer = new byte[original.length + 1];
                System.arraycopy(original, 0, longer, 0, at + 1);
                System.arraycopy(original, at, longer, at + 1, original.length - at);
                compare("byte " + at + " repeated", longer);
            }
        }
        // mutations the scanner lets through (a digit of seq, time, prev or hash...) reach both readers
        assertThat(compared, greaterThan(1_000));
        assertThat(acceptedByBoth, greaterThan(100));
        assertThat(refusedByBoth, greaterThan(100));
    }
}
