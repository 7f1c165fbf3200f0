package io.jenkins.plugins.criticalchangegate.audit;

/** Lowercase hex, compared in place so the verifier does not allocate a string per record. */
final class Hex {
    private Hex() {
    }

    /** The value of a lowercase hex digit, or -1. */
    static int digit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
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
