package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;

/**
 * A worker of the parallel export ({@link ParallelExport}): turns the lines of a batch that it can read in place
 * ({@link RecordView}: canonical records) into the export's bytes, in the batch's own output, exactly as the one-thread
 * export writes them; it leaves each line it cannot (not canonical, not a record, an approver that is an array) to the
 * in-order stage, which handles it as the one-thread export does between the rows before and after it, and stops at a
 * line as long as a record can be or at the last record a live read asked for, leaving the rest of the batch. JSON records are each written as
 * {@code ",\n"} and the line, since only the in-order stage knows which record is the first. One per thread.
 */
final class ExportRows implements ParallelExport.Worker {
    private final JournalQuery query;
    private final boolean json;
    @CheckForNull
    private final GateOutcomes.Lookup gates;
    private final RecordView view = new RecordView();
    private final ByteText scratch = new ByteText();

    ExportRows(JournalQuery query, boolean json, @CheckForNull GateOutcomes gates) {
        this.query = query;
        this.json = json;
        this.gates = gates == null ? null : gates.lookup();
    }

    @Override
    public void take(ExportBatch batch) {
        byte[] b = batch.buffer;
        int length = batch.length;
        int start = 0;
        int lines = 0;
        try {
            for (int i = LineFeeds.next(b, 0, length); i >= 0; i = LineFeeds.next(b, i + 1, length)) {
                if (i - start >= AuditJournal.MAX_RECORD_BYTES) {
                    break; // the in-order stage reads on the one-thread way, which says whether it is too long
                }
                int taken = row(batch, b, start, i - start);
                if (taken == STOP) {
                    break;
                }
                if (taken == LEAVE) {
                    batch.leave(lines, start, i);
                }
                lines++;
                start = i + 1;
            }
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory output cannot fail", e);
        }
        batch.doneLines = lines;
        batch.doneAt = start;
    }

    /** What {@link #row} did with a line: took it (written or not matching), left it, or stopped before it. */
    private static final int TAKEN = 0;
    private static final int LEAVE = 1;
    private static final int STOP = 2;

    /**
     * Writes the line's row if it matches; leaves a line that is not a canonical record, or whose row the parsed
     * record must write, to the in-order stage, having written nothing; stops at the last record a live read asked
     * for (what follows it is for the in-order stage to end at).
     */
    private int row(ExportBatch batch, byte[] b, int offset, int length) throws IOException {
        if (!view.read(b, offset, length)) {
            return LEAVE;
        }
        if (view.seq() >= query.through()) {
            return STOP;
        }
        if (gates != null && !gates.contains(view) || !query.matches(view, scratch)) {
            return TAKEN;
        }
        if (json) {
            batch.out.write((byte) ',');
            batch.out.write((byte) '\n');
            batch.out.write(b, offset, length);
            return TAKEN;
        }
        return batch.rows.write(view) ? TAKEN : LEAVE;
    }
}
