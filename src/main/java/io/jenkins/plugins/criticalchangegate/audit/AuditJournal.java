package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The append-only, hash-chained audit journal in one directory (docs/audit.md).
 *
 * <p>{@link #append} returns only once the record is on disk ({@code FileChannel.force}). Appends from any number of
 * threads go through one writer thread, which takes every append waiting at that moment, writes them in order with
 * one write and makes them durable with one {@code force}: group commit, so that many concurrent appends cost one
 * disk flush, not one each ({@link #syncs()} counts the flushes).
 *
 * <p>Only one {@code AuditJournal} may be open on a directory at a time, in this process or any other: an exclusive
 * lock on {@code journal.lock} enforces it.
 *
 * <p>The work is done by {@code JournalLock} and {@code JournalRecovery} (with {@code TornTail}) on open, and by
 * {@code GroupCommit}, {@code BatchWriter} and {@code RotatingFile} for appends.
 */
public final class AuditJournal implements Closeable {
    /** No record may be longer than this; the verifier relies on it too. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final Path dir;
    private final JournalLock lock;
    private final List<String> recoveryNotes;
    private final BatchWriter batchWriter;
    private final GroupCommit groupCommit;

    private AuditJournal(Path dir, JournalOptions options, JournalLock lock, JournalCreation.Hook creationHook)
            throws IOException {
        this.dir = dir;
        this.lock = lock;
        JournalRecovery recovery = new JournalRecovery(dir, options, creationHook);
        this.batchWriter = recovery.recover();
        this.recoveryNotes = recovery.notes();
        this.groupCommit = GroupCommit.start(dir, batchWriter);
    }

    /**
     * Opens the journal in a directory, creating the directory and the journal if need be.
     *
     * <p>A new journal is created whole or not at all ({@code JournalCreation}): a creation cut short by a crash, a
     * full disk or an I/O error leaves no journal, and what it left is removed here with a note.
     *
     * <p>When the last file ends in a torn line (a crash in the middle of a write that was never acknowledged), the
     * line is moved to a {@code quarantine-<time>.jsonl} file and the chain goes on from the last whole record;
     * {@link #recoveryNotes()} says so. The journal refuses to open, with a message naming the problem, when the key
     * does not fit the journal, the journal's files are not contiguous, its last record is damaged, or its head file
     * shows that records were removed from the end: appending to a broken chain would bury the evidence.
     *
     * @param dir the journal's directory
     * @param options key, rotation, clock
     * @return the open journal; close it to release the lock
     * @throws IOException when the journal cannot be opened, with the reason; {@link JournalLockedException} when
     *     another process or another open journal in this JVM holds it
     */
    public static AuditJournal open(Path dir, JournalOptions options) throws IOException {
        return open(dir, options, JournalCreation.NO_HOOK);
    }

    /**
     * Whether a journal exists in the directory: its first file is in place, the last step of its creation
     * ({@link JournalCreation}). A reader that must not create one asks this before {@link #open}.
     */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(JournalFiles.name(1)));
    }

    /**
     * The bytes of the journal's record files in the directory ({@code journal-NNNNNN.jsonl}): what reading the whole
     * journal reads, and about what a whole export writes (the audit page sizes its downloads' disk space by it).
     *
     * @throws IOException when the directory cannot be listed, a file cannot be sized, or a file is misnamed
     */
    public static long recordBytes(Path dir) throws IOException {
        long bytes = 0;
        for (JournalFiles.Entry file : JournalFiles.list(dir)) {
            bytes += Files.size(file.path);
        }
        return bytes;
    }

    /** {@link #open(Path, JournalOptions)} with a hook at each step of creating the journal, for tests. */
    static AuditJournal open(Path dir, JournalOptions options, JournalCreation.Hook creationHook) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            // Files.createDirectories would say only the path (issue 17)
            throw new IOException("the audit journal " + dir + " is a file, not a directory: give the journal's"
                    + " directory (it is created if it does not exist)");
        }
        Files.createDirectories(dir);
        JournalLock lock = JournalLock.acquire(dir);
        try {
            return new AuditJournal(dir, options, lock, creationHook);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Appends an event and returns once it is on disk.
     *
     * <p>Waits without giving up on interrupt (the interrupt flag is set again on return): once handed to the writer,
     * the record will be written, and a caller that left early could not tell whether it was.
     *
     * @param event the event
     * @return the record as written: its sequence number, time and hash
     * @throws IOException when the journal is closed or has failed; after a write or flush failure the journal
     *     takes no more appends (reopen it), because whether the disk kept the data is then unknown
     */
    public JournalRecord append(AuditEvent event) throws IOException {
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends events as consecutive records, written and made durable together (one flush), and returns once they
     * are on disk: for a gate whose events are known at once (the tool's {@code simulate}) and for bulk loads.
     *
     * @param events the events, in order; at least one
     * @return the records as written, in order
     * @throws IOException as for {@link #append}
     * @throws IllegalArgumentException for an empty list
     */
    public List<JournalRecord> appendAll(List<AuditEvent> events) throws IOException {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        return groupCommit.submit(events);
    }

    /** What {@link #open} found and repaired (a torn last line moved to quarantine...); empty after a clean close. */
    public List<String> recoveryNotes() {
        return Collections.unmodifiableList(recoveryNotes);
    }

    public Path directory() {
        return dir;
    }

    /** The sequence number of the last durable record. */
    public long lastSeq() {
        return batchWriter.lastSeq();
    }

    /** The hash of the last durable record, hex. */
    public String lastHash() {
        return batchWriter.lastHash();
    }

    /**
     * Verifies this journal while it stays open and records keep being appended (the audit page in Jenkins): as
     * {@link JournalVerifier#verify} does, over the records that were durable when it starts. What is appended
     * meanwhile (a line half written, a file begun by rotation, a head moved on) is not read, so it is never taken for
     * tampering. Order matters: {@code head.json} is read first, then the last durable record, then the files; the
     * writer publishes a record after it is on disk and before the head names it, so the head read is never past that
     * record, and every file listed after it holds it.
     *
     * @param key the journal's key, or null for an unkeyed journal
     * @return intact with the summary up to that record, or the first problem
     * @throws IOException when a file cannot be read at all
     */
    public VerificationResult verify(@CheckForNull byte[] key) throws IOException {
        return verify(key, JournalVerifier.liveThreads(), ParallelVerifier.BUFFER);
    }

    /** {@link #verify(byte[])} with a given number of hashing threads and buffer size (tests). */
    VerificationResult verify(@CheckForNull byte[] key, int threads, int bufferSize) throws IOException {
        HeadFile.Reading head = HeadFile.inspect(dir, ChainHash.forKey(key));
        BatchWriter.Last last = batchWriter.last();
        return JournalVerifier.verifyThrough(dir, key, head, last.seq, last.hash, threads, bufferSize);
    }

    /** How many times the journal has forced its file to disk: fewer than appends when group commit batches them. */
    public long syncs() {
        return batchWriter.syncs();
    }

    /** How many batches the writer has committed. */
    public long batches() {
        return batchWriter.batches();
    }

    /**
     * Writes whatever is waiting, forces the head file to disk and releases the lock. Appends after this fail.
     */
    @Override
    public void close() throws IOException {
        if (!groupCommit.requestStop()) {
            return;
        }
        boolean interrupted = groupCommit.awaitStop();
        try {
            batchWriter.close();
        } finally {
            lock.close();
            // Set again only now: on a thread whose interrupt flag is set, FileChannel.force (the head's) would close
            // the channel and fail with ClosedByInterruptException.
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
