package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Arrays;

/**
 * One buffer of a journal file on its way through the parallel verifier: the reader fills it with whole lines of one
 * file (what follows the last line feed goes on to the next batch), a hashing thread learns the {@link RecordFacts} of
 * each line into flat arrays, and the in-order stage reads them back. Batches are reused (a fixed pool, so memory stays
 * flat whatever the journal's size); the arrays grow to the most lines a buffer has held and stay so.
 *
 * <p>Hand-offs between the three stages go through blocking queues and {@link #done}/{@link #awaitDone},
 * which order every write of one stage before the reads of the next.
 */
final class LineBatch extends FileBatch {
    private static final byte OK = 0;
    private static final byte NOT_CANONICAL = 1;
    private static final byte HASH_MISMATCH = 2;
    private static final byte TOO_LONG = 3;

    /** The lines learnt: a hashing thread stops after the first line that stops verification. */
    private int lines;
    private int[] ends = new int[1024];
    private byte[] status = new byte[1024];
    private long[] seq = new long[1024];
    private int[] prevAt = new int[1024];
    private int[] timeAt = new int[1024];
    private boolean[] journalCreated = new boolean[1024];
    private String error = "";
    private int errorAt;
    /** Whether the last line learnt stops verification and lines after it were left unread. */
    private boolean stoppedEarly;

    LineBatch(int size) {
        super(size, "a hashing thread");
    }

    /** Makes the batch empty for the reader to fill again. */
    @Override
    void reset(JournalFiles.Entry entry) {
        clearRead(entry);
        lines = 0;
        stoppedEarly = false;
    }

    /** Splits {@code buffer[0, length)} at line feeds and learns each line, up to the first that stops verification. */
    void learn(CanonicalScanner scanner, ChainHash chain, RecordFacts facts) {
        boolean finished = false;
        try {
            learnLines(scanner, chain, facts);
            finished = true;
        } catch (RuntimeException e) {
            crashed(e);
        } finally {
            done(finished);
        }
    }

    /**
     * One pass over the bytes: the scanner finds each line's end as it checks the line ({@link
     * CanonicalScanner#scanLine}), rather than a loop looking for line feeds first (issue 17: that second pass over
     * every byte was a fifth of the hashing threads' time). A line it refuses is found and scanned again the plain way,
     * so its facts and message are those {@link CanonicalScanner#scan} gives.
     */
    private void learnLines(CanonicalScanner scanner, ChainHash chain, RecordFacts facts) {
        int start = 0;
        while (start < length) {
            int end = scanner.scanLine(buffer, start, length);
            boolean scanned = end >= 0;
            if (!scanned) {
                end = lineFeed(start);
            }
            if (!learnLine(scanner, chain, facts, start, end, scanned)) {
                stoppedEarly = end + 1 < length;
                return;
            }
            start = end + 1;
        }
    }

    /**
     * Learns one line, {@code buffer[start, end)}; false when it stops verification.
     *
     * @param scanned whether {@link CanonicalScanner#scanLine} accepted it (else it is scanned again, the plain way)
     */
    private boolean learnLine(CanonicalScanner scanner, ChainHash chain, RecordFacts facts, int start, int end,
            boolean scanned) {
        if (end - start >= AuditJournal.MAX_RECORD_BYTES) {
            store(end, TOO_LONG, null);
            return false;
        }
        if (scanned) {
            facts.learnScanned(scanner, chain, buffer, start, end, true);
        } else {
            facts.learn(scanner, chain, buffer, start, end);
        }
        store(end, facts.canonical ? facts.hashMatches ? OK : HASH_MISMATCH : NOT_CANONICAL, facts);
        return !facts.stopsVerification();
    }

    /** The line feed that ends the line at {@code start}: a batch holds whole lines only. */
    private int lineFeed(int start) {
        for (int i = start; i < length; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("a batch of " + file + " ends without a line feed");
    }

    private void store(int end, byte kind, @CheckForNull RecordFacts facts) {
        if (lines == ends.length) {
            int n = lines * 2;
            ends = Arrays.copyOf(ends, n);
            status = Arrays.copyOf(status, n);
            seq = Arrays.copyOf(seq, n);
            prevAt = Arrays.copyOf(prevAt, n);
            timeAt = Arrays.copyOf(timeAt, n);
            journalCreated = Arrays.copyOf(journalCreated, n);
        }
        ends[lines] = end;
        status[lines] = kind;
        if (facts != null) {
            seq[lines] = facts.seq;
            prevAt[lines] = facts.prevAt;
            timeAt[lines] = facts.timeAt;
            journalCreated[lines] = facts.journalCreated;
            if (kind == NOT_CANONICAL) {
                error = facts.error;
                errorAt = facts.errorAt;
            }
        }
        lines++;
    }

    /** The lines learnt; the in-order stage stops at the last one if it stops verification. */
    int lines() {
        return lines;
    }

    /** Whether lines follow the last one learnt, which stops verification. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** Where line {@code i} (from 0) starts in {@link #buffer}. */
    int start(int i) {
        return i == 0 ? 0 : ends[i - 1] + 1;
    }

    /** Where line {@code i} ends, at its line feed. */
    int end(int i) {
        return ends[i];
    }

    /** Puts the facts of line {@code i} into the cursor {@code facts}. */
    void load(int i, RecordFacts facts) {
        byte kind = status[i];
        facts.canonical = kind == OK || kind == HASH_MISMATCH;
        facts.hashMatches = kind == OK;
        facts.seq = seq[i];
        facts.prevAt = prevAt[i];
        facts.timeAt = timeAt[i];
        facts.journalCreated = journalCreated[i];
        facts.error = error;
        facts.errorAt = errorAt;
    }
}
