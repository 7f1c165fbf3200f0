package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a journal directory on its own, as an auditor does (docs/audit.md, "Verifying"): checks that each line is a
 * canonical record, that its hash matches its content, that sequence numbers run on without gaps, that each record's
 * {@code prev} is the hash of the one before, that no file is missing, that the last line is whole, and that the
 * journal reaches the head recorded in {@code head.json}. Stops at the first broken record and says which and why.
 * Memory does not grow with the journal: files are streamed through a fixed set of buffers.
 *
 * <p>Uses every core (issue 17): each record carries its predecessor's hash, so the records can be hashed in parallel
 * ({@link ParallelVerifier}) while the links between them are checked in order ({@link ChainLinks}). With one core, or
 * with the system property {@value #THREADS_PROPERTY} set to 1, it verifies in one thread ({@link SequentialVerifier});
 * the property also forces another count of hashing threads (for benchmarks). Both give the same result for every
 * journal.
 */
public final class JournalVerifier {
    /** The system property that forces the number of hashing threads (default: the available processors). */
    public static final String THREADS_PROPERTY =
            "io.jenkins.plugins.criticalchangegate.audit.JournalVerifier.threads";

    private final Path dir;
    @CheckForNull
    private final byte[] key;
    @CheckForNull
    private final ExpectedHead expected;
    private final int threads;
    private final int bufferSize;
    private final List<String> notes = new ArrayList<>();
    /** For an open journal: where reading ends ({@link LiveEnd}); null for a journal nobody writes. */
    @CheckForNull
    private LiveEnd live;

    private JournalVerifier(Path dir, @CheckForNull byte[] key, @CheckForNull ExpectedHead expected, int threads,
            int bufferSize) {
        this.dir = dir;
        this.key = key == null ? null : key.clone();
        this.expected = expected;
        this.threads = threads;
        this.bufferSize = bufferSize;
    }

    /**
     * Verifies the journal in a directory.
     *
     * @param dir the journal's directory
     * @param key the HMAC key of a keyed journal, or null to verify an unkeyed one
     * @return intact with the record count and head, or the first problem
     * @throws IOException when a file cannot be read at all ({@link java.io.InterruptedIOException} when the thread
     *     was interrupted)
     */
    public static VerificationResult verify(Path dir, @CheckForNull byte[] key) throws IOException {
        return verify(dir, key, null, threads());
    }

    /**
     * Verifies the journal in a directory and that it still holds a record an auditor noted earlier.
     *
     * @param expected the {@code SEQ:HASH} noted from an earlier verification ({@code --expect-head})
     * @return intact only if the journal is intact and its record {@code SEQ} has hash {@code HASH}
     * @throws IOException when a file cannot be read at all
     */
    public static VerificationResult verify(Path dir, @CheckForNull byte[] key, ExpectedHead expected)
            throws IOException {
        return verify(dir, key, expected, threads());
    }

    /** Verifies with a given number of hashing threads: 1 is the sequential verifier. */
    static VerificationResult verify(Path dir, @CheckForNull byte[] key, @CheckForNull ExpectedHead expected,
            int threads) throws IOException {
        return verify(dir, key, expected, threads, ParallelVerifier.BUFFER);
    }

    /** With a given buffer size for the parallel verifier: small ones let tests cut lines at every place. */
    static VerificationResult verify(Path dir, @CheckForNull byte[] key, @CheckForNull ExpectedHead expected,
            int threads, int bufferSize) throws IOException {
        return new JournalVerifier(dir, key, expected, threads, bufferSize).run();
    }

    /**
     * Verifies an open journal up to its last durable record ({@link AuditJournal#verify}). It runs inside Jenkins,
     * next to the builds, so {@link AuditJournal#verify} asks for half the cores ({@link #liveThreads}), not all.
     *
     * @param head head.json as read before {@code lastSeq} was taken
     * @param lastSeq the last record that was on disk when verification began
     * @param lastHash its hash, as the writer computed it
     * @param threads hashing threads: 1 is the sequential verifier
     */
    static VerificationResult verifyThrough(Path dir, @CheckForNull byte[] key, HeadFile.Reading head, long lastSeq,
            String lastHash, int threads, int bufferSize) throws IOException {
        JournalVerifier verifier = new JournalVerifier(dir, key, null, threads, bufferSize);
        verifier.live = new LiveEnd(head, lastSeq, lastHash);
        return verifier.run();
    }

    /** The hashing threads of a verification inside Jenkins: half the cores, at least one. */
    static int liveThreads() {
        return Math.max(1, threads() / 2);
    }

    /** {@value #THREADS_PROPERTY} when set (1 or more, else an error), else the processors this JVM may use. */
    static int threads() {
        return WorkerThreads.count(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
    }

    /** The checks, in the order docs/audit.md ("What a verifier checks") numbers them. */
    private VerificationResult run() throws IOException {
        List<JournalFiles.Entry> files;
        try {
            files = JournalFiles.list(dir);
        } catch (JournalFiles.BadFileNameException e) {
            return broken(new VerificationResult.Problem(e.fileName, 0, -1, VerificationResult.Reason.BAD_FILE_NAME,
                    e.getMessage()));
        }
        for (Path q : JournalFiles.quarantines(dir)) {
            notes.add(q.getFileName() + " holds a torn line the journal set aside after a crash (never"
                    + " acknowledged, not part of the chain)");
        }
        if (files.isEmpty()) {
            boolean leftovers = JournalCreation.onlyLeftovers(dir);
            return broken(new VerificationResult.Problem(dir.toString(), 0, -1, VerificationResult.Reason.EMPTY,
                    "no journal-NNNNNN.jsonl files in this directory" + (leftovers ? " (only "
                    + JournalCreation.FIRST_FILE_TEMP + " or " + JournalCreation.HEAD_TEMP + " and the head.json they"
                    + " name: a creation of the journal that did not finish; nothing was ever journaled)" : "")));
        }
        // the numbering first, before any record: a missing file is named as itself, wherever it is
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).number != i + 1) {
                String missing = JournalFiles.name(i + 1);
                VerificationResult.Problem missingFile = new VerificationResult.Problem(missing, 0, -1,
                        VerificationResult.Reason.MISSING_FILE, missing + " is missing: " + (i == 0
                        ? "the journal's first file is " + files.get(0).name() + ", so its start was removed"
                        : files.get(i - 1).name() + " is followed by " + files.get(i).name()));
                if (live == null || i == 0) {
                    return broken(missingFile);
                }
                // A live journal: listing a directory while files are created in it returns only the files that
                // existed throughout (POSIX readdir), so files begun by rotation meanwhile may be left out while a
                // later one shows. Every file up to the last durable record existed before the listing began: read
                // up to the gap, and report it only if that record was not reached before it (ChainLinks.finish).
                live = live.withMissingFile(missingFile);
                files = files.subList(0, i);
                break;
            }
        }
        ChainLinks links = new ChainLinks(dir, key, expected, live);
        if (threads <= 1) {
            return new SequentialVerifier(links, ChainHash.forKey(key)).verify(files, notes);
        }
        return new ParallelVerifier(links, key, threads, bufferSize).verify(files, notes);
    }

    private VerificationResult broken(VerificationResult.Problem problem) {
        return VerificationResult.broken(0, problem, notes);
    }
}
