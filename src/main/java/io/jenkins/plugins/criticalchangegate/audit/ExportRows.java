package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;

/**
 * A worker of the parallel export ({@link ParallelExport}): turns the lines of a batch that it can read in place
 * ({@link RecordView}: canonical records) into the export's bytes, in the batch's own output, exactly as the one-thread
 * export writes them; it stops at the first line it cannot (not canonical, not a record, an approver that is an array,
 * a line as long as a record can be, a seq at or past the last one asked for) and leaves the rest of the batch to the
 * in-order stage, which handles it one line at a time as the one-thread export does. JSON records are each written as
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
                if (i - start >= AuditJournal.MAX_RECORD_BYTES || !row(batch, b, start, i - start)) {
                    break;
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

    /** Writes the line's row if it matches; false, having written nothing, when the line is not one to take here. */
    private boolean row(ExportBatch batch, byte[] b, int offset, int length) throws IOException {
        if (!view.read(b, offset, length) || view.seq() >= query.through()) {
            return false;
        }
        if (gates != null && !gates.contains(view) || !query.matches(view, scratch)) {
            return true;
        }
        if (json) {
            batch.out.write((byte) ',');
            batch.out.write((byte) '\n');
            batch.out.write(b, offset, length);
            return true;
        }
        return batch.rows.write(view);
    }
}
