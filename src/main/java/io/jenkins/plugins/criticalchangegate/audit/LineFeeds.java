package io.jenkins.plugins.criticalchangegate.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding bytes eight at a time (issue 17: export speed): a journal line is some 400 bytes, and a byte-by-byte search
 * for its line feed was a tenth of the export's time. A word is tested for a byte with the classic "has a zero byte"
 * formula on the word XOR the byte repeated, exact as to whether there is one; the bytes of a word that has one are then
 * looked at one by one.
 */
final class LineFeeds {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long LF = '\n' * ONES;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    private LineFeeds() {
    }

    /** The first line feed in {@code b[from, to)}, or -1. */
    static int next(byte[] b, int from, int to) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            if (zeroBytes((long) LONGS.get(b, p) ^ LF) != 0) {
                break; // one of these eight is
            }
        }
        for (; p < to; p++) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    /**
     * The last line feed in {@code b[from, to)}, or -1: where the line of a byte {@link #next} found starts (issue 17:
     * {@code --outcome}'s first pass went back to it one byte at a time). Unlike {@link #zeroBytes}, the test of a word is
     * exact for every byte, so the highest byte it flags is the last line feed.
     */
    static int previous(byte[] b, int from, int to) {
        int p = to;
        for (; p - 8 >= from; p -= 8) {
            long x = (long) LONGS.get(b, p - 8) ^ LF;
            // a byte's high bit ends up set exactly when the byte is zero: its low seven bits plus 0x7f carry into the
            // high bit unless they are all clear, and no sum leaves its byte
            long zeros = ~(((x & LOW7) + LOW7) | x | LOW7);
            if (zeros != 0) {
                return p - 8 + ((63 - Long.numberOfLeadingZeros(zeros)) >>> 3);
            }
        }
        for (p--; p >= from; p--) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    /** The first {@code x} or {@code y} in {@code b[from, to)}, or -1. */
    static int next(byte[] b, int from, int to, byte x, byte y) {
        long xs = (x & 0xFF) * ONES;
        long ys = (y & 0xFF) * ONES;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long w = (long) LONGS.get(b, p);
            if ((zeroBytes(w ^ xs) | zeroBytes(w ^ ys)) != 0) {
                break; // one of these eight is
            }
        }
        for (; p < to; p++) {
            if (b[p] == x || b[p] == y) {
                return p;
            }
        }
        return -1;
    }

    /**
     * The first byte in {@code b[from, to)} that a canonical string cannot hold as it is: a quote, a backslash, a control
     * character (below 0x20) or the first byte of a multi-byte UTF-8 character (0x80 and up); {@code to} if none is
     * (issue 17: the verifier's canonical check spent most of its time in this loop, one byte at a time). A word's flags
     * can be wrong only above a byte that is rightly flagged (a subtraction borrows upward from a byte that underflowed,
     * and the words are little-endian), so the lowest flag is the first such byte.
     */
    static int plainText(byte[] b, int from, int to) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long flags = special((long) LONGS.get(b, p));
            if (flags != 0) {
                return p + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
        for (; p < to; p++) {
            byte c = b[p];
            if (c < 0x20 || c == '"' || c == '\\') { // bytes of 0x80 and up are negative
                return p;
            }
        }
        return to;
    }

    /** The high bit of each byte of {@code w} that {@link #plainText} stops at (and, above such a byte, maybe others). */
    static long special(long w) {
        // below 0x20: subtracting 0x20 sets the high bit; 0x80 and up: the high bit is set already
        return ((w - SPACES) | w | zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES)) & HIGHS;
    }

    private static final long NIBBLES = 0x000F000F000F000FL;

    /**
     * Whether the eight bytes at {@code b[at]} are all lowercase hex digits: {@code prev} and {@code hash} are 128 of a
     * record's some 400 bytes. Each byte is tested for 0x2f < x < 0x3a or 0x60 < x < 0x67 on its low seven bits, where
     * the sums and differences stay within the byte (exact, no carry), and for a clear high bit.
     */
    static boolean lowercaseHex8(byte[] b, int at) {
        long w = (long) LONGS.get(b, at);
        long low = w & LOW7;
        long digit = (ONES * (127 + 0x3a) - low) & (low + ONES * (127 - 0x2f));
        long letter = (ONES * (127 + 0x67) - low) & (low + ONES * (127 - 0x60));
        return ((digit | letter) & ~w & HIGHS) == HIGHS;
    }

    /**
     * Writes the 8 lowercase hex digits of {@code bytes[from, from + 4)} at {@code out[at]}: the verifier turns each
     * computed hash into text to compare it with the line's (issue 17). Each byte is spread to a 16-bit lane holding its
     * two nibbles, and a nibble n becomes {@code '0' + n}, plus {@code 'a' - '9' - 1} when n + 6 reaches 16.
     */
    static void hex8(byte[] bytes, int from, byte[] out, int at) {
        long x = (bytes[from] & 0xFFL) | (bytes[from + 1] & 0xFFL) << 16 | (bytes[from + 2] & 0xFFL) << 32
                | (bytes[from + 3] & 0xFFL) << 48;
        long n = (x >>> 4 & NIBBLES) | (x & NIBBLES) << 8;
        long letters = (n + 6 * ONES) >>> 4 & ONES;
        LONGS.set(out, at, n + '0' * ONES + letters * ('a' - '9' - 1));
    }

    /** Non-zero exactly when a byte of {@code x} is zero. */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
