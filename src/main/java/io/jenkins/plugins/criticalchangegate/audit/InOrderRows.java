package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.util.List;

/**
 * The export's second pass, in order: each line as the one-thread export takes it (read in place when canonical, else
 * parsed; a line that is not a record stops the export, naming file and line), and, in the parallel export, the
 * in-order stage ({@link ParallelExport.Stage}) that writes what the workers ({@link ExportRows}) made of each batch and
 * takes the lines they left through the same code. Where the reader stopped or could not go on (a line as long as a
 * record can be, a torn last line, a read error), the rest of the journal is read here the one-thread way
 * ({@link JournalLines}), from the first line not yet exported, so every message is the one-thread export's.
 */
final class InOrderRows extends JournalExport.StrictLines implements ParallelExport.Stage {
    private final JournalQuery query;
    private final boolean json;
    @CheckForNull
    private final GateOutcomes gates;
    private final ExportOutput out;
    private final CsvRows rows;
    private final RecordView view = new RecordView();
    private final ByteText scratch = new ByteText();
    private boolean first = true;
    /** The file of the last batch taken, and its lines taken so far. */
    @CheckForNull
    private JournalFiles.Entry file;
    private long linesInFile;
    /** Whether the rest must be read the one-thread way, from line {@link #linesInFile} + 1 of {@link #file}. */
    private boolean rest;
    /** Lines the workers took, for tests: that the parallel path did the work. */
    private long takenByWorkers;

    InOrderRows(JournalQuery query, boolean json, @CheckForNull GateOutcomes gates, ExportOutput out) {
        super(query.through());
        this.query = query;
        this.json = json;
        this.gates = gates;
        this.out = out;
        this.rows = new CsvRows(out);
    }

    @Override
    void record(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length) throws IOException {
        JournalRecord parsed = null;
        if (view.read(bytes, offset, length)) {
            pass(view.seq());
            if (gates != null && !gates.contains(view) || !query.matches(view, scratch)) {
                return;
            }
        } else {
            parsed = JournalExport.parse(file, number, bytes, offset, length);
            pass(parsed.seq());
            if (gates != null && !gates.contains(parsed) || !query.matches(parsed)) {
                return;
            }
        }
        if (json) {
            // the line exactly as it stands (valid UTF-8, checked), so its hash can still be checked
            out.write((byte) (first ? '\n' : ','));
            if (!first) {
                out.write((byte) '\n');
            }
            first = false;
            out.write(bytes, offset, length);
        } else if (parsed != null) {
            rows.write(parsed);
        } else if (!rows.write(view)) {
            rows.write(JournalExport.parse(file, number, bytes, offset, length));
        }
    }

    /** The second pass on {@code threads} workers; ends quietly after the last record a live read asked for. */
    void readInParallel(List<JournalFiles.Entry> files, int threads, List<ExportBatch> batches) throws IOException {
        try {
            ParallelExport.run(files, threads, batches, () -> new ExportRows(query, json, gates), this);
            JournalFiles.Entry stoppedIn = file;
            if (rest && stoppedIn != null) {
                long skip = linesInFile;
                JournalLines.read(files.subList(files.indexOf(stoppedIn), files.size()), new JournalLines.Handler() {
                    @Override
                    public void line(JournalFiles.Entry in, long number, byte[] bytes, int offset, int length)
                            throws IOException {
                        if (in != stoppedIn || number > skip) {
                            InOrderRows.this.line(in, number, bytes, offset, length);
                        }
                    }

                    @Override
                    public void overlong(JournalFiles.Entry in, long number) throws IOException {
                        InOrderRows.this.overlong(in, number);
                    }

                    @Override
                    public void torn(JournalFiles.Entry in, long number) throws IOException {
                        InOrderRows.this.torn(in, number);
                    }
                });
            }
        } catch (JournalExport.ThroughReached e) {
            // the last record asked for was read: the rest is newer than the query
        }
    }

    @Override
    public boolean take(ExportBatch batch) throws IOException {
        if (batch.file != file) {
            file = batch.file;
            linesInFile = 0;
        }
        JournalFiles.Entry in = file;
        if (batch.failure != null || in == null) {
            rest = true; // the one-thread reading meets the same failure, or reads on
            return false;
        }
        long base = linesInFile;
        int written = 0;
        for (int j = 0; j < batch.left; j++) {
            write(batch, written, batch.leftOutput[j]);
            written = batch.leftOutput[j];
            linesInFile = base + batch.leftNumber[j] + 1;
            line(in, linesInFile, batch.buffer, batch.leftStart[j], batch.leftEnd[j] - batch.leftStart[j]);
            if (reached()) {
                throw new JournalExport.ThroughReached(); // the workers went on past the last record asked for
            }
        }
        write(batch, written, batch.out.size());
        linesInFile = base + batch.doneLines;
        takenByWorkers += batch.doneLines - batch.left;
        byte[] b = batch.buffer;
        int start = batch.doneAt;
        for (int i = start; i < batch.length; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (i - start >= AuditJournal.MAX_RECORD_BYTES) {
                rest = true; // the one-thread reading says whether and how it is too long
                return false;
            }
            linesInFile++;
            line(in, linesInFile, b, start, i - start);
            start = i + 1;
        }
        if (batch.tooLongNext || batch.endOfFile && batch.tornBytes > 0) {
            rest = true;
            return false;
        }
        return true;
    }

    /** Writes the workers' output {@code [from, to)}: whole records, each after {@code ",\n"} in JSON. */
    private void write(ExportBatch batch, int from, int to) throws IOException {
        if (to == from) {
            return;
        }
        if (json && first) {
            out.write((byte) '\n');
            batch.out.writeTo(out, from + 2, to); // the first record: without the "," and line feed before the others
            first = false;
        } else {
            batch.out.writeTo(out, from, to);
        }
    }

    long takenByWorkers() {
        return takenByWorkers;
    }
}
