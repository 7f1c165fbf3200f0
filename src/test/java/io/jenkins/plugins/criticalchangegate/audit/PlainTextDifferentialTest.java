package io.jenkins.plugins.criticalchangegate.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

/**
 * {@link LineFeeds#plainText}, which the canonical scanner's strings go through eight bytes at a time, against the
 * byte-by-byte loop it replaced: every byte value at every offset modulo 8 (and as the first and last byte of a range
 * of each length), then random texts with several stopping bytes of every class; the ranges start at every offset
 * modulo 8 so the words fall differently.
 */
public class PlainTextDifferentialTest {
    /** The loop {@link CanonicalScanner} ran before: the first quote, backslash, control or non-ASCII byte. */
    private static int byteLoop(byte[] b, int from, int to) {
        int p = from;
        byte c;
        while (p < to && (c = b[p]) >= 0x20 && c != '"' && c != '\\') {
            p++;
        }
        return p;
    }

    @Test
    public void everyByteValueAtEveryOffset() {
        int checked = 0;
        int stoppedInsideWords = 0;
        for (int value = 0; value < 256; value++) {
            for (int from = 0; from < 8; from++) {
                for (int at = from; at < from + 24; at++) {
                    byte[] b = new byte[40];
                    java.util.Arrays.fill(b, (byte) 'a');
                    b[at] = (byte) value;
                    for (int to = at; to <= b.length; to += (to < at + 10 ? 1 : 7)) {
                        int expected = byteLoop(b, from, to);
                        assertEquals("byte 0x" + Integer.toHexString(value) + " at " + at + ", range [" + from + ", "
                                + to + ")", expected, LineFeeds.plainText(b, from, to));
                        checked++;
                        if (expected < to && to - from >= 8 && expected + 8 <= to) {
                            stoppedInsideWords++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000);
        assertTrue("the word path was exercised: " + stoppedInsideWords, stoppedInsideWords > 10_000);
    }

    @Test
    public void randomTextsWithEveryClassOfByte() {
        // the classes: plain ASCII, quote, backslash, controls (0x00, 0x0a, 0x1f), DEL, non-ASCII (0x80, 0xc3, 0xff),
        // and the neighbours of each boundary (0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f)
        byte[] classes = {'a', 'Z', '0', ' ', '!', '#', '"', '\\', '[', ']', 0x00, 0x0a, 0x1f, 0x7f, (byte) 0x80,
            (byte) 0xc3, (byte) 0xff, (byte) 0xa2};
        Random random = new Random(17);
        int stops = 0;
        for (int round = 0; round < 200_000; round++) {
            int length = random.nextInt(48);
            byte[] b = new byte[length + 8];
            for (int i = 0; i < b.length; i++) {
                // mostly plain text, as in records, with a stopping byte now and then
                b[i] = random.nextInt(6) == 0 ? classes[random.nextInt(classes.length)]
                        : (byte) (0x20 + random.nextInt(0x5f));
            }
            int from = random.nextInt(8);
            int to = from + random.nextInt(length + 1);
            int expected = byteLoop(b, from, to);
            assertEquals("round " + round, expected, LineFeeds.plainText(b, from, to));
            if (expected < to) {
                stops++;
            }
        }
        assertTrue(stops > 50_000);
    }

    @Test
    public void theScannerStopsAtEveryClassInAString() {
        // through the scanner: a string member whose text holds one byte of each class after n plain bytes, n = 0..16
        CanonicalScanner scanner = new CanonicalScanner();
        String prefix = "{\"a\":\"";
        String[][] cases = {{"\"", "expected ','"}, {"\u0001", "a control character is not escaped"},
            {"\\q", "an escape the canonical form does not use"}, {"\u00ff", "not valid UTF-8"}};
        for (int n = 0; n <= 16; n++) {
            for (String[] c : cases) {
                byte[] text = (prefix + "x".repeat(n) + c[0] + "\"}").getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(!scanner.scan(text, 0, text.length));
                String expected = c[1].equals("expected ','") ? "the record has no 'hash' member at its end" : c[1];
                assertEquals(n + " plain bytes then " + c[0], expected, scanner.error);
                assertEquals(n + " plain bytes then " + c[0], prefix.length() + n + (c[0].equals("\"") ? 1 : 0)
                        + (c[0].equals("\\q") ? 2 : 0), scanner.errorAt);
            }
        }
    }
}
