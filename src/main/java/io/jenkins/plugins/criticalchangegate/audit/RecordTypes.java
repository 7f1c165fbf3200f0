package io.jenkins.plugins.criticalchangegate.audit;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The checks on {@code type} and {@code time} every record must pass (docs/audit.md, "What a verifier checks"): the
 * type is one of {@link AuditEventType}'s names, the time is {@code uuuu-MM-ddTHH:mm:ss.SSSZ} and a real instant
 * (no 30 February). Shared by the verifier's byte scanner and the export's parser, so both refuse the same lines.
 */
final class RecordTypes {
    /** The names as bytes: compared in place, so that checking a record's type makes no garbage (issue 17). */
    private static final byte[][] NAMES = new byte[AuditEventType.values().length][];

    static {
        AuditEventType[] types = AuditEventType.values();
        for (int i = 0; i < types.length; i++) {
            NAMES[i] = types[i].name().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private RecordTypes() {
    }

    /** Whether {@code b[from, to)}, a string's raw bytes, is the name of a record type. */
    static boolean isKnown(byte[] b, int from, int to) {
        for (byte[] name : NAMES) {
            if (name.length == to - from && Arrays.equals(name, 0, name.length, b, from, to)) {
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

    /** Whether {@code b[from, to)}, a string's raw bytes, is a record's time as the journal writes it. */
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
        try {
            RecordFormat.TIME.parse(new String(b, from, to - from, StandardCharsets.US_ASCII));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
