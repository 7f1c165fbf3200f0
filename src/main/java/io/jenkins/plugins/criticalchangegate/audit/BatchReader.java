package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The reader of the parallel verifier and the parallel export: fills free batches ({@link LineBatch},
 * {@link ExportBatch}) with whole lines of the journal's files, in order, and hands each to the workers (hashing,
 * or turning lines into the export's bytes) and to the in-order stage. One thread, since reading from the page cache is a
 * copy, far faster than hashing. Stops at a line too long for any record (nothing after it is ever checked), at the
 * end of the last file, at a read error (handed on in order, so a problem found earlier still wins) and on interrupt.
 */
final class BatchReader<B extends FileBatch> implements Runnable {
    private final List<JournalFiles.Entry> files;
    private final BlockingQueue<B> free;
    private final BlockingQueue<B> toWork;
    private final BlockingQueue<B> inOrder;
    /** What followed the last line feed of the previous batch: the start of the next line (under 1 MiB). */
    private byte[] carry = new byte[0];
    private int carried;

    BatchReader(List<JournalFiles.Entry> files, BlockingQueue<B> free, BlockingQueue<B> toWork,
            BlockingQueue<B> inOrder) {
        this.files = files;
        this.free = free;
        this.toWork = toWork;
        this.inOrder = inOrder;
    }

    @Override
    public void run() {
        try {
            for (JournalFiles.Entry file : files) {
                if (!readFile(file)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the in-order stage is done (a problem found, or it was interrupted itself): nothing more to read
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether to go on with the next file */
    private boolean readFile(JournalFiles.Entry file) throws InterruptedException {
        carried = 0;
        B batch = free.take();
        batch.reset(file);
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ)) {
            while (true) {
                if (batch.buffer.length <= carried) {
                    // only with buffers smaller than a record (tests), after another batch grew
                    batch.buffer = new byte[2 * carried];
                }
                System.arraycopy(carry, 0, batch.buffer, 0, carried);
                int filled = carried;
                boolean eof = false;
                ByteBuffer wrapped = ByteBuffer.wrap(batch.buffer);
                while (!eof && filled < batch.buffer.length) {
                    wrapped.limit(batch.buffer.length).position(filled);
                    int n = channel.read(wrapped);
                    if (n < 0) {
                        eof = true;
                    } else {
                        filled += n;
                    }
                }
                int whole = lastLineFeed(batch.buffer, filled) + 1;
                int rest = filled - whole;
                batch.length = whole;
                if (rest >= AuditJournal.MAX_RECORD_BYTES) {
                    batch.tooLongNext = true;
                    send(batch);
                    return false;
                }
                if (eof) {
                    batch.endOfFile = true;
                    batch.tornBytes = rest;
                    send(batch);
                    return true;
                }
                if (whole == 0) {
                    // only with buffers smaller than a record (tests): grow until the line fits or is too long
                    batch.buffer = Arrays.copyOf(batch.buffer, batch.buffer.length * 2);
                    carry = Arrays.copyOf(batch.buffer, filled);
                    carried = filled;
                    continue;
                }
                if (carry.length < rest) {
                    carry = new byte[Math.max(rest, Math.min(2 * carry.length + 1024, AuditJournal.MAX_RECORD_BYTES))];
                }
                System.arraycopy(batch.buffer, whole, carry, 0, rest);
                carried = rest;
                send(batch);
                batch = free.take();
                batch.reset(file);
            }
        } catch (IOException | RuntimeException | Error e) {
            // an Error too: it is handed on, not swallowed; were it to end this thread, the in-order stage would wait
            // for the next batch forever
            // handed on in order, so that a problem found before it still wins and the in-order stage never waits
            // for a batch that will not come
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            batch.length = 0;
            batch.failure = e;
            batch.markWorked();
            inOrder.put(batch);
            return false;
        }
    }

    private static int lastLineFeed(byte[] b, int filled) {
        for (int i = filled - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void send(B batch) throws InterruptedException {
        inOrder.put(batch);
        toWork.put(batch);
    }
}
