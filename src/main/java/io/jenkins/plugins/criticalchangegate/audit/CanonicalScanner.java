package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads one journal line in place and accepts it only if it is exactly what {@link RecordFormat} writes: the canonical
 * encoding ({@link CanonicalJson}) of the record without {@code hash}, then {@code ,"hash":"<64 hex>"}}. It finds the
 * members the verifier needs ({@code seq}, {@code prev}, {@code type}, {@code hash}) on the way, without building any
 * object, so verification runs at close to the speed of the hash function.
 *
 * <p>Insisting on the canonical form (rather than on any JSON) is what makes the hash reproducible: a line that another
 * implementation would parse and re-encode differently is reported here as malformed. Not thread-safe; reusable.
 */
final class CanonicalScanner extends CanonicalValues {
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

    CanonicalScanner() {
        super(null);
    }

    /** A scanner that also notes where each accepted line's members are into {@code offsets}. */
    CanonicalScanner(@CheckForNull MemberOffsets offsets) {
        super(offsets);
    }

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
        MemberOffsets at = offsets;
        if (at != null) {
            at.clear();
        }
        try {
            expect('{');
            int lastNameAt = -1;
            int lastNameLength = 0;
            while (true) {
                int nameAt = pos + 1;
                int nameLength = name();
                int member = RecordMembers.of(b, nameAt, nameLength);
                int noted = at == null ? -1 : at.begin(nameAt, nameAt + nameLength, pos + 1); // pos is at ':'
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
                    if (noted >= 0) {
                        at.end(noted, pos);
                    }
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
                if (noted >= 0) {
                    at.end(noted, pos);
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

    private boolean fail(String message, int start) {
        error = message;
        errorAt = pos - start;
        return false;
    }
}
