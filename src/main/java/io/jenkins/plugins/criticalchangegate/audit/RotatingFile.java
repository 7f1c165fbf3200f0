package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journal file that appends go to. Records are buffered, then written and made durable together
 * ({@link #flush}); a new file starts when the next record would make this one larger than
 * {@link JournalOptions#maxFileBytes()} or falls in a later rotation period than this file's first record.
 *
 * <p>Owned by the writer thread once it runs (by the thread that opens the journal before that); only
 * {@link #syncs()} is read by other threads.
 */
@SuppressFBWarnings(value = "AT_NONATOMIC_64BIT_PRIMITIVE", justification = "one thread at a time: the thread that"
        + " opens the journal, then the writer thread, which Thread.start hands it to; syncs is the only shared state")
final class RotatingFile implements Closeable {
    private final Path dir;
    private final long maxFileBytes;
    @CheckForNull
    private final Duration period;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    private final AtomicLong syncs = new AtomicLong();

    private FileChannel current;
    private int currentNumber;
    private long currentSize;
    /** The rotation period the current file's first record falls in; -1 while the file is empty. */
    private long currentPeriod = -1;

    /**
     * Takes over the file that the next records go to (opened by {@link JournalRecovery}).
     *
     * @param number the file's number
     * @param channel the file, open for writing at its end
     * @param size the file's size
     * @param firstRecord the time of the file's first record, when the journal rotates by period and the file has one
     */
    RotatingFile(Path dir, JournalOptions options, int number, FileChannel channel, long size,
            @CheckForNull Instant firstRecord) {
        this.dir = dir;
        this.maxFileBytes = options.maxFileBytes();
        this.period = options.rotationPeriod().orElse(null);
        this.current = channel;
        this.currentNumber = number;
        this.currentSize = size;
        if (firstRecord != null) {
            this.currentPeriod = periodOf(firstRecord);
        }
    }

    /** Drops records buffered but not flushed. */
    void discardUnflushed() {
        buffer.reset();
    }

    /** Buffers a record, first starting the next file when the record does not belong in this one. */
    void add(byte[] line, Instant now) throws IOException {
        if (needsNewFile(line.length, now)) {
            flush();
            startNextFile();
        }
        buffer.write(line, 0, line.length);
        currentSize += line.length;
        if (currentPeriod < 0 && period != null) {
            currentPeriod = periodOf(now);
        }
    }

    private boolean needsNewFile(int length, Instant now) {
        if (currentSize == 0) {
            return false;
        }
        return currentSize + length > maxFileBytes
                || period != null && currentPeriod >= 0 && periodOf(now) > currentPeriod;
    }

    private long periodOf(Instant time) {
        Duration p = period;
        return p == null ? 0 : Math.floorDiv(time.toEpochMilli(), p.toMillis());
    }

    /** Writes the buffered records to the current file and forces them to disk. */
    void flush() throws IOException {
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

    /** How many times the file has been forced to disk. */
    long syncs() {
        return syncs.get();
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
