package io.jenkins.plugins.criticalchangegate.audit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

/**
 * The eight-bytes-at-a-time hex of the verifier ({@link LineFeeds#lowercaseHex8}, {@link Hex#encode}) against the
 * byte-by-byte forms: every byte value at every position of a word, and random digests.
 */
public class HexWordsDifferentialTest {
    private static boolean byteLoop(byte[] b, int at) {
        for (int i = at; i < at + 8; i++) {
            if (Hex.digit(b[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    public void everyByteValueAtEveryPositionOfAWord() {
        Random random = new Random(17);
        byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        int refused = 0;
        for (int value = 0; value < 256; value++) {
            for (int offset = 0; offset < 8; offset++) {
                for (int at = 0; at < 8; at++) {
                    byte[] b = new byte[24];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = digits[random.nextInt(16)];
                    }
                    b[offset + at] = (byte) value;
                    boolean expected = byteLoop(b, offset);
                    assertEquals("byte 0x" + Integer.toHexString(value) + " at " + at + " of the word at " + offset,
                            expected, LineFeeds.lowercaseHex8(b, offset));
                    if (!expected) {
                        refused++;
                    }
                }
            }
        }
        assertEquals("all but the 16 digits are refused", (256 - 16) * 64, refused);
    }

    @Test
    public void hex64FindsTheFirstByteThatIsNotADigit() {
        // through the scanner: prev with one wrong byte at each of its 64 places, or 63 or 65 digits
        CanonicalScanner scanner = new CanonicalScanner();
        String prefix = "{\"prev\":\"";
        byte[] wrong = {'A', 'g', '/', ':', '`', 'G', (byte) 0xb0, 0x10, '"'};
        for (int i = 0; i < 64; i++) {
            for (byte w : wrong) {
                byte[] hex = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);
                hex[i] = w;
                byte[] line = concat(prefix.getBytes(StandardCharsets.US_ASCII), hex, "\"}".getBytes(
                        StandardCharsets.US_ASCII));
                assertTrue(!scanner.scan(line, 0, line.length));
                assertEquals("'prev' is not 64 lowercase hex digits", scanner.error);
                assertEquals("byte 0x" + Integer.toHexString(w & 0xFF) + " at " + i, prefix.length() + i,
                        scanner.errorAt);
            }
        }
    }

    @Test
    public void encodeIsTheTableEncoding() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[round % 40];
            random.nextBytes(bytes);
            if (round % 7 == 0) {
                Arrays.fill(bytes, (byte) (round % 256)); // every byte value in every place too
            }
            byte[] out = new byte[2 * bytes.length];
            Hex.encode(bytes, out);
            StringBuilder expected = new StringBuilder();
            for (byte b : bytes) {
                expected.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            assertArrayEquals("round " + round, expected.toString().getBytes(StandardCharsets.US_ASCII), out);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
