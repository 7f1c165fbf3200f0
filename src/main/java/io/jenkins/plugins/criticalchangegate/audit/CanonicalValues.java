package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The values of the canonical form ({@link CanonicalJson}) read in place over {@code b[pos, end)}: member names,
 * strings with only the canonical escapes and in valid UTF-8, integers within 64 bits, {@code true} and {@code false},
 * arrays, and objects whose names are sorted and unique. Each method reads one thing at {@link #pos} and moves past it,
 * or throws {@link Refused} saying what is wrong; what a record must hold is {@link CanonicalScanner}'s. A class of its
 * own so that each stays short; the verifier's and the export's hot loops run through both, with the cursor in fields
 * of one object.
 */
abstract class CanonicalValues {
    /** The bytes a member name may hold ({@link CanonicalJson#NAME}). */
    private static final boolean[] NAME_CHAR = new boolean[256];

    static {
        String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
        for (int i = 0; i < allowed.length(); i++) {
            NAME_CHAR[allowed.charAt(i)] = true;
        }
    }

    byte[] b = new byte[0];
    int pos;
    int end;
    /** Where the members are, noted on the way for the export ({@link RecordView}); null for the verifier. */
    @CheckForNull
    final MemberOffsets offsets;

    CanonicalValues(@CheckForNull MemberOffsets offsets) {
        this.offsets = offsets;
    }

    /** Whether 64 lowercase hex digits start at {@link #pos}; moves past them, or to the first byte that is not one. */
    final boolean hex64() {
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

    /** Thrown inside the scan; carries no stack trace, as it is an answer, not a defect. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    final void expect(char c) throws Refused {
        if (pos >= end || b[pos] != c) {
            throw new Refused(pos >= end ? "the line ends where '" + c + "' was expected" : "expected '" + c + "'");
        }
        pos++;
    }

    /** A member name ({@link CanonicalJson#NAME}) in quotes; returns its length. */
    final int name() throws Refused {
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

    final void value(int depth) throws Refused {
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
            nested(depth);
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
            nested(depth);
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

    private void nested(int depth) {
        if (offsets != null) {
            offsets.nested(depth);
        }
    }

    private void literal(String word) throws Refused {
        for (int i = 0; i < word.length(); i++) {
            expect(word.charAt(i));
        }
    }

    /** An integer: optional minus, no leading zeros, no {@code -0}, no fraction or exponent, within 64 bits. */
    final long number() throws Refused {
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
    final void string() throws Refused {
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
