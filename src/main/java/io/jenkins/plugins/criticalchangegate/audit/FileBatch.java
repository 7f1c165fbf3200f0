package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A buffer of whole lines of one journal file, as {@link BatchReader} fills it for the parallel verifier
 * ({@link LineBatch}) and the parallel export ({@link ExportBatch}): what the reader writes is here, what the workers
 * learn from the lines is in the subclass. Batches are reused from a fixed pool, so memory stays flat. One stage at
 * a time owns a batch: the reader until it puts it on the queues, then a worker until {@link #done}, then the in-order
 * stage after {@link #awaitDone}; the queues and this monitor order each stage's writes before the next one's reads.
 */
abstract class FileBatch {
    byte[] buffer;
    /** The bytes of whole lines, from 0; each ends with a line feed. */
    int length;
    @CheckForNull
    JournalFiles.Entry file;
    /** Whether this is the file's last batch, whose {@link #tornBytes} are what follows its last line feed. */
    boolean endOfFile;
    int tornBytes;
    /** Whether the line after this batch's lines has {@link AuditJournal#MAX_RECORD_BYTES} bytes, no line feed yet. */
    boolean tooLongNext;
    /**
     * Why the reader could not read on (an IOException, a bug, or an Error such as running out of memory); the
     * in-order stage deals with it in order, so the reader's thread never ends with the stage waiting for it.
     */
    @CheckForNull
    Throwable failure;
    /** Who works on batches of this kind, for the message of a worker's failure ("a hashing thread"). */
    private final String worker;
    @CheckForNull
    private RuntimeException crash;
    private boolean done;
    /** Whether the worker went through the batch to its end (or none had to): what it learnt can be used. */
    private boolean worked;

    FileBatch(int size, String worker) {
        buffer = new byte[size];
        this.worker = worker;
    }

    /** Makes the batch empty for the reader to fill again with lines of {@code entry}. */
    abstract void reset(JournalFiles.Entry entry);

    /** Clears what the reader writes; each subclass's {@link #reset} calls it. */
    final void clearRead(JournalFiles.Entry entry) {
        file = entry;
        length = 0;
        endOfFile = false;
        tornBytes = 0;
        tooLongNext = false;
        failure = null;
        synchronized (this) {
            crash = null;
            done = false;
            worked = false;
        }
    }

    /**
     * Marks the batch as gone through by a worker without one: the reader's failure goes straight to the in-order
     * stage, which must not wait for a worker that will never take it.
     */
    final void markWorked() {
        done(true);
    }

    /** Notes the exception a worker failed with; {@link #awaitDone} throws it on. */
    final synchronized void crashed(RuntimeException e) {
        crash = e;
    }

    /**
     * Ends a worker's run, in a {@code finally}: even after an Error, so the in-order stage never waits for a batch no
     * thread will finish, and never takes what a run that did not finish wrote (it would be used twice or half).
     *
     * @param finished whether the worker went through the batch to its end
     */
    final synchronized void done(boolean finished) {
        worked = finished;
        done = true;
        notifyAll();
    }

    /** Waits until a worker is done with this batch; throws if the worker did not finish it. */
    final synchronized void awaitDone() throws InterruptedException {
        while (!done) {
            wait();
        }
        if (!worked) {
            throw new IllegalStateException(worker + " failed on " + file, crash);
        }
    }
}
