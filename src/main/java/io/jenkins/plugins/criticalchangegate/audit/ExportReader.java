package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The parallel export's reader, the verifier's {@link BatchReader} for {@link ExportBatch}es: fills free batches with
 * whole lines of the journal's files, in order, and hands each to the workers and to the in-order stage. Stops at a
 * line too long for any record, at the end of the last file, at a read error (handed on in order) and on interrupt.
 */
final class ExportReader implements Runnable {
    private final List<JournalFiles.Entry> files;
    private final BlockingQueue<ExportBatch> free;
    private final BlockingQueue<ExportBatch> toWork;
    private final BlockingQueue<ExportBatch> inOrder;
    /** What followed the last line feed of the previous batch: the start of the next line (under 1 MiB). */
    private byte[] carry = new byte[0];
    private int carried;

    ExportReader(List<JournalFiles.Entry> files, BlockingQueue<ExportBatch> free, BlockingQueue<ExportBatch> toWork,
            BlockingQueue<ExportBatch> inOrder) {
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
            // the export is over (done, failed, or its output closed): nothing more to read
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether to go on with the next file */
    private boolean readFile(JournalFiles.Entry file) throws InterruptedException {
        carried = 0;
        ExportBatch batch = free.take();
        batch.reset(file);
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ)) {
            while (true) {
                if (batch.buffer.length <= carried) {
                    batch.buffer = new byte[2 * carried]; // only with buffers smaller than a record (tests)
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
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            // in order, so the lines before it are still exported; the in-order stage never waits for a batch
            batch.length = 0;
            batch.failure = e;
            batch.markDone();
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

    private void send(ExportBatch batch) throws InterruptedException {
        inOrder.put(batch);
        toWork.put(batch);
    }
}
