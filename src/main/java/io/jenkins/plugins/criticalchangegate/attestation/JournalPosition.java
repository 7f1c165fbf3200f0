package io.jenkins.plugins.criticalchangegate.attestation;

import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a gate's decision stands in the audit journal: the record's {@code seq} and chain {@code hash}. The predicate
 * carries it so that an auditor can find the decision in the journal and check, with {@code audit verify}, that the
 * journal and the attestation tell the same story.
 */
public final class JournalPosition {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final long seq;
    private final String hash;

    private JournalPosition(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }

    /**
     * @param seq the record's sequence number, positive
     * @param hash the record's hash, 64 hex digits
     * @throws IllegalArgumentException for anything else
     */
    public static JournalPosition of(long seq, String hash) {
        String hex = hash.toLowerCase(Locale.ROOT);
        if (seq < 1 || !HASH.matcher(hex).matches()) {
            throw new IllegalArgumentException("a journal position needs a positive seq and a 64-hex-digit hash, got "
                    + seq + " and '" + hash + "'");
        }
        return new JournalPosition(seq, hex);
    }

    /** The position of a record the journal wrote (its DECIDED record, for an attestation). */
    public static JournalPosition of(JournalRecord record) {
        return of(record.seq(), record.hash());
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalPosition && seq == ((JournalPosition) o).seq && hash.equals(((JournalPosition) o).hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, hash);
    }

    @Override
    public String toString() {
        return "seq " + seq + " (" + hash + ")";
    }
}
