package io.jenkins.plugins.criticalchangegate.audit;

/**
 * Reads one journal line in place and accepts it only if it is exactly what {@link RecordFormat} writes: the canonical
 * encoding ({@link CanonicalJson}) of the record without {@code hash}, then {@code ,"hash":"<64 hex>"}}. It finds the
 * members the verifier needs ({@code seq}, {@code prev}, {@code type}, {@code hash}) on the way, without building any
 * object, so verification runs at close to the speed of the hash function.
 *
 * <p>Insisting on the canonical form (rather than on any JSON) is what makes the hash reproducible: a line that another
 * implementation would parse and re-encode differently is reported here as malformed. Not thread-safe; reusable.
 */
final class CanonicalScanner {
    /** The bytes a member name may hold ({@link CanonicalJson#NAME}). */
    private static final boolean[] NAME_CHAR = new boolean[256];

    static {
        String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
        for (int i = 0; i < allowed.length(); i++) {
            NAME_CHAR[allowed.charAt(i)] = true;
        }
    }

    private byte[] b = new byte[0];
    private int pos;
    private int end;
    /** Whether the record ends at a line feed before {@link #end} ({@link #scanLine}) rather than at {@link #end}. */
    private boolean toLineFeed;

    /** The record's {@code seq}. */
    long seq;
    /** Where the 64 hex digits of {@code prev} start. */
    int prevAt;
    /** Where the value of {@code type} starts, after its quote, and ends, at its closing quote. */
    int typeAt;
    int typeEnd;
    /** Where the value of {@code time} starts, after its quote (24 bytes). */
    int timeAt;
    /** Why the last line was refused, and where (offset from the line's start). */
    String error = "";
    int errorAt;

    /**
     * Scans {@code bytes[start, end)} (a line without its line feed).
     *
     * @return whether it is a canonical record; if not, {@link #error} says why
     */
    boolean scan(byte[] bytes, int start, int lineEnd) {
        toLineFeed = false;
        return scanRecord(bytes, start, lineEnd);
    }

    /**
     * Scans the line that starts at {@code start} and ends at the first line feed before {@code limit}, finding that
     * line feed as it goes: the verifier's one pass over the bytes (issue 17). No line feed can be part of a canonical
     * record (outside strings the form has no white space, inside them it is escaped), so a scan that ends at a line
     * feed looked at exactly the bytes {@link #scan} would look at given the line, and learnt the same.
     *
     * @return where the line ends, at its line feed, when it is a canonical record (the fields are then as
     *     {@link #scan} of that line sets them); -1 otherwise: find the line's end and {@link #scan} it to learn why
     */
    int scanLine(byte[] bytes, int start, int limit) {
        toLineFeed = true;
        return scanRecord(bytes, start, limit) ? pos : -1;
    }

