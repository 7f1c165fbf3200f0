package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The verifier accepts exactly the lines the journal writes, and refuses every other spelling of them. */
public class CanonicalScannerTest {
    private final CanonicalScanner scanner = new CanonicalScanner();

    private static String line(Map<String, Object> fields) {
        byte[] bytes = RecordFormat.encode(7, Instant.parse("2026-01-02T03:04:05.678Z"), AuditEventType.REJECTED,
                "ab".repeat(32), fields, ChainHash.sha256()).line;
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    private boolean scan(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return scanner.scan(b, 0, b.length);
    }

    @Test
    public void acceptsWhatTheJournalWritesAndFindsItsMembers() {
        String line = line(Map.of("user", "zoë \"q\" \\ \t\u0001 😀", "evidence", Map.of("n", -12L, "ok", true,
                "list", List.of("a", List.of(), Map.of())), "build", 0L));
        assertThat(line, scan(line), equalTo(true));
        assertThat(scanner.seq, equalTo(7L));
        assertThat(line.substring(scanner.prevAt, scanner.prevAt + 64), equalTo("ab".repeat(32)));
        assertThat(line.substring(scanner.typeAt, scanner.typeAt + 8), equalTo("REJECTED"));
    }

    private void refuses(String line, String why) {
        assertThat(line, scan(line), equalTo(false));
        assertThat(scanner.error, containsString(why));
    }

    @Test
    public void refusesOtherSpellingsOfTheSameRecord() {
        String line = line(Map.of("user", "bob", "build", 5L));
        refuses(line.replace(",\"user\"", ", \"user\""), "expected '\"'");
        refuses(line.replace("\"build\":5", "\"build\":05"), "canonical integer");
        refuses(line.replace("\"build\":5", "\"build\":5.0"), "only integers");
        refuses(line.replace("\"build\":5", "\"build\":-0"), "canonical integer");
        refuses(line.replace("\"build\":5", "\"build\":null"), "null");
        refuses(line.replace("\"bob\"", "\"b\\u006fb\""), "\\u is only used for control characters");
        refuses(line.replace("\"bob\"", "\"b\\/b\""), "escape the canonical form does not use");
        refuses(line.replace("\"bob\"", "\"b\\u0009b\""), "short escape");
        refuses(line.replace("\"bob\"", "\"b\tb\""), "control character is not escaped");
        refuses(line.replace("{\"build\":5,", "{\"user\":\"x\",\"build\":5,"), "canonical (sorted, unique) order");
        refuses(line.replace("\"prev\":\"abab", "\"prev\":\"ABab"), "'prev' is not 64 lowercase hex digits");
        refuses(line + " ", "text follows the record");
        refuses(line.substring(0, line.indexOf(",\"hash\"")) + "}", "no 'hash' member");
    }

    @Test
    public void refusesInvalidUtf8() {
        String line = line(Map.of("user", "bob"));
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int at = line.indexOf("bob");
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}}) {
            byte[] copy = new byte[b.length - 3 + bad.length];
            System.arraycopy(b, 0, copy, 0, at);
            System.arraycopy(bad, 0, copy, at, bad.length);
            System.arraycopy(b, at + 3, copy, at + bad.length, b.length - at - 3);
            assertThat(scanner.scan(copy, 0, copy.length), equalTo(false));
            assertThat(scanner.error, containsString("UTF-8"));
        }
    }
}
