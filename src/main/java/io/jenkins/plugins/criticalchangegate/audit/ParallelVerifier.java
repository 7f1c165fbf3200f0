package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Verifies the records of a journal's files on every core (issue 17). Each record carries its predecessor's hash, so
 * hashing a record needs nothing from the others: one reader fills large buffers ({@link BatchReader}), hashing
 * threads split them at line feeds and learn each line's facts (canonical form, hash; {@link LineBatch#learn}), and
 * the calling thread checks the links in order ({@link ChainLinks}), exactly as {@link SequentialVerifier} does, so the
 * result is the same. Memory is flat: a fixed pool of buffers, reused. Stops at the first problem and on interrupt,
 * and never returns before its threads have ended.
 */
final class ParallelVerifier {
    /**
     * As large as the longest line a record can be, so a buffer always holds at least one whole line or proves a line
     * too long. No larger: on a virtual machine the first touch of fresh memory costs some 3 ms per MiB, and four 4 MiB
     * buffers made verification start 65 ms later (issue 17: start-up).
     */
    static final int BUFFER = AuditJournal.MAX_RECORD_BYTES;
    /** The least buffer, for the smallest journals. */
    static final int SMALL_BUFFER = 64 * 1024;

    private final ChainLinks links;
    @CheckForNull
    private final byte[] key;
    private final int hashers;
    private final int bufferSize;
    private final RecordFacts facts = new RecordFacts();

    /** @param bufferSize {@link #BUFFER}, or a smaller one in tests to cut lines at every place */
    ParallelVerifier(ChainLinks links, @CheckForNull byte[] key, int hashers, int bufferSize) {
        this.links = links;
        this.key = key == null ? null : key.clone();
        this.hashers = hashers;
        this.bufferSize = bufferSize;
    }

    /**
     * Two buffers per hashing thread (one being hashed, one waiting), at least three (so the reader can run ahead),
     * and no more than a quarter of the heap.
     */
    private static int buffers(int hashers, int size) {
        long heapShare = Runtime.getRuntime().maxMemory() / 4 / size;
        return (int) Math.max(3, Math.min(2L * hashers, heapShare));
    }

    /**
     * The buffer size for these files: {@link #bufferSize}, or less for a journal smaller than that (at least
     * {@link #SMALL_BUFFER}), since allocating and touching 16 MiB of buffers for a journal of a few records was a
     * tenth of its verification's time (issue 17: start-up). A journal that grows meanwhile only takes more batches,
     * and a line longer than a buffer grows it ({@link BatchReader}).
     */
    private int bufferSize(List<JournalFiles.Entry> files) {
        long total = 0;
        for (JournalFiles.Entry file : files) {
            try {
                total += Files.size(file.path);
            } catch (IOException e) {
                return bufferSize; // the reader meets it in order and says so
            }
            if (total >= bufferSize) {
                return bufferSize;
            }
        }
        return (int) Math.min(bufferSize, Math.max(SMALL_BUFFER, total + 1));
    }

    /** Steps 4 to 8 over the files (numbered 1, 2, 3... without gaps, at least one). */
    VerificationResult verify(List<JournalFiles.Entry> files, List<String> notes) throws IOException {
        BlockingQueue<LineBatch> free = new LinkedBlockingQueue<>();
        int size = bufferSize(files);
        free.add(new LineBatch(size));
        BlockingQueue<LineBatch> toHash = new LinkedBlockingQueue<>();
        BlockingQueue<LineBatch> inOrder = new LinkedBlockingQueue<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(new BatchReader<>(files, free, toHash, inOrder),
                WorkerThreads.name("audit verify: reader")));
        for (int i = 1; i <= hashers; i++) {
            threads.add(new Thread(new Hasher(toHash), WorkerThreads.name("audit verify: hashing " + i)));
        }
        try {
            WorkerThreads.startAll(threads);
            // the other buffers are made while the reader fills the first, not before it starts (fresh memory is
            // slow to touch, see BUFFER)
            for (int i = buffers(hashers, size) - 1; i > 0; i--) {
                free.add(new LineBatch(size));
            }
            return check(files, notes, free, inOrder);
        } catch (InterruptedException e) {
            throw WorkerThreads.interrupted("journal verification", e);
        } finally {
            WorkerThreads.stopAll(threads);
        }
    }

    /**
     * A hashing thread: its own scanner and chain function, the one the given key implies. A class rather than a
     * lambda: no lambda is spun up at run time on the path of {@code audit verify} (issue 17: start-up).
     */
    private final class Hasher implements Runnable {
        private final BlockingQueue<LineBatch> toHash;

        Hasher(BlockingQueue<LineBatch> toHash) {
            this.toHash = toHash;
        }

        @Override
        public void run() {
            CanonicalScanner scanner = new CanonicalScanner();
            ChainHash chain = ChainHash.forKey(key);
            RecordFacts learnt = new RecordFacts();
            try {
                while (true) {
                    toHash.take().learn(scanner, chain, learnt);
                }
            } catch (InterruptedException e) {
                // verification is over
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The in-order stage, in the calling thread: takes the batches as the reader read them. */
    private VerificationResult check(List<JournalFiles.Entry> files, List<String> notes, BlockingQueue<LineBatch> free,
            BlockingQueue<LineBatch> inOrder) throws IOException, InterruptedException {
        JournalFiles.Entry last = files.get(files.size() - 1);
        long linesInFile = 0;
        while (true) {
            LineBatch batch = inOrder.take();
            Throwable failure = batch.failure;
            if (failure instanceof IOException) {
                throw (IOException) failure;
            } else if (failure != null) {
                throw new IllegalStateException("the journal's reader failed", failure);
            }
            batch.awaitDone();
            JournalFiles.Entry file = batch.file;
            if (file == null) {
                throw new IllegalStateException("the reader hands on only batches of a file");
            }
            VerificationResult.Problem problem = null;
            for (int i = 0; i < batch.lines() && problem == null; i++) {
                linesInFile++;
                batch.load(i, facts);
                problem = links.line(file, linesInFile, batch.buffer, batch.start(i), batch.end(i), facts);
                if (problem == null && links.done()) {
                    // an open journal's last record as verification began: what follows is newer
                    return links.finish(files.subList(0, files.indexOf(file) + 1), linesInFile, notes);
                }
            }
            if (problem == null && batch.stoppedEarly()) {
                throw new IllegalStateException("a hashing thread stopped at line " + linesInFile + " of " + file
                        + " but verification went on past it");
            }
            if (problem == null && batch.tooLongNext) {
                problem = ChainLinks.tooLong(file, linesInFile + 1);
            }
            if (problem == null && batch.endOfFile) {
                problem = ChainLinks.fileEnd(file, linesInFile, batch.tornBytes, file == last);
                if (problem == null && file == last) {
                    return links.finish(files, linesInFile, notes);
                }
                linesInFile = 0;
            }
            if (problem != null) {
                return VerificationResult.broken(links.records(), problem, notes);
            }
            free.put(batch);
        }
    }
}