    private boolean scanRecord(byte[] bytes, int start, int lineEnd) {
        this.b = bytes;
        this.pos = start;
        this.end = lineEnd;
        seq = -1;
        prevAt = -1;
        typeAt = -1;
        typeEnd = -1;
        timeAt = -1;
        boolean timeSeen = false;
        try {
            expect('{');
            int lastNameAt = -1;
            int lastNameLength = 0;
            while (true) {
                int nameAt = pos + 1;
                int nameLength = name();
                int member = RecordMembers.of(b, nameAt, nameLength);
                if (member == RecordMembers.HASH) {
                    // The hash member is last, after a comma, and is exactly 64 lowercase hex digits.
                    if (lastNameAt < 0) {
                        return fail("'hash' is the only member", start);
                    }
                    expect(':');
                    expect('"');
                    if (!hex64()) {
                        return fail("'hash' is not 64 lowercase hex digits", start);
                    }
                    expect('"');
                    expect('}');
                    if (toLineFeed ? pos >= end || b[pos] != '\n' : pos != end) {
                        return fail("'hash' is not the last member, or text follows the record", start);
                    }
                    if (seq < 0 || prevAt < 0 || typeAt < 0 || !timeSeen) {
                        return fail("a record needs seq, time, type, prev and hash", start);
                    }
                    return true;
                }
                if (lastNameAt >= 0
                        && RecordMembers.compare(b, lastNameAt, lastNameLength, nameAt, nameLength) >= 0) {
                    return fail("member names are not in canonical (sorted, unique) order at '"
                            + new String(b, nameAt, nameLength, java.nio.charset.StandardCharsets.US_ASCII) + "'",
                            start);
                }
                lastNameAt = nameAt;
                lastNameLength = nameLength;
                expect(':');
                if (member == RecordMembers.SEQ) {
                    seq = number();
                    if (seq < 1) {
                        return fail("'seq' is not a positive integer", start);
                    }
                } else if (member == RecordMembers.PREV) {
                    expect('"');
                    prevAt = pos;
                    if (!hex64()) {
                        return fail("'prev' is not 64 lowercase hex digits", start);
                    }
                    expect('"');
                } else if (member == RecordMembers.TYPE) {
                    typeAt = pos + 1;
                    string();
                    typeEnd = pos - 1;
                    if (!RecordTypes.isKnown(b, typeAt, typeEnd)) {
                        return fail("'type' is not one of the record types docs/audit.md lists", start);
                    }
                } else if (member == RecordMembers.TIME) {
                    if (pos >= end || b[pos] != '"') {
                        return fail("'time' is not a string", start);
                    }
                    timeAt = pos + 1;
                    string();
                    if (!RecordTypes.isTime(b, timeAt, pos - 1)) {
                        return fail("'time' is not a UTC time like 2026-11-26T09:30:00.000Z", start);
                    }
                    timeSeen = true;
                } else {
                    value(1);
                }
                if (pos < end && b[pos] == ',') {
                    pos++;
                } else {
                    return fail("the record has no 'hash' member at its end", start);
                }
            }
        } catch (Refused e) {
            return fail(e.getMessage(), start);
        }
    }

    /** Whether 64 lowercase hex digits start at {@link #pos}; moves past them, or to the first byte that is not one. */
    private boolean hex64() {
        byte[] bytes = b;
        int p = pos;
        int limit = Math.min(end, p + 64);
        while (p + 8 <= limit && LineFeeds.lowercaseHex8(bytes, p)) {
            p += 8; // eight digits at a time; the loop below finds which byte of a word is not one
        }
        while (p < limit && Hex.digit(bytes[p]) >= 0) {
            p++;
        }
        boolean all = p - pos == 64;
        pos = p;
        return all;
    }

    private boolean fail(String message, int start) {
        error = message;
        errorAt = pos - start;
        return false;
    }

    /** Thrown inside the scan; carries no stack trace, as it is an answer, not a defect. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private void expect(char c) throws Refused {
        if (pos >= end || b[pos] != c) {
            throw new Refused(pos >= end ? "the line ends where '" + c + "' was expected" : "expected '" + c + "'");
        }
        pos++;
    }

    /** A member name ({@link CanonicalJson#NAME}) in quotes; returns its length. */
    private int name() throws Refused {
        expect('"');
        int start = pos;
        // locals, not fields, in the loops every byte goes through: the JIT keeps them in registers (issue 17)
        byte[] bytes = b;
        int limit = end;
        int p = start;
        while (p < limit && NAME_CHAR[bytes[p] & 0xFF]) {
            p++;
        }
        pos = p;
        int length = p - start;
        if (length < 1 || length > 64) {
            throw new Refused("a member name is not 1 to 64 of [A-Za-z0-9_.-]");
        }
        expect('"');
        return length;
    }

    private void value(int depth) throws Refused {
        if (depth > CanonicalJson.MAX_DEPTH + 1) {
            throw new Refused("values nest too deep");
        }
        if (pos >= end) {
            throw new Refused("the line ends where a value was expected");
        }
        byte c = b[pos];
        if (c == '"') {
            string();
        } else if (c == '-' || c >= '0' && c <= '9') {
            number();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == '{') {
            pos++;
            if (pos < end && b[pos] == '}') {
                pos++;
                return;
            }
            int lastAt = -1;
            int lastLength = 0;
            while (true) {
                int at = pos + 1;
                int length = name();
                if (lastAt >= 0 && RecordMembers.compare(b, lastAt, lastLength, at, length) >= 0) {
                    throw new Refused("member names are not in canonical (sorted, unique) order");
                }
                lastAt = at;
                lastLength = length;
                expect(':');
                value(depth + 1);
                if (pos < end && b[pos] == ',') {
                    pos++;
                } else {
                    expect('}');
                    return;
                }
            }
        } else if (c == '[') {
            pos++;
            if (pos < end && b[pos] == ']') {
                pos++;
                return;
            }
            while (true) {
                value(depth + 1);
                if (pos < end && b[pos] == ',') {
                    pos++;
                } else {
                    expect(']');
                    return;
                }
            }
        } else {
            throw new Refused(c == 'n' ? "null is not used in records" : "not a JSON value, or not canonical");
        }
    }

