package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record as it stands in the journal: the event's fields plus its sequence number, time, previous hash and own
 * hash. Immutable.
 */
public final class JournalRecord {
    private final long seq;
    private final Instant time;
    private final AuditEventType type;
    private final String prev;
    private final String hash;
    private final Map<String, Object> fields;

    JournalRecord(long seq, Instant time, AuditEventType type, String prev, String hash, Map<String, Object> fields) {
        this.seq = seq;
        this.time = time;
        this.type = type;
        this.prev = prev;
        this.hash = hash;
        this.fields = fields;
    }

    /** Counts from 1 (the {@link AuditEventType#JOURNAL_CREATED} record) across all files. */
    public long seq() {
        return seq;
    }

    /** When the journal wrote the record (UTC, millisecond precision). */
    public Instant time() {
        return time;
    }

    public AuditEventType type() {
        return type;
    }

    /** The previous record's hash (64 zeros for the first record), lowercase hex. */
    public String prev() {
        return prev;
    }

    /** This record's hash, lowercase hex. */
    public String hash() {
        return hash;
    }

    /** The event's fields (unmodifiable), without {@code seq time type prev hash}. */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "deeply unmodifiable")
    public Map<String, Object> fields() {
        return fields;
    }

    /** A field as text: strings as they are, numbers and booleans in decimal/literal form; empty when absent. */
    public String text(String name) {
        Object value = fields.get(name);
        return value instanceof String || value instanceof Long || value instanceof Boolean ? value.toString() : "";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JournalRecord)) {
            return false;
        }
        JournalRecord r = (JournalRecord) o;
        return seq == r.seq && hash.equals(r.hash) && prev.equals(r.prev) && type == r.type && time.equals(r.time)
                && fields.equals(r.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, hash);
    }

    @Override
    public String toString() {
        return "#" + seq + " " + time + " " + type + " " + fields + " " + hash;
    }
}
