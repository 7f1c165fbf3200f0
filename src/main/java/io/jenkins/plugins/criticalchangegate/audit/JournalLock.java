package io.jenkins.plugins.criticalchangegate.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code journal.lock} that lets only one {@link AuditJournal} at a time, in this process or
 * any other, append to a journal directory.
 */
final class JournalLock implements Closeable {
    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a journal directory, which must exist.
     *
     * @throws JournalLockedException when another process or another open journal in this JVM holds it
     */
    static JournalLock acquire(Path dir) throws IOException {
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
        return new JournalLock(lockChannel, lock);
    }

    /** Releases the lock and closes its file. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
