package io.jenkins.plugins.criticalchangegate.audit;

/**
 * Validates one multi-byte UTF-8 character as RFC 3629, section 4, defines it: no overlong forms, no surrogates,
 * nothing above U+10FFFF. The canonical form holds text as UTF-8, so a line with any other byte sequence is not a
 * record the journal wrote.
 */
final class Utf8Sequences {
    private Utf8Sequences() {
    }

    /**
     * The length (2 to 4) of the valid multi-byte character at {@code b[at]}, which is at least 0x80, ending before
     * {@code end}; or -1 if it is not one.
     */
    static int length(byte[] b, int at, int end) {
        int c = b[at] & 0xFF;
        int n;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                min2 = 0xA0; // overlong below U+0800
            } else if (c == 0xED) {
                max2 = 0x9F; // surrogates U+D800 to U+DFFF
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                min2 = 0x90; // overlong below U+10000
            } else if (c == 0xF4) {
                max2 = 0x8F; // above U+10FFFF
            }
        } else {
            return -1;
        }
        if (end - at <= n) {
            return -1;
        }
        int second = b[at + 1] & 0xFF;
        if (second < min2 || second > max2) {
            return -1;
        }
        for (int i = 2; i <= n; i++) {
            int next = b[at + i] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                return -1;
            }
        }
        return n + 1;
    }
}
