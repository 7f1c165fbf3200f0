package io.jenkins.plugins.criticalchangegate.audit;

import java.nio.charset.StandardCharsets;

/**
 * The checks on {@code type} and {@code time} every record must pass (docs/audit.md, "What a verifier checks"): the
 * type is one of {@link AuditEventType}'s names, the time is {@code uuuu-MM-ddTHH:mm:ss.SSSZ} and a real instant
 * (no 30 February). Shared by the verifier's byte scanner and the export's parser, so both refuse the same lines.
 */
final class RecordTypes {
    private static final byte[][] NAME_BYTES = new byte[AuditEventType.values().length][];

    static {
        for (AuditEventType type : AuditEventType.values()) {
            NAME_BYTES[type.ordinal()] = type.name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private RecordTypes() {
    }

    /**
     * Whether {@code b[from, to)}, a string's raw bytes, is the name of a record type. Compared in place: it runs for
     * every record verified or exported, and a string per record is what filled the export's young generation
     * (issue 17).
     */
    static boolean isKnown(byte[] b, int from, int to) {
        for (byte[] name : NAME_BYTES) {
            if (name.length == to - from && java.util.Arrays.equals(name, 0, name.length, b, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code b[from, to)}, a string's raw bytes, is {@code JOURNAL_CREATED}. */
    static boolean isJournalCreated(byte[] b, int from, int to) {
        // compared in place: the verifier asks this of every record, on every core (issue 17)
        String name = AuditEventType.JOURNAL_CREATED.name();
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (b[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code b[from, to)}, a string's raw bytes, is a record's time as the journal writes it: what
     * {@link RecordFormat#TIME} parses strictly (a month 01-12, a day that month has in that proleptic Gregorian year,
     * hours 00-23, minutes and seconds 00-59), checked by arithmetic rather than by the formatter, which allocated a
     * parse context per record (issue 17: export memory). {@code RecordTypesTest} compares the two.
     */
    static boolean isTime(byte[] b, int from, int to) {
        String pattern = "dddd-dd-ddTdd:dd:dd.dddZ";
        if (to - from != pattern.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            byte c = b[from + i];
            if (p == 'd' ? c < '0' || c > '9' : c != p) {
                return false;
            }
        }
        int year = number(b, from, 4);
        int month = number(b, from + 5, 2);
        int day = number(b, from + 8, 2);
        int days = month == 2 ? (java.time.Year.isLeap(year) ? 29 : 28) : month == 4 || month == 6 || month == 9
                || month == 11 ? 30 : 31;
        return month >= 1 && month <= 12 && day >= 1 && day <= days
                && number(b, from + 11, 2) <= 23 && number(b, from + 14, 2) <= 59 && number(b, from + 17, 2) <= 59;
    }

    private static int number(byte[] b, int at, int digits) {
        int v = 0;
        for (int i = 0; i < digits; i++) {
            v = v * 10 + b[at + i] - '0';
        }
        return v;
    }
}
