package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 */
public final class AuditJournal implements Closeable {
    private static final Logger LOGGER = Logger.getLogger(AuditJournal.class.getName());
    /** No record may be longer than this; the verifier relies on it too. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** The most appends one flush makes durable (each may carry several events). */
    private static final int MAX_BATCH = 4096;
    private static final DateTimeFormatter QUARANTINE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final JournalOptions options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<String> recoveryNotes = new ArrayList<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    @CheckForNull
    private final Duration period;
    private final Thread writer;

    // Owned by the writer thread once it runs (by the constructor before that).
    private final ChainHash chain;
    private HeadFile head;
    private FileChannel current;
    private int currentNumber;
    private long currentSize;
    /** The rotation period the current file's first record falls in; -1 while the file is empty. */
    private long currentPeriod = -1;
    private long lastSeq;
    private String lastHash;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    // Guarded by admission.
    private boolean closed;
    @CheckForNull
    private volatile IOException failure;
    private volatile long lastSeqPublished;
    private volatile String lastHashPublished;

    /** One append (of one or more events) waiting for its turn; no events asks the writer to stop. */
    private static final class Pending {
        final List<AuditEvent> events;
        final CompletableFuture<List<JournalRecord>> done = new CompletableFuture<>();

        Pending(List<AuditEvent> events) {
            this.events = events;
        }
    }

    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "recover() sets current, head and lastHash, or throws")
    private AuditJournal(Path dir, JournalOptions options, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.period = options.rotationPeriod().orElse(null);
        byte[] key = options.key().orElse(null);
        this.chain = ChainHash.forKey(key);
        recover(key);
        this.lastSeqPublished = lastSeq;
        this.lastHashPublished = lastHash;
        this.writer = new Thread(this::runWriter, "audit journal writer " + dir);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the journal in a directory, creating the directory and the journal if need be.
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
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(JournalFiles.LOCK);
        FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new JournalLockedException("the audit journal in " + dir + " is already open in this JVM;"
                    + " share that AuditJournal instead of opening it twice");
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new JournalLockedException("the audit journal in " + dir + " is in use by another process (it holds"
                    + " the lock on " + lockFile + "); only one writer may append to a journal");
        }
        try {
            return new AuditJournal(dir, options, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------- recovery

    private void recover(@CheckForNull byte[] key) throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).number != i + 1) {
                throw new IOException("the audit journal in " + dir + " is missing " + JournalFiles.name(i + 1)
                        + " (found " + files.get(i).name() + "); run 'audit verify " + dir + "' and restore it");
            }
        }
        if (!files.isEmpty()) {
            quarantineTornTail(files.get(files.size() - 1));
        }
        byte[] lastLine = null;
        JournalFiles.Entry lastFile = null;
        for (int i = files.size() - 1; i >= 0 && lastLine == null; i--) {
            lastLine = lastWholeLine(files.get(i).path);
            lastFile = files.get(i);
        }
        HeadFile.Head savedHead;
        if (lastLine == null) {
            if (Files.exists(dir.resolve(JournalFiles.HEAD))) {
                throw new IOException("the audit journal in " + dir + " has a head file but no records: its files"
                        + " were removed or emptied; run 'audit verify " + dir + "'");
            }
            createJournal(files.isEmpty() ? null : files.get(0), key);
            return;
        }
        checkKey(files.get(0), key);
        JournalRecord last = parseOwn(lastLine, lastFile);
        byte[] scratch = new byte[ChainHash.LENGTH];
        if (!RecordFormat.hashMatches(lastLine, 0, lastLine.length, chain, scratch)) {
            throw new IOException("the last record of the audit journal in " + dir + " (" + lastFile.name()
                    + ", seq " + last.seq() + ") does not match its hash: run 'audit verify " + dir + "'");
        }
        lastSeq = last.seq();
        lastHash = last.hash();
        savedHead = HeadFile.read(dir, chain);
        if (savedHead == null) {
            if (lastSeq != 1) {
                throw new IOException("the head file " + dir.resolve(JournalFiles.HEAD) + " is missing or damaged,"
                        + " so removal of records from the end of the journal cannot be ruled out; run 'audit verify "
                        + dir + "' and restore head.json from a backup");
            }
            recoveryNotes.add("recreated head.json, lost by a crash while the journal was being created");
        } else if (savedHead.seq > lastSeq || savedHead.seq == lastSeq && !savedHead.hash.equals(lastHash)) {
            throw new IOException("the audit journal in " + dir + " ends at seq " + lastSeq + " but its head file"
                    + " records seq " + savedHead.seq + " with hash " + savedHead.hash + ": records were removed from"
                    + " or replaced at the end; run 'audit verify " + dir + "'");
        }
        JournalFiles.Entry tail = files.get(files.size() - 1);
        currentNumber = tail.number;
        current = FileChannel.open(tail.path, StandardOpenOption.WRITE);
        currentSize = current.size();
        current.position(currentSize);
        if (period != null && currentSize > 0) {
            byte[] first = JournalFiles.firstLine(tail.path, MAX_RECORD_BYTES);
            if (first != null) {
                currentPeriod = periodOf(parseOwn(first, tail).time());
            }
        }
        head = HeadFile.open(dir, savedHead);
        head.write(lastSeq, lastHash, chain);
        head.force();
    }

    private void checkKey(JournalFiles.Entry firstFile, @CheckForNull byte[] key) throws IOException {
        byte[] line = JournalFiles.firstLine(firstFile.path, MAX_RECORD_BYTES);
        if (line == null) {
            throw new IOException(firstFile.path + " has no whole first record; run 'audit verify " + dir + "'");
        }
        JournalRecord first = parseOwn(line, firstFile);
        if (first.seq() != 1 || first.type() != AuditEventType.JOURNAL_CREATED) {
            throw new IOException(firstFile.path + " does not start with the JOURNAL_CREATED record (seq 1)");
        }
        String journalChain = first.text("chain");
        String journalKeyId = first.text("keyId");
        if (key == null && !journalChain.equals(ChainHash.SHA256)) {
            throw new IOException("the audit journal in " + dir + " is keyed (" + journalChain + ", key id "
                    + journalKeyId + "); open it with its key");
        }
        if (key != null && !journalChain.equals(ChainHash.HMAC_SHA256)) {
            throw new IOException("the audit journal in " + dir + " is an unkeyed " + journalChain + " chain but a"
                    + " key was configured; refusing to mix an unkeyed journal with a keyed one");
        }
        if (key != null && !ChainHash.keyId(key).equals(journalKeyId)) {
            throw new IOException("wrong key for the audit journal in " + dir + ": it was written with key id "
                    + journalKeyId + ", the configured key has id " + ChainHash.keyId(key));
        }
    }

    private JournalRecord parseOwn(byte[] line, JournalFiles.Entry file) throws IOException {
        try {
            return RecordFormat.parse(new String(line, StandardCharsets.UTF_8));
        } catch (RecordFormat.MalformedRecordException e) {
            throw new IOException("a record in " + file.path + " is malformed (" + e.getMessage() + "); run 'audit"
                    + " verify " + dir + "'");
        }
    }

    /** Moves bytes after the last line feed of the last file (a write cut short by a crash) to a quarantine file. */
    private void quarantineTornTail(JournalFiles.Entry file) throws IOException {
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long lastLf = JournalFiles.lastLineFeed(channel, size);
            long keep = lastLf + 1;
            if (keep == size) {
                return;
            }
            byte[] torn = JournalFiles.read(channel, keep, size);
            Path quarantine = newQuarantineFile();
            try (FileChannel q = FileChannel.open(quarantine, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                q.write(ByteBuffer.wrap(torn));
                q.force(true);
            }
            JournalFiles.forceDirectory(dir);
            channel.truncate(keep);
            channel.force(true);
            String note = "moved a torn last line (" + torn.length + " bytes, never acknowledged) from "
                    + file.name() + " to " + quarantine.getFileName();
            recoveryNotes.add(note);
            LOGGER.log(Level.WARNING, "Audit journal {0}: {1}", new Object[] {dir, note});
        }
    }

    private Path newQuarantineFile() {
        String stamp = QUARANTINE_TIME.format(options.clock().instant());
        Path candidate = dir.resolve("quarantine-" + stamp + ".jsonl");
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = dir.resolve("quarantine-" + stamp + "-" + i + ".jsonl");
        }
        return candidate;
    }

    @CheckForNull
    private static byte[] lastWholeLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return null;
            }
            long end = size - 1; // the last line feed (the tail was made whole by quarantineTornTail)
            long start = JournalFiles.lastLineFeed(channel, end) + 1;
            if (end - start > MAX_RECORD_BYTES) {
                throw new IOException("the last line of " + file + " is longer than any record can be");
            }
            return JournalFiles.read(channel, start, end);
        }
    }

    private void createJournal(@CheckForNull JournalFiles.Entry emptyFirst, @CheckForNull byte[] key)
            throws IOException {
        currentNumber = 1;
        Path path = dir.resolve(JournalFiles.name(1));
        current = emptyFirst != null ? FileChannel.open(path, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentSize = current.size();
        JournalFiles.forceDirectory(dir);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("chain", chain.name());
        if (key != null) {
            fields.put("keyId", ChainHash.keyId(key));
        }
        fields.put("format", 1L);
        lastSeq = 0;
        lastHash = RecordFormat.GENESIS_PREV;
        head = HeadFile.open(dir, null);
        writeBatch(List.of(AuditEvent.create(AuditEventType.JOURNAL_CREATED, fields)));
        head.force();
        JournalFiles.forceDirectory(dir);
    }

    // ------------------------------------------------------------------------------------------------------ writing

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
        Pending pending = new Pending(List.copyOf(events));
        synchronized (admission) {
            if (closed) {
                throw new IOException("the audit journal in " + dir + " is closed");
            }
            IOException failed = failure;
            if (failed != null) {
                throw new IOException("the audit journal in " + dir + " failed earlier and takes no more records:"
                        + " " + failed.getMessage(), failed);
            }
            queue.add(pending);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw new IOException("could not append to the audit journal in " + dir + ": "
                            + cause.getMessage(), cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runWriter() {
        List<Pending> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread but close(), which sends a stop request instead
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            List<AuditEvent> events = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                if (p.events.isEmpty()) {
                    stop = true;
                } else {
                    events.addAll(p.events);
                }
            }
            if (!events.isEmpty()) {
                commit(batch, events);
            }
            batch.clear();
        }
    }

    private void commit(List<Pending> batch, List<AuditEvent> events) {
        IOException failed = failure;
        List<JournalRecord> written = null;
        if (failed == null) {
            try {
                written = writeBatch(events);
            } catch (IOException | RuntimeException | Error e) {
                // Even an Error (OutOfMemoryError...) must answer the waiting appenders, or they would wait forever.
                failed = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
                failure = failed;
                LOGGER.log(Level.SEVERE, "Audit journal " + dir + " failed; it takes no more records until reopened",
                        e);
            }
        }
        int i = 0;
        for (Pending p : batch) {
            if (p.events.isEmpty()) {
                continue;
            }
            if (written != null) {
                p.done.complete(written.subList(i, i + p.events.size()));
                i += p.events.size();
            } else {
                p.done.completeExceptionally(failed);
            }
        }
    }

    /** Writes events in order, rotating files as needed, and makes them durable; then moves the head. */
    private List<JournalRecord> writeBatch(List<AuditEvent> events) throws IOException {
        List<JournalRecord> written = new ArrayList<>(events.size());
        buffer.reset();
        for (AuditEvent event : events) {
            Instant now = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            long seq = lastSeq + 1;
            RecordFormat.Encoded encoded = RecordFormat.encode(seq, now, event.type(), lastHash, event.fields(),
                    chain);
            if (needsNewFile(encoded.line.length, now)) {
                flush();
                startNextFile();
            }
            buffer.write(encoded.line, 0, encoded.line.length);
            currentSize += encoded.line.length;
            if (currentPeriod < 0 && period != null) {
                currentPeriod = periodOf(now);
            }
            written.add(new JournalRecord(seq, now, event.type(), lastHash, encoded.hash, event.fields()));
            lastSeq = seq;
            lastHash = encoded.hash;
        }
        flush();
        head.write(lastSeq, lastHash, chain);
        batches.incrementAndGet();
        lastSeqPublished = lastSeq;
        lastHashPublished = lastHash;
        return Collections.unmodifiableList(written);
    }

    private boolean needsNewFile(int length, Instant now) {
        if (currentSize == 0) {
            return false;
        }
        return currentSize + length > options.maxFileBytes()
                || period != null && currentPeriod >= 0 && periodOf(now) > currentPeriod;
    }

    private long periodOf(Instant time) {
        Duration p = period;
        return p == null ? 0 : Math.floorDiv(time.toEpochMilli(), p.toMillis());
    }

    /** Writes the buffered records to the current file and forces them to disk. */
    private void flush() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
        while (bytes.hasRemaining()) {
            current.write(bytes);
        }
        buffer.reset();
        // fdatasync: the data and the file size, which is all a reader needs (fdatasync(2)).
        current.force(false);
        syncs.incrementAndGet();
    }

    private void startNextFile() throws IOException {
        current.close();
        currentNumber++;
        Path next = dir.resolve(JournalFiles.name(currentNumber));
        try {
            current = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot start " + next + ": it already exists, so someone else wrote into the"
                    + " journal directory", e);
        }
        JournalFiles.forceDirectory(dir);
        currentSize = 0;
        currentPeriod = -1;
    }

    // ----------------------------------------------------------------------------------------------------- the rest

    /** What {@link #open} found and repaired (a torn last line moved to quarantine...); empty after a clean close. */
    public List<String> recoveryNotes() {
        return Collections.unmodifiableList(recoveryNotes);
    }

    public Path directory() {
        return dir;
    }

    /** The sequence number of the last durable record. */
    public long lastSeq() {
        return lastSeqPublished;
    }

    /** The hash of the last durable record, hex. */
    public String lastHash() {
        return lastHashPublished;
    }

    /** How many times the journal has forced its file to disk: fewer than appends when group commit batches them. */
    public long syncs() {
        return syncs.get();
    }

    /** How many batches the writer has committed. */
    public long batches() {
        return batches.get();
    }

    /**
     * Writes whatever is waiting, forces the head file to disk and releases the lock. Appends after this fail.
     */
    @Override
    public void close() throws IOException {
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Pending(List.of()));
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            head.force();
            head.close();
            current.close();
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
