package io.jenkins.plugins.criticalchangegate.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growing run of UTF-8 bytes: the text of one field as the export works on it, so that reading a record
 * allocates nothing in the common case (issue 17: export memory). Not thread-safe.
 */
final class ByteText {
    private byte[] bytes = new byte[256];
    private int length;

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    byte at(int i) {
        return bytes[i];
    }

    byte[] array() {
        return bytes;
    }

    void append(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    void append(byte[] from, int offset, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(from, offset, bytes, length, count);
        length += count;
    }

    /**
     * Whether this text's id ({@link QueryValues#id}: stripped, lower case) is {@code wanted}, itself an id. ASCII is
     * compared in place (what {@code strip()} and {@code toLowerCase(Locale.ROOT)} do to ASCII); other text goes
     * through {@link QueryValues#id} itself.
     */
    boolean idEquals(String wanted) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return QueryValues.id(new String(bytes, 0, length, StandardCharsets.UTF_8)).equals(wanted);
            }
        }
        int from = 0;
        int to = length;
        while (from < to && asciiWhitespace(bytes[from])) {
            from++;
        }
        while (to > from && asciiWhitespace(bytes[to - 1])) {
            to--;
        }
        if (to - from != wanted.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (lower(bytes[i]) != wanted.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the UTF-8 of this text's id to {@code out}: {@link QueryValues#id} of it, encoded (a text read from a
     * line is valid UTF-8, so its id has no lone surrogate, and encodes to the bytes a key of it has).
     */
    void appendIdTo(ByteText out) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                byte[] id = QueryValues.id(new String(bytes, 0, length, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                out.append(id, 0, id.length);
                return;
            }
        }
        int from = 0;
        int to = length;
        while (from < to && asciiWhitespace(bytes[from])) {
            from++;
        }
        while (to > from && asciiWhitespace(bytes[to - 1])) {
            to--;
        }
        for (int i = from; i < to; i++) {
            out.append((byte) lower(bytes[i]));
        }
    }

    /** Whether this text's bytes are {@code other}'s. */
    boolean contentEquals(ByteText other) {
        return Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }

    /** Whether the text is exactly {@code s} (ASCII). */
    boolean equalsAscii(String s) {
        if (length != s.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@link Character#isWhitespace} for ASCII: tab to carriage return, the four separators U+001C-U+001F, space. */
    private static boolean asciiWhitespace(byte c) {
        return c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x20;
    }

    private static char lower(byte c) {
        return (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
}
