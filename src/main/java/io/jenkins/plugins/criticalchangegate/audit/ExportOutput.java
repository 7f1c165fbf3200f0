package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where an export writes: one reused 64 KiB buffer in front of the stream, so a record costs a copy and the stream a
 * write per 64 KiB (issue 17: export speed and memory). Not thread-safe.
 */
final class ExportOutput {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    ExportOutput(OutputStream out) {
        this.out = out;
    }

    void write(byte b) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = b;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - used) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, offset, length);
                return;
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
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    /** Writes what is buffered and flushes the stream. */
    void flush() throws IOException {
        drain();
        out.flush();
    }
}
