package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where an export writes: one reused 64 KiB buffer in front of the stream, so a record costs a copy and the stream a
 * write per 64 KiB (issue 17: export speed and memory). Without a stream, the bytes of one batch of the parallel
 * export ({@link ExportBatch}): the buffer then grows to hold them all, and is reused. Not thread-safe.
 */
final class ExportOutput {
    @CheckForNull
    private final OutputStream out;
    private byte[] buffer;
    private int used;

    ExportOutput(OutputStream out) {
        this.out = out;
        this.buffer = new byte[1 << 16];
    }

    /**
     * An in-memory output, kept until {@link #writeTo}: sized once for what a batch's rows usually take, so that it
     * seldom grows (a growth leaves garbage, which without {@code -Xmx} is fresh memory: issue 17's resident size).
     */
    ExportOutput(int capacity) {
        this.out = null;
        this.buffer = new byte[capacity];
    }

    void write(byte b) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = b;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - used) {
            if (out == null) {
                buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, used + length));
            } else {
                drain();
                if (length > buffer.length) {
                    out.write(bytes, offset, length);
                    return;
                }
            }
        }
        System.arraycopy(bytes, offset, buffer, used, length);
        used += length;
    }

    /** Text, in UTF-8 (as the export's {@code Writer} wrote it before: an unpaired surrogate becomes {@code ?}). */
    void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    private void drain() throws IOException {
        if (out == null) {
            buffer = Arrays.copyOf(buffer, 2 * buffer.length);
            return;
        }
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    /** Writes what is buffered and flushes the stream. */
    void flush() throws IOException {
        if (out != null) {
            drain();
            out.flush();
        }
    }

    /** Empties an in-memory output for reuse. */
    void clear() {
        used = 0;
    }

    int size() {
        return used;
    }

    /** Writes this (in-memory) output's bytes {@code [from, to)} to {@code target}. */
    void writeTo(ExportOutput target, int from, int to) throws IOException {
        target.write(buffer, from, to - from);
    }
}
