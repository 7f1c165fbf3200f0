package io.jenkins.plugins.criticalchangegate.audit;

/** Lowercase hex, compared in place so the verifier does not allocate a string per record. */
final class Hex {
    /** Digit values by byte (a table: the verifier looks up 128 or more per record). */
    private static final byte[] VALUE = new byte[256];

    /** The two lowercase hex digits of each byte value, at {@code 2 * (b & 0xFF)}. */
    private static final byte[] PAIRS = new byte[512];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String digits = "0123456789abcdef";
        for (int i = 0; i < 16; i++) {
            VALUE[digits.charAt(i)] = (byte) i;
        }
        for (int i = 0; i < 256; i++) {
            PAIRS[2 * i] = (byte) digits.charAt(i >> 4);
            PAIRS[2 * i + 1] = (byte) digits.charAt(i & 15);
        }
    }

    private Hex() {
    }

    /** The value of a lowercase hex digit, or -1. */
    static int digit(byte b) {
        return VALUE[b & 0xFF];
    }

    /** Whether {@code text[at..at+2*bytes.length)} is the lowercase hex of {@code bytes}. */
    static boolean equalsHex(byte[] bytes, byte[] text, int at) {
        for (int i = 0; i < bytes.length; i++) {
            int hi = digit(text[at + 2 * i]);
            int lo = digit(text[at + 2 * i + 1]);
            if (hi < 0 || lo < 0 || (byte) ((hi << 4) | lo) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the lowercase hex of {@code bytes} into {@code out} from 0: the verifier then compares hashes as text, with
     * {@link java.util.Arrays#equals(byte[], int, int, byte[], int, int)}, which the JIT vectorises (issue 17).
     */
    static void encode(byte[] bytes, byte[] out) {
        int i = 0;
        for (; i + 4 <= bytes.length; i += 4) {
            LineFeeds.hex8(bytes, i, out, 2 * i); // four bytes at a time (issue 17)
        }
        for (; i < bytes.length; i++) {
            int pair = 2 * (bytes[i] & 0xFF);
            out[2 * i] = PAIRS[pair];
            out[2 * i + 1] = PAIRS[pair + 1];
        }
    }

    /** Decodes 64 lowercase hex digits at {@code at} into {@code out} (32 bytes); false if they are not. */
    static boolean decode(byte[] text, int at, byte[] out) {
        for (int i = 0; i < out.length; i++) {
            int hi = digit(text[at + 2 * i]);
            int lo = digit(text[at + 2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return false;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return true;
    }

    static boolean isHash(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
