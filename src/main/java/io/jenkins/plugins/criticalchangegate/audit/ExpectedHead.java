package io.jenkins.plugins.criticalchangegate.audit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A head an auditor noted from an earlier verification, {@code SEQ:HASH} (as {@code audit verify} prints it): a later
 * verification with {@code --expect-head} fails unless the journal still holds record SEQ with hash HASH. This is the
 * check that catches records cut from the end of a keyed journal together with an older {@code head.json} put back
 * (docs/audit.md, "The head file"). Immutable.
 */
public final class ExpectedHead {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,18}):([0-9a-fA-F]{64})");

    private final long seq;
    private final String hash;

    private ExpectedHead(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }

    /**
     * Parses {@code SEQ:HASH}.
     *
     * @throws IllegalArgumentException naming the text when it is not a positive seq, a colon and 64 hex digits
     */
    public static ExpectedHead parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        long seq = -1;
        if (m.matches()) {
            try {
                seq = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                seq = -1;
            }
        }
        if (seq < 1) {
            throw new IllegalArgumentException("'" + text + "' is not SEQ:HASH (a positive seq, a colon and the"
                    + " record's 64 hex digit hash, as 'audit verify' prints it after 'head:')");
        }
        // hex digits: the same hash whatever their case; the journal writes them in lowercase
        return new ExpectedHead(seq, m.group(2).toLowerCase(Locale.ROOT));
    }

    public long seq() {
        return seq;
    }

    /** 64 lowercase hex digits. */
    public String hash() {
        return hash;
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