    private void literal(String word) throws Refused {
        for (int i = 0; i < word.length(); i++) {
            expect(word.charAt(i));
        }
    }

    /** An integer: optional minus, no leading zeros, no {@code -0}, no fraction or exponent, within 64 bits. */
    private long number() throws Refused {
        boolean negative = false;
        if (pos < end && b[pos] == '-') {
            negative = true;
            pos++;
        }
        int start = pos;
        // Up to 18 digits cannot overflow, so they are added up without a check per digit (issue 17: that check, a
        // division, was a tenth of the scan); a longer number is read again the careful way, from its start.
        byte[] bytes = b;
        int limit = Math.min(end, start + 18);
        int p = start;
        long value = 0;
        while (p < limit && bytes[p] >= '0' && bytes[p] <= '9') {
            value = value * 10 + bytes[p] - '0';
            p++;
        }
        if (p == start + 18 && p < end && bytes[p] >= '0' && bytes[p] <= '9') {
            return longNumber(negative, start);
        }
        pos = p;
        if (p == start || p - start > 1 && bytes[start] == '0' || negative && value == 0) {
            throw new Refused("not a canonical integer (no leading zeros, no -0)");
        }
        refuseFraction();
        return negative ? -value : value;
    }

    /** {@link #number} of 19 digits or more, from its first digit: each digit is checked for overflow. */
    private long longNumber(boolean negative, int start) throws Refused {
        pos = start;
        // accumulated as a negative number, whose range reaches -2^63 (a 64-bit signed value, docs/audit.md)
        long value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            int d = b[pos] - '0';
            if (value < (Long.MIN_VALUE + d) / 10) {
                throw new Refused("an integer does not fit in 64 bits");
            }
            value = value * 10 - d;
            pos++;
        }
        if (b[start] == '0' || negative && value == 0) {
            throw new Refused("not a canonical integer (no leading zeros, no -0)");
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw new Refused("an integer does not fit in 64 bits");
        }
        refuseFraction();
        return negative ? value : -value;
    }

    private void refuseFraction() throws Refused {
        if (pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
            throw new Refused("records hold only integers, not fractions or exponents");
        }
    }

    /** A string with only the escapes the canonical form uses, in valid UTF-8. */
    private void string() throws Refused {
        expect('"');
        while (true) {
            // the common case first: printable ASCII other than quote and backslash, eight bytes at a time
            pos = LineFeeds.plainText(b, pos, end);
            if (pos >= end) {
                throw new Refused("a string is not closed");
            }
            byte c = b[pos];
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c >= 0) {
                throw new Refused("a control character is not escaped");
            } else {
                utf8();
            }
        }
    }

    private void escape() throws Refused {
        pos++;
        if (pos >= end) {
            throw new Refused("a string ends in a backslash");
        }
        byte c = b[pos++];
        switch (c) {
            case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
                return;
            case 'u':
                if (end - pos < 4 || b[pos] != '0' || b[pos + 1] != '0' || (b[pos + 2] != '0' && b[pos + 2] != '1')
                        || Hex.digit(b[pos + 3]) < 0) {
                    throw new Refused("\\u is only used for control characters, as \\u00xx in lowercase");
                }
                int value = (b[pos + 2] - '0') * 16 + Hex.digit(b[pos + 3]);
                if (value == 0x08 || value == 0x09 || value == 0x0a || value == 0x0c || value == 0x0d) {
                    throw new Refused("a control character with a short escape (\\b \\t \\n \\f \\r) is written"
                            + " with \\u");
                }
                pos += 4;
                return;
            default:
                throw new Refused("an escape the canonical form does not use");
        }
    }

    /** One multi-byte UTF-8 character; {@link #pos} is at its first byte. */
    private void utf8() throws Refused {
        int length = Utf8Sequences.length(b, pos, end);
        if (length < 0) {
            throw new Refused("not valid UTF-8");
        }
        pos += length;
    }
}
