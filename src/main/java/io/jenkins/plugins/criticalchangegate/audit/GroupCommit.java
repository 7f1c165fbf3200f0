package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit (docs/audit.md, "Durability, concurrency and crashes"): appends from any number of threads go through
 * one writer thread, which takes every append waiting at that moment and hands them to the {@link BatchWriter} as one
 * batch, so that many concurrent appends cost one disk flush, not one each. After a failed batch it takes no more
 * appends.
 */
final class GroupCommit {
    /** AuditJournal's logger, as before these classes were split out of it: log settings that name it still apply. */
    private static final Logger LOGGER = Logger.getLogger(AuditJournal.class.getName());
    /** The most appends one flush makes durable (each may carry several events). */
    private static final int MAX_BATCH = 4096;

    private final Path dir;
    private final BatchWriter batchWriter;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private final Thread writer;

    // Guarded by admission.
    private boolean closed;
    @CheckForNull
    private volatile IOException failure;

    /** One append (of one or more events) waiting for its turn; no events asks the writer to stop. */
    private static final class Pending {
        final List<AuditEvent> events;
        final CompletableFuture<List<JournalRecord>> done = new CompletableFuture<>();

        Pending(List<AuditEvent> events) {
            this.events = events;
        }
    }

    private GroupCommit(Path dir, BatchWriter batchWriter) {
        this.dir = dir;
        this.batchWriter = batchWriter;
        this.writer = new Thread(this::runWriter, WorkerThreads.name("audit journal writer " + dir));
        writer.setDaemon(true);
    }

    /**
     * Starts the writer thread.
     *
     * @param dir the journal's directory, for messages
     * @param batchWriter writes the batches; from now on used by the writer thread only
     */
    static GroupCommit start(Path dir, BatchWriter batchWriter) {
        GroupCommit commit = new GroupCommit(dir, batchWriter);
        commit.writer.start();
        return commit;
    }

    /**
     * Appends events as consecutive records and returns once they are on disk, waiting without giving up on interrupt
     * (the interrupt flag is set again on return).
     *
     * @param events the events, in order; at least one
     * @return the records as written, in order
     * @throws IOException when the journal is closed, has failed, or this append failed
     */
    List<JournalRecord> submit(List<AuditEvent> events) throws IOException {
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
                written = batchWriter.write(events);
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

    /**
     * Takes no more appends and asks the writer thread to stop once it has written those waiting.
     *
     * @return false when this was asked before
     */
    boolean requestStop() {
        synchronized (admission) {
            if (closed) {
                return false;
            }
            closed = true;
            queue.add(new Pending(List.of()));
            return true;
        }
    }

    /**
     * Waits for the writer thread to end, without giving up on interrupt.
     *
     * @return whether the calling thread was interrupted meanwhile; its flag is left clear for the caller to set again
     */
    boolean awaitStop() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
