package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** The verifier's cached time check agrees with the full parse for every time, whatever came before it. */
public class RecordTimesTest {
    private static void assertAgrees(RecordTimes times, String time) {
        byte[] b = ("x" + time + "y").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(time, times.isTime(b, 1, b.length - 1), equalTo(RecordTypes.isTime(b, 1, b.length - 1)));
    }

    @Test
    public void agreesWithTheFullParseAfterAValidTimeOfTheSameDay() {
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
            RecordTimes fresh = new RecordTimes();
            assertAgrees(fresh, time);
            RecordTimes primed = new RecordTimes();
            assertAgrees(primed, time.substring(0, 10) + "T00:00:00.000Z");
            assertAgrees(primed, time);
        }
    }
}
