package io.jenkins.plugins.criticalchangegate.audit;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a batch of events as the next records of the chain: numbers, timestamps and hashes each, hands them to the
 * {@link RotatingFile}, makes the batch durable with one flush and then moves the head file ({@link HeadFile}).
 *
 * <p>Owned by the writer thread once it runs (by the thread that opens the journal before that); other threads read
 * only the published last record and the counters.
 */
final class BatchWriter implements Closeable {
    private final Clock clock;
    private final ChainHash chain;
    private final HeadFile head;
    private final RotatingFile file;
    private final AtomicLong batches = new AtomicLong();
    private long lastSeq;
    private String lastHash;
    /** The last durable record, seq and hash published together, so a reader never pairs one batch's with another's. */
    private volatile Last published;

    /** The seq and hash of the last durable record. */
    static final class Last {
        final long seq;
        final String hash;

        Last(long seq, String hash) {
            this.seq = seq;
            this.hash = hash;
        }
    }

    /**
     * @param lastSeq the sequence number of the journal's last record, 0 for none
     * @param lastHash its hash, or {@link RecordFormat#GENESIS_PREV} for none
     */
    BatchWriter(Clock clock, ChainHash chain, HeadFile head, RotatingFile file, long lastSeq, String lastHash) {
        this.clock = clock;
        this.chain = chain;
        this.head = head;
        this.file = file;
        this.lastSeq = lastSeq;
        this.lastHash = lastHash;
        this.published = new Last(lastSeq, lastHash);
    }

    /** Writes events in order, rotating files as needed, and makes them durable; then moves the head. */
    List<JournalRecord> write(List<AuditEvent> events) throws IOException {
        List<JournalRecord> written = new ArrayList<>(events.size());
        file.discardUnflushed();
        for (AuditEvent event : events) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long seq = lastSeq + 1;
            RecordFormat.Encoded encoded = RecordFormat.encode(seq, now, event.type(), lastHash, event.fields(),
                    chain);
            file.add(encoded.line, now);
            written.add(new JournalRecord(seq, now, event.type(), lastHash, encoded.hash, event.fields()));
            lastSeq = seq;
            lastHash = encoded.hash;
        }
        file.flush();
        // published once durable and before the head moves: a live verification reads head.json first and then this,
        // so the head it checks is never past the last record it reads (AuditJournal.verify)
        published = new Last(lastSeq, lastHash);
        head.write(lastSeq, lastHash, chain);
        batches.incrementAndGet();
        return Collections.unmodifiableList(written);
    }

    /** The sequence number of the last durable record. */
    long lastSeq() {
        return published.seq;
    }

    /** The last durable record's seq and hash, as one pair. */
    Last last() {
        return published;
    }

    /** The hash of the last durable record, hex. */
    String lastHash() {
        return published.hash;
    }

    long syncs() {
        return file.syncs();
    }

    /** How many batches have been committed. */
    long batches() {
        return batches.get();
    }

    /** Forces the head file to disk and closes the files. */
    @Override
    public void close() throws IOException {
        head.force();
        head.close();
        file.close();
    }
}
