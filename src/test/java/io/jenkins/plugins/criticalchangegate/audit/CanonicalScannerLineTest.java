package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * {@link CanonicalScanner#scanLine}, the verifier's one pass that finds a line's end as it checks it (issue 17),
 * accepts exactly the lines {@link CanonicalScanner#scan} accepts when given the line, ends them at the same line feed
 * and learns the same members, whatever follows the line in the buffer: over generated records and random one-byte
 * mutations of them (line feeds, quotes, escapes and UTF-8 bytes among them).
 */
public class CanonicalScannerLineTest {
    private final CanonicalScanner plain = new CanonicalScanner();
    private final CanonicalScanner fused = new CanonicalScanner();
    private int accepted;
    private int refused;

    private static byte[] record(long seq, Map<String, Object> fields) {
        return RecordFormat.encode(seq, Instant.parse("2026-01-02T03:04:05.678Z"), AuditEventType.APPROVAL_ACCEPTED,
                "cd".repeat(32), fields, ChainHash.sha256()).line;
    }

    private static List<byte[]> records() {
        List<byte[]> records = new ArrayList<>();
        records.add(record(1, Map.of()));
        records.add(record(42, Map.of("user", "zoë \"q\" \\ \t\n\u0001 😀", "build", -7L, "ok", false)));
        records.add(record(9_000_000_000L, Map.of("evidence", Map.of("list", List.of("a", List.of(), Map.of()),
                "n", 12L), "title", "a\u2028b\u00e9\u0800\uffff")));
        records.add(record(3, Map.of("sections", List.of("Risk", "Rollback plan"), "url", "https://x.example/a?b=c")));
        return records;
    }

    /** The line at the start of {@code buffer} (up to its first line feed), both ways; limit is the buffer's end. */
    private void compare(String what, byte[] buffer, int limit) {
        int lineFeed = -1;
        for (int i = 0; i < limit; i++) {
            if (buffer[i] == '\n') {
                lineFeed = i;
                break;
            }
        }
        int end = fused.scanLine(buffer, 0, limit);
        if (lineFeed < 0) {
            assertThat(what + ": no line feed, no line", end, equalTo(-1));
            return;
        }
        boolean canonical = plain.scan(buffer, 0, lineFeed);
        String line = what + ": " + new String(buffer, 0, lineFeed, StandardCharsets.UTF_8);
        assertThat(line, end, equalTo(canonical ? lineFeed : -1));
        if (canonical) {
            assertThat(line, fused.seq, equalTo(plain.seq));
            assertThat(line, fused.prevAt, equalTo(plain.prevAt));
            assertThat(line, fused.typeAt, equalTo(plain.typeAt));
            assertThat(line, fused.typeEnd, equalTo(plain.typeEnd));
            assertThat(line, fused.timeAt, equalTo(plain.timeAt));
            accepted++;
        } else {
            refused++;
        }
    }

    /** The line, then what may follow it in a batch: another record, or bytes that are not one. */
    private void compareFollowed(String what, byte[] line, byte[] next) {
        byte[] buffer = new byte[line.length + next.length];
        System.arraycopy(line, 0, buffer, 0, line.length);
        System.arraycopy(next, 0, buffer, line.length, next.length);
        compare(what, buffer, buffer.length);
        compare(what + ", cut before the line feed", buffer, Math.max(0, line.length - 1));
    }

    @Test
    public void endsAndLearnsWhatTheScanOfTheLineDoes() {
        Random random = new Random(4);
        List<byte[]> records = records();
        byte[] alphabet = "\n\"\\:,{}[]0159af-.tnu \u0001".getBytes(StandardCharsets.US_ASCII);
        byte[][] followers = {records.get(0), "\n".getBytes(StandardCharsets.US_ASCII),
            "\"}\n".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, (byte) 0xA9, 0x22}, new byte[0]};
        for (byte[] record : records) {
            for (byte[] next : followers) {
                compareFollowed("as written", record, next);
            }
            for (int i = 0; i < 10_000; i++) {
                byte[] b = record.clone();
                int at = random.nextInt(b.length);
                b[at] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                compareFollowed("byte " + at + " changed", b, followers[random.nextInt(followers.length)]);
            }
        }
        assertThat(accepted, greaterThan(1_000));
        assertThat(refused, greaterThan(10_000));
    }
}
