package io.jenkins.plugins.criticalchangegate.audit;

import java.util.Arrays;

/**
 * Checks record times as {@link RecordTypes#isTime} does, for a reader that sees many records in a row: the calendar
 * date ({@code uuuu-MM-dd}) is checked by {@link RecordFormat#TIME} only when it differs from the last valid one, and
 * the time of day by hand. Parsing every record's time took a large share of verification (issue 17), and records of
 * one day share their date. Not thread-safe: one per scanner.
 */
final class RecordTimes {
    private static final int DATE_LENGTH = "uuuu-MM-dd".length();
    private static final int TIME_LENGTH = "dddd-dd-ddTdd:dd:dd.dddZ".length();

    private final byte[] lastValidDate = new byte[DATE_LENGTH];
    private boolean anyValid;

    /** Whether {@code b[from, to)}, a string's raw bytes, is a record's time as the journal writes it. */
    boolean isTime(byte[] b, int from, int to) {
        if (to - from != TIME_LENGTH) {
            return false;
        }
        if (anyValid && Arrays.equals(b, from, from + DATE_LENGTH, lastValidDate, 0, DATE_LENGTH)) {
            // same day: the pattern and the time of day remain (the formatter's STRICT ranges: 00-23, 00-59, 00-59)
            return sameDayTime(b, from);
        }
        if (!RecordTypes.isTime(b, from, to)) {
            return false;
        }
        System.arraycopy(b, from, lastValidDate, 0, DATE_LENGTH);
        anyValid = true;
        return true;
    }

    private static boolean sameDayTime(byte[] b, int from) {
        String pattern = "Tdd:dd:dd.dddZ";
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            byte c = b[from + DATE_LENGTH + i];
            if (p == 'd' ? c < '0' || c > '9' : c != p) {
                return false;
            }
        }
        return twoDigits(b, from + 11) <= 23 && twoDigits(b, from + 14) <= 59 && twoDigits(b, from + 17) <= 59;
    }

    private static int twoDigits(byte[] b, int at) {
        return (b[at] - '0') * 10 + b[at + 1] - '0';
    }
}
