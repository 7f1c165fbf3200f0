package io.jenkins.plugins.criticalchangegate.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

/**
 * {@link LineFeeds#previous}, which {@code --outcome}'s first pass goes back with eight bytes at a time, against the
 * byte-by-byte loop it replaced: a line feed at every place of every range, with every other byte value beside it (the
 * ones a word test can mistake for a line feed above a real one: 0x0b, which XOR a line feed is 1, and 0x8a, which has
 * the high bit set), then random bytes with several line feeds. The ranges start at every offset modulo 8, so the
 * words fall differently.
 */
public class PreviousLineFeedDifferentialTest {
    private static int byteLoop(byte[] b, int from, int to) {
        for (int p = to - 1; p >= from; p--) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    @Test
    public void aLineFeedBesideEveryByteValueAtEveryPlace() {
        int checked = 0;
        int foundInWords = 0;
        for (int value = 0; value < 256; value++) {
            for (int from = 0; from < 8; from++) {
                for (int lf = from; lf < from + 24; lf++) {
                    byte[] b = new byte[40];
                    Arrays.fill(b, (byte) value);
                    b[lf] = '\n';
                    for (int to = from; to <= b.length; to++) {
                        int expected = byteLoop(b, from, to);
                        assertEquals("a line feed at " + lf + " among 0x" + Integer.toHexString(value) + ", range ["
                                + from + ", " + to + ")", expected, LineFeeds.previous(b, from, to));
                        checked++;
                        if (expected >= 0 && expected >= from + (to - from) % 8) {
                            foundInWords++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000);
        assertTrue("the word path found line feeds: " + foundInWords, foundInWords > 10_000);
    }

    @Test
    public void randomBytesWithSeveralLineFeeds() {
        byte[] classes = {'a', '\n', 0x0b, 0x09, 0x00, 0x01, (byte) 0x8a, (byte) 0x80, (byte) 0xff, 0x7f, 0x0a};
        Random random = new Random(17);
        int found = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[1 + random.nextInt(48)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(3) == 0 ? classes[random.nextInt(classes.length)] : (byte) random.nextInt(256);
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = byteLoop(b, from, to);
            assertEquals("round " + round + ": " + Arrays.toString(b) + " [" + from + ", " + to + ")", expected,
                    LineFeeds.previous(b, from, to));
            if (expected >= 0) {
                found++;
            }
        }
        assertTrue(found > 50_000);
    }
}
