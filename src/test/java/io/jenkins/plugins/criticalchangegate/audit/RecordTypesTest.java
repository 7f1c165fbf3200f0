package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * {@link RecordTypes} checks type and time in place, without a string or a parse per record (issue 17); these tests
 * hold it to what the formatter and the enum, which it replaced, accept.
 */
public class RecordTypesTest {
    private static boolean formatterAccepts(String time) {
        try {
            RecordFormat.TIME.parse(time);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isTime(String time) {
        byte[] b = ("x" + time + "y").getBytes(StandardCharsets.US_ASCII);
        return RecordTypes.isTime(b, 1, b.length - 1);
    }

    @Test
    public void acceptsTheTimesTheStrictFormatterAccepts() {
        int accepted = 0;
        int refused = 0;
        for (String year : new String[] {"0000", "0001", "0004", "1900", "1970", "2000", "2023", "2024", "2100",
            "9996", "9999"}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    for (String clock : new String[] {"00:00:00.000", "23:59:59.999", "24:00:00.000", "12:60:00.000",
                        "12:00:60.000", "19:07:31.123"}) {
                        String time = String.format("%s-%02d-%02dT%sZ", year, month, day, clock);
                        boolean expected = formatterAccepts(time);
                        assertThat(time, isTime(time), equalTo(expected));
                        if (expected) {
                            accepted++;
                        } else {
                            refused++;
                        }
                    }
                }
            }
        }
        assertThat(accepted, greaterThan(10_000));
        assertThat(refused, greaterThan(10_000));
        for (String odd : new String[] {"2026-01-31T12:00:00Z", "2026-01-31T12:00:00.000+00:00",
            "2026-01-31 12:00:00.000Z", "+2026-01-31T12:00:00.00Z", "2026-1-31T12:00:00.0000Z", ""}) {
            assertThat(odd, isTime(odd), equalTo(false));
        }
    }

    /** Single-character mutants of a valid time (moved from the former RecordTimesTest): each as the formatter says. */
    @Test
    public void agreesWithTheFormatterOnMutatedTimes() {
        List<String> times = new ArrayList<>(List.of("2026-11-26T09:30:00.000Z", "2026-11-26T23:59:59.999Z",
                "2026-11-26T24:00:00.000Z", "2026-11-26T12:60:00.000Z", "2026-11-26T12:00:60.000Z",
                "2026-11-26T1a:00:00.000Z", "2026-11-26 12:00:00.000Z", "2026-11-26T12:00:00.000+",
                "2026-11-26T12:00:00Z",
                "2026-11-26T12:00:00.0000Z", "2024-02-29T00:00:00.000Z", "2023-02-29T00:00:00.000Z",
                "2026-13-01T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "0000-01-01T00:00:00.000Z",
                "2026-11-26T12-00:00.000Z", "2026-11-26T12:00:00,000Z", "2026-11-26T09:30:00.000z"));
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            char[] t = "2026-11-26T09:30:00.000Z".toCharArray();
            int at = random.nextInt(t.length);
            t[at] = random.nextBoolean() ? (char) ('0' + random.nextInt(10)) : "T:-.Zx/ 9"
                    .charAt(random.nextInt(9));
            times.add(new String(t));
        }
        for (String time : times) {
            assertThat(time, isTime(time), equalTo(formatterAccepts(time)));
        }
    }

    @Test
    public void knowsEveryTypeNameAndNothingElse() {
        for (AuditEventType type : AuditEventType.values()) {
            byte[] b = ("\"" + type.name() + "\"").getBytes(StandardCharsets.US_ASCII);
            assertThat(type.name(), RecordTypes.isKnown(b, 1, b.length - 1), equalTo(true));
            String lower = type.name().toLowerCase(java.util.Locale.ROOT);
            for (String other : new String[] {lower, type.name() + "_", type.name().substring(1), " " + type.name()}) {
                byte[] o = other.getBytes(StandardCharsets.US_ASCII);
                assertThat(other, RecordTypes.isKnown(o, 0, o.length), equalTo(false));
            }
        }
        assertThat(RecordTypes.isKnown(new byte[0], 0, 0), equalTo(false));
    }
}
