package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The export on every core (issue 17: export at least half as fast as the parallel verifier): the verifier's layout
 * ({@link ParallelVerifier}) with the export's own batches. One reader fills large buffers with whole lines
 * ({@link BatchReader}), worker threads each take a buffer and turn its lines into the export's bytes (or, in
 * {@code --outcome}'s first pass, find the lines that end a gate), and the calling thread takes the buffers in the
 * order they were read ({@link Stage}): it writes their bytes and deals with whatever the workers left, so the output
 * is the one-thread export's. Memory is flat: a fixed pool of buffers, reused. A failure of the stage (a bad line, a
 * closed output) stops everything at once: this never returns before its threads have ended.
 */
final class ParallelExport {
    /**
     * As large as the largest record, so a buffer holds at least one whole line or proves a line too long (the reader
     * grows one that must hold a longer start of a line). Not the verifier's 4 MiB: every byte of a buffer and of its
     * output is touched, and on a loaded machine a fresh page costs; a quarter of them gives the same speed.
     */
    static final int BUFFER = AuditJournal.MAX_RECORD_BYTES;

    /** What a worker thread does with one batch: each thread has its own. */
    interface Worker {
        void take(ExportBatch batch);
    }

    /** The in-order stage: takes each batch in the order read, once its worker is done with it. */
    interface Stage {
        /** @return whether to go on; false stops the reading (the stage then finishes the export its own way) */
        boolean take(ExportBatch batch) throws IOException;
    }

    private ParallelExport() {
    }

    /**
     * The batches of one export, for both of {@code --outcome}'s passes: two per worker (one being worked on, one
     * waiting), at least three, and no more than a sixteenth of the heap each with its output (with {@code -Xmx64m},
     * three). Allocated once: without {@code -Xmx} every byte allocated is resident (the heap is not collected).
     */
    static List<ExportBatch> batches(int workers, int bufferSize) {
        // a batch is its buffer and an output a quarter larger (ExportBatch): 2.25 buffers
        long heapShare = Runtime.getRuntime().maxMemory() / 16 / (9L * bufferSize / 4);
        List<ExportBatch> batches = new ArrayList<>();
        for (long i = Math.max(3, Math.min(2L * workers, heapShare)); i > 0; i--) {
            batches.add(new ExportBatch(bufferSize));
        }
        return batches;
    }

    /**
     * Reads {@code files} (at least one) through {@code workers} threads, each with a worker from {@code newWorker},
     * with {@code batches} (none in use).
     */
    static void run(List<JournalFiles.Entry> files, int workers, List<ExportBatch> batches, Supplier<Worker> newWorker,
            Stage stage) throws IOException {
        BlockingQueue<ExportBatch> free = new LinkedBlockingQueue<>(batches);
        BlockingQueue<ExportBatch> toWork = new LinkedBlockingQueue<>();
        BlockingQueue<ExportBatch> inOrder = new LinkedBlockingQueue<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(new BatchReader<>(files, free, toWork, inOrder),
                WorkerThreads.name("audit export: reader")));
        for (int i = 1; i <= workers; i++) {
            Worker worker = newWorker.get();
            threads.add(new Thread(() -> work(worker, toWork), WorkerThreads.name("audit export: worker " + i)));
        }
        JournalFiles.Entry last = files.get(files.size() - 1);
        try {
            WorkerThreads.startAll(threads);
            while (true) {
                ExportBatch batch = inOrder.take();
                batch.awaitDone();
                boolean end = batch.failure != null || batch.tooLongNext || batch.endOfFile && batch.file == last;
                if (!stage.take(batch) || end) {
                    return;
                }
                free.put(batch);
            }
        } catch (InterruptedException e) {
            throw WorkerThreads.interrupted("journal export", e);
        } finally {
            WorkerThreads.stopAll(threads);
        }
    }

    private static void work(Worker worker, BlockingQueue<ExportBatch> toWork) {
        try {
            while (true) {
                toWork.take().work(worker);
            }
        } catch (InterruptedException e) {
            // the export is over
            Thread.currentThread().interrupt();
        }
    }
}
