package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Whole-file writes, one at a time, each reading what it writes when its turn comes: the last write always holds the
 * latest content. (Reading the content first and then waiting for the turn would let an older list land last.)
 */
final class SerialWrites {
    /** Writes one content. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T content) throws IOException, InterruptedException;
    }

    private final Object turn = new Object();

    <T> void write(Supplier<T> content, Writer<T> writer) throws IOException, InterruptedException {
        synchronized (turn) {
            writer.write(content.get());
        }
    }
}
