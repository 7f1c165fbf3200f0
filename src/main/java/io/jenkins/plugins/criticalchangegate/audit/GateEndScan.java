package io.jenkins.plugins.criticalchangegate.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code --outcome}'s first pass, a worker of the parallel export ({@link ParallelExport}): finds the lines that end a
 * gate and notes their gates ({@link GateOutcomes}), without checking the others (the second pass checks every line,
 * and stops at the first that is not a record, as every export does).
 *
 * <p>Why most lines need not even be split: a record of type {@code DECIDED} or {@code NOT_CRITICAL} holds those bytes,
 * or spells its type (or the member's name) with a <code>&#92;u</code> escape, the one JSON escape that can stand for a
 * letter. Both words hold an {@code I}, so the buffer is searched eight bytes at a time for {@code I} and
 * {@code \} ({@link LineFeeds}), and only a line holding one of the words or an escape is read: in place when
 * canonical, else parsed; a line that is not a record is passed over here and reported by the second pass. One per
 * thread: it leaves the keys of the gates it finds with their batch ({@link ExportBatch#gateKeys}), and the in-order
 * stage adds them.
 */
final class GateEndScan implements ParallelExport.Worker {
    private static final byte[] DECIDED = "DECIDED".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_CRITICAL = "NOT_CRITICAL".getBytes(StandardCharsets.US_ASCII);

    private final GateOutcomes gates;
    private final GateOutcomes.Lookup lookup;
    private final RecordView view = new RecordView();
    /** Where the lines found in a batch start and end. */
    private int[] starts = new int[1024];
    private int[] ends = new int[1024];

    GateEndScan(GateOutcomes gates) {
        this.gates = gates;
        this.lookup = gates.lookup();
    }

    @Override
    public void take(ExportBatch batch) {
        // two loops in two methods, not one: the JIT compiles each alone (one loop with the whole reading of a record
        // inlined took the compiler seconds, more than the pass itself)
        int found = find(batch.buffer, batch.length);
        for (int i = 0; i < found; i++) {
            collect(batch.buffer, starts[i], ends[i] - starts[i], batch.gateKeys);
        }
    }

    /** Finds the lines that can end a gate into {@link #starts} and {@link #ends}; returns how many. */
    private int find(byte[] b, int n) {
        int found = 0;
        int p = 0;
        while (p < n) {
            int hit = LineFeeds.next(b, p, n, (byte) 'I', (byte) '\\');
            if (hit < 0) {
                break;
            }
            if (!candidate(b, hit, n)) {
                p = hit + 1;
                continue;
            }
            int start = LineFeeds.previous(b, 0, hit) + 1;
            int end = LineFeeds.next(b, hit, n); // every line of a batch ends with one
            if (found == starts.length) {
                starts = Arrays.copyOf(starts, 2 * found);
                ends = Arrays.copyOf(ends, 2 * found);
            }
            starts[found] = start;
            ends[found] = end;
            found++;
            p = end + 1;
        }
        return found;
    }

    private static boolean candidate(byte[] b, int at, int n) {
        if (b[at] == '\\') {
            return at + 1 < n && b[at + 1] == 'u';
        }
        return at(b, at - 3, n, DECIDED) || at(b, at - 6, n, NOT_CRITICAL) || at(b, at - 8, n, NOT_CRITICAL);
    }

    private static boolean at(byte[] b, int from, int n, byte[] word) {
        if (from < 0 || from + word.length > n) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private void collect(byte[] b, int offset, int length, GateKeyList found) {
        if (length >= AuditJournal.MAX_RECORD_BYTES) {
            return; // not a record: the second pass says so
        }
        if (view.read(b, offset, length)) {
            gates.collect(view, lookup, found);
            return;
        }
        JournalRecord record;
        try {
            record = RecordFormat.parse(JournalLines.utf8(b, offset, length));
        } catch (java.nio.charset.CharacterCodingException | RecordFormat.MalformedRecordException e) {
            return; // not a record: the second pass says so
        }
        gates.collect(record, found);
    }

}
