package io.jenkins.plugins.criticalchangegate.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * The canonical scanner's integers, which it adds up without an overflow check when they have at most 18 digits,
 * against the digit-by-digit reading with a check per digit that it replaced (kept here as the oracle): the same
 * answer, the same value, the same message and the same place, for the numbers around every boundary (18 and 19
 * digits, 2^63, leading zeros, -0, fractions and exponents, what may follow) and for random ones, as {@code seq} and as
 * a value nested in another member.
 */
public class CanonicalNumberDifferentialTest {
    private final CanonicalScanner scanner = new CanonicalScanner();

    /** What the oracle makes of a number at the start of {@code text}: its value, or why not and where. */
    private static final class Reading {
        long value;
        String error;
        int at;
    }

    /** The loop the scanner ran before, as it was. */
    private static Reading oracle(byte[] b, int from, int end) {
        Reading r = new Reading();
        int pos = from;
        boolean negative = false;
        if (pos < end && b[pos] == '-') {
            negative = true;
            pos++;
        }
        int start = pos;
        long value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            int d = b[pos] - '0';
            if (value < (Long.MIN_VALUE + d) / 10) {
                r.error = "an integer does not fit in 64 bits";
                r.at = pos;
                return r;
            }
            value = value * 10 - d;
            pos++;
        }
        int digits = pos - start;
        r.at = pos;
        if (digits == 0 || digits > 1 && b[start] == '0' || negative && value == 0) {
            r.error = "not a canonical integer (no leading zeros, no -0)";
        } else if (!negative && value == Long.MIN_VALUE) {
            r.error = "an integer does not fit in 64 bits";
        } else if (pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
            r.error = "records hold only integers, not fractions or exponents";
        }
        r.value = negative ? value : -value;
        return r;
    }

    private static String line() {
        byte[] bytes = RecordFormat.encode(7, Instant.parse("2026-01-02T03:04:05.678Z"), AuditEventType.REJECTED,
                "ab".repeat(32), Map.of("build", 5L, "user", "bob"), ChainHash.sha256()).line;
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    /** Puts {@code number} where {@code "build":5} or {@code "seq":7} stands, and scans the line both ways. */
    private boolean check(String member, String number) {
        String template = line();
        String old = member.equals("seq") ? "\"seq\":7" : "\"build\":5";
        String line = template.replace(old, old.substring(0, old.indexOf(':') + 1) + number);
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int numberAt = line.indexOf(old.substring(0, old.indexOf(':') + 1)) + old.indexOf(':') + 1;
        Reading expected = oracle(b, numberAt, b.length);
        boolean accepted = scanner.scan(b, 0, b.length);
        String what = member + " " + number + " in " + line;
        boolean looksLikeNumber = !number.isEmpty() && (number.charAt(0) == '-' || Character.isDigit(number.charAt(0)));
        if (member.equals("build") && !looksLikeNumber) {
            // a member other than seq is read as any value: what does not start like a number is not read as one
            assertEquals(what, false, accepted);
            assertEquals(what, "not a JSON value, or not canonical", scanner.error);
        } else if (expected.error != null) {
            assertEquals(what, false, accepted);
            assertEquals(what, expected.error, scanner.error);
            assertEquals(what, expected.at, scanner.errorAt);
        } else if (b[expected.at] != ',') {
            // a valid integer followed by something else: refused after it, as before
            assertEquals(what, false, accepted);
        } else if (member.equals("seq") && expected.value < 1) {
            assertEquals(what, false, accepted);
            assertEquals(what, "'seq' is not a positive integer", scanner.error);
        } else {
            assertEquals(what, true, accepted);
            if (member.equals("seq")) {
                assertEquals(what, expected.value, scanner.seq);
            }
        }
        return accepted;
    }

    @Test
    public void theBoundaries() {
        List<String> numbers = new ArrayList<>(List.of("0", "-0", "00", "01", "-01", "1", "-1", "9", "10", "-",
                "--1", "1.5", "1e5", "1E5", "0.1", "-0.0", "5a", "5 ", "123456789012345678", "999999999999999999",
                "-999999999999999999", "1000000000000000000", "9999999999999999999", "9223372036854775807",
                "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "92233720368547758070",
                "0000000000000000000", "0000000000000000001", "-0000000000000000000", "1".repeat(40),
                "0".repeat(18), "0".repeat(19), "1".repeat(18) + ".", "1".repeat(19) + "e", "9223372036854775807.0"));
        for (String member : new String[] {"build", "seq"}) {
            for (String number : numbers) {
                check(member, number);
            }
        }
    }

    @Test
    public void randomNumbers() {
        Random random = new Random(17);
        String follows = ".eE x}-0:";
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder number = new StringBuilder();
            if (random.nextInt(4) == 0) {
                number.append('-');
            }
            int digits = random.nextInt(4) == 0 ? random.nextInt(25) : 15 + random.nextInt(6);
            for (int i = 0; i < digits; i++) {
                number.append((char) ('0' + (i == 0 && random.nextInt(3) > 0 ? 1 + random.nextInt(9)
                        : random.nextInt(10))));
            }
            if (random.nextInt(5) == 0) {
                number.append(follows.charAt(random.nextInt(follows.length())));
            }
            if (check(random.nextBoolean() ? "build" : "seq", number.toString())) {
                accepted++;
            }
        }
        assertTrue("both answers were exercised: " + accepted + " accepted", accepted > 2_000 && accepted < 18_000);
    }
}
