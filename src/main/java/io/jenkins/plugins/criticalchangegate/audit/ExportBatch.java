package io.jenkins.plugins.criticalchangegate.audit;

import java.util.Arrays;

/**
 * One buffer of a journal file on its way through the parallel export ({@link ParallelExport}): the reader
 * ({@link BatchReader}) fills it with whole lines of one file, a worker turns the lines it can read in place into
 * the export's bytes in the batch's own output ({@link #out}), and the in-order stage writes that output and deals
 * with whatever lines the worker left (from {@link #doneAt} on). The export's own variant of the verifier's
 * {@link LineBatch}: the same life cycle, other results. Batches are reused from a fixed pool, so memory stays flat.
 */
final class ExportBatch extends FileBatch {
    /** What the worker wrote for the lines it took (JSON: each record preceded by {@code ",\n"}). */
    final ExportOutput out;
    /** The rows of a CSV export, written to {@link #out}. */
    final CsvRows rows;
    /** In {@code --outcome}'s first pass, the keys of the gates the batch's lines end with the outcome. */
    final GateKeyList gateKeys = new GateKeyList();
    /** The lines the worker went through, from the batch's start (those it left among them included). */
    int doneLines;
    /** Where the line after them starts ({@link #length} when it went through all). */
    int doneAt;
    /**
     * The lines the worker left among those it went through, for the in-order stage: their number in the batch (from
     * 0), where they start and end, and how much output the worker had written before them.
     */
    int left;
    int[] leftNumber = new int[16];
    int[] leftStart = new int[16];
    int[] leftEnd = new int[16];
    int[] leftOutput = new int[16];

    ExportBatch(int size) {
        super(size, "an export thread");
        out = new ExportOutput(size + size / 4); // a CSV row is shorter than its line, a JSON record 2 bytes longer
        rows = new CsvRows(out);
    }

    @Override
    void reset(JournalFiles.Entry entry) {
        clearRead(entry);
        out.clear();
        gateKeys.clear();
        doneLines = 0;
        doneAt = 0;
        left = 0;
    }

    /** Notes a line the worker leaves to the in-order stage, after the output written so far. */
    void leave(int number, int start, int end) {
        if (left == leftNumber.length) {
            int n = 2 * left;
            leftNumber = Arrays.copyOf(leftNumber, n);
            leftStart = Arrays.copyOf(leftStart, n);
            leftEnd = Arrays.copyOf(leftEnd, n);
            leftOutput = Arrays.copyOf(leftOutput, n);
        }
        leftNumber[left] = number;
        leftStart[left] = start;
        leftEnd[left] = end;
        leftOutput[left] = out.size();
        left++;
    }

    /**
     * A worker's run over the batch; marks it done even when it fails, even with an Error, so the in-order stage never
     * waits forever, and never takes the output of a run that did not finish (it would write rows twice).
     */
    void work(ParallelExport.Worker worker) {
        boolean finished = false;
        try {
            worker.take(this);
            finished = true;
        } catch (RuntimeException e) {
            crashed(e);
        } finally {
            done(finished);
        }
    }
}
