package io.jenkins.plugins.criticalchangegate.benchmarks.audit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The disk's own limit for the append benchmark: one thread appending a record-sized buffer to a file and forcing it
 * ({@code FileChannel.force(false)}, fdatasync, as the journal does), in a loop. Usage:
 * {@code FsyncBaseline FILE SECONDS [RECORD_BYTES]}.
 */
public final class FsyncBaseline {
    private FsyncBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long nanos = (long) (Double.parseDouble(args[1]) * 1e9);
        int recordBytes = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        byte[] record = new byte[recordBytes];
        Arrays.fill(record, (byte) 'x');
        record[recordBytes - 1] = '\n';
        long count = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            long end = start + nanos;
            while (System.nanoTime() < end) {
                ByteBuffer buffer = ByteBuffer.wrap(record);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
                count++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("raw write+fsync: %d in %.2f s = %.0f fsyncs/s (%d-byte writes)%n", count, seconds,
                    count / seconds, recordBytes);
        }
    }
}
