package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code audit export}: the records a {@link JournalQuery} matches, as CSV or as a JSON array (docs/audit.md,
 * "Exporting").
 *
 * <p>Fast and small (issue 17: at least half of verification's throughput, under 256 MiB resident on a 1 GiB journal
 * without {@code -Xmx}): a line the journal wrote, which is canonical, is read in place ({@link RecordView}) and its
 * row written from its bytes through one reused buffer, so a record allocates nothing and the JVM's young generation
 * is hardly touched. Any other line goes through {@link RecordFormat#parse}, as every line did before, so it is
 * exported, or refused with the same message, exactly as then; {@code ExportDifferentialTest} compares the two
 * with the old implementation.
 */
final class JournalExport {
    /** The system property that forces the number of export threads (default: the available processors). */
    static final String THREADS_PROPERTY = "io.jenkins.plugins.criticalchangegate.audit.JournalExport.threads";

    /** The two formats. */
    enum Format { CSV, JSON }

    private JournalExport() {
    }

    static void write(JournalQuery query, Path dir, Format format, OutputStream stream) throws IOException {
        long firstFile = -1;
        long bytes = 0;
        int count = 0;
        try {
            List<JournalFiles.Entry> files = JournalFiles.list(dir);
            count = files.size();
            for (JournalFiles.Entry file : files) {
                long size = java.nio.file.Files.size(file.path);
                firstFile = firstFile < 0 ? size : firstFile;
                bytes += size;
                if (bytes >= ParallelExport.BUFFER) {
                    break;
                }
            }
        } catch (IOException e) {
            bytes = ParallelExport.BUFFER; // the export itself reads the directory again and says what is wrong
        }
        // files rotated small (a test's journal): a hand-over between threads per file costs more than it gains;
        // a journal that fits in one buffer is one batch: other threads would only be started and stopped
        boolean oneThread = bytes < ParallelExport.BUFFER || count > 1 && firstFile >= 0 && firstFile < SMALL_FILES;
        // a small journal's buffers sized to it (64 KiB steps): they are allocated at once
        int buffer = bytes >= ParallelExport.BUFFER ? ParallelExport.BUFFER : (int) (bytes / 65_536 + 1) * 65_536;
        write(query, dir, format, stream, oneThread ? 1 : threads(), buffer);
    }

    /** Below this size of a journal's first file, the export reads on one thread. */
    private static final long SMALL_FILES = 256 * 1024;

    /**
     * The most worker threads an export starts unless the property says otherwise: past four the writing of the
     * output in order is the limit, and on a Jenkins controller with many cores a download must not start a thread
     * (and a 2.25 MiB batch pair) per core.
     */
    static final int MAX_DEFAULT_THREADS = 4;

    /** The worker threads: the property's value, else one per processor, at most {@link #MAX_DEFAULT_THREADS}. */
    static int threads() {
        return WorkerThreads.count(THREADS_PROPERTY,
                Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The export with {@code threads} worker threads (1: the calling thread alone, line by line) and buffers of
     * {@code bufferSize} bytes (smaller ones in tests); every count and size gives the same bytes.
     *
     * @return how many lines the worker threads took (for tests: that the parallel path did the work)
     */
    static long write(JournalQuery query, Path dir, Format format, OutputStream stream, int threads, int bufferSize)
            throws IOException {
        ExportOutput out = new ExportOutput(stream);
        try {
            if (format == Format.CSV) {
                new CsvRows(out).header();
            } else {
                out.write((byte) '[');
            }
            List<JournalFiles.Entry> files = files(dir);
            GateOutcomes gates = query.gateOutcomes();
            boolean lenientFirstPass = gates != null && query.through() == Long.MAX_VALUE;
            List<ExportBatch> batches = threads > 1 || lenientFirstPass
                    ? ParallelExport.batches(Math.max(1, threads), bufferSize) : List.of();
            if (gates != null) {
                noteGates(query, files, gates, threads, batches);
            }
            InOrderRows rows = new InOrderRows(query, format == Format.JSON, gates, out);
            if (threads <= 1) {
                readThrough(files, rows);
            } else {
                rows.readInParallel(files, threads, batches);
            }
            if (format == Format.JSON) {
                out.write((byte) '\n');
                out.write((byte) ']');
                out.write((byte) '\n');
            }
            out.flush();
            return rows.takenByWorkers();
        } catch (IOException e) {
            try {
                out.flush(); // what was exported before the bad line, as the export always gave it
            } catch (IOException also) {
                e.addSuppressed(also); // the bad line is what the user must hear about
            }
            throw e;
        }
    }

    /**
     * {@code --outcome}'s first pass: the gates that ended with the outcome (it is in a gate's last record). Only the
     * lines that can end a gate are read ({@link GateEndScan}); every check is left to the second pass, which stops at
     * the first line that is not a record after writing the records before it, as every export does. A live read
     * ({@link JournalQuery.Builder#through}) must not see gates that end after its last record, so it reads every line
     * up to that record, as before, and stops at the first that is not one.
     */
    private static void noteGates(JournalQuery query, List<JournalFiles.Entry> files, GateOutcomes gates, int threads,
            List<ExportBatch> batches) throws IOException {
        if (query.through() == Long.MAX_VALUE) {
            // the workers collect the keys, the calling thread adds them, in order
            ParallelExport.run(files, Math.max(1, threads), batches, () -> new GateEndScan(gates), batch -> {
                gates.add(batch.gateKeys);
                return true;
            });
            return;
        }
        RecordView view = new RecordView();
        readThrough(files, new StrictLines(query.through()) {
            @Override
            void record(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length)
                    throws IOException {
                // most lines are only checked here: the members are located only in the lines that end a gate
                if (!view.scan(bytes, offset, length)) {
                    JournalRecord record = parse(file, number, bytes, offset, length);
                    pass(record.seq());
                    gates.note(record);
                    return;
                }
                pass(view.seq());
                if (GateOutcomes.ends(view)) {
                    if (view.index()) {
                        gates.note(view);
                    } else {
                        gates.note(parse(file, number, bytes, offset, length));
                    }
                }
            }
        });
    }

    static List<JournalFiles.Entry> files(Path dir) throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        if (files.isEmpty()) {
            throw new IOException("no journal-NNNNNN.jsonl files in " + dir);
        }
        return files;
    }

    /**
     * A line as a record: strict UTF-8, then {@link RecordFormat#parse}.
     *
     * @throws IOException naming file and line when it is not one
     */
    static JournalRecord parse(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length)
            throws IOException {
        String text;
        try {
            text = JournalLines.utf8(bytes, offset, length);
        } catch (CharacterCodingException e) {
            throw new IOException(file.name() + " line " + number + ": not a journal record (not valid"
                    + " UTF-8); run 'audit verify'");
        }
        try {
            return RecordFormat.parse(text);
        } catch (RecordFormat.MalformedRecordException e) {
            throw new IOException(file.name() + " line " + number + ": not a journal record ("
                    + e.getMessage() + "); run 'audit verify'");
        }
    }

    /** Reads every line to {@code lines}, ending quietly after the last record a live read asked for. */
    static void readThrough(List<JournalFiles.Entry> files, StrictLines lines) throws IOException {
        try {
            JournalLines.read(files, lines);
        } catch (ThroughReached e) {
            // the last record asked for was read: the rest is newer than the query
        }
    }

    /** Thrown past the record a live read ends at: the one way out of {@link JournalLines#read}. */
    static final class ThroughReached extends IOException {
        private static final long serialVersionUID = 1L;

        ThroughReached() {
            super("reached the last record asked for", null);
        }
    }

    /**
     * Lines that must all be records: a line too long or torn stops the reading, naming file and line. For a live
     * journal ({@link JournalQuery.Builder#through}) the reading ends after the record with that seq, so what is
     * appended meanwhile (a line still being written, a file begun by rotation) is neither read nor taken for damage;
     * {@link #record} calls {@link #pass} with each record's seq before it uses the record.
     */
    abstract static class StrictLines implements JournalLines.Handler {
        private final long through;
        private boolean reached;

        StrictLines(long through) {
            this.through = through;
            this.reached = through == 0;
        }

        abstract void record(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length)
                throws IOException;

        /** Whether the last record asked for was read: any line after it ends the reading. */
        final boolean reached() {
            return reached;
        }

        /** Before a record is used: ends the reading when it is newer than the last record asked for. */
        final void pass(long seq) throws ThroughReached {
            if (seq > through) {
                throw new ThroughReached();
            }
            reached = seq == through;
        }

        @Override
        public final void line(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length)
                throws IOException {
            if (reached) {
                throw new ThroughReached();
            }
            record(file, number, bytes, offset, length);
        }

        @Override
        public final void overlong(JournalFiles.Entry file, long number) throws IOException {
            if (reached) {
                throw new ThroughReached();
            }
            throw new IOException(file.name() + " line " + number + ": longer than any record can be; run"
                    + " 'audit verify'");
        }

        @Override
        public final void torn(JournalFiles.Entry file, long number) throws IOException {
            if (reached) {
                throw new ThroughReached(); // a record being appended after the last one asked for
            }
            throw new IOException(file.name() + " line " + number + ": a torn line without a final line feed"
                    + " (opening the journal moves it to quarantine); run 'audit verify'");
        }
    }
}
