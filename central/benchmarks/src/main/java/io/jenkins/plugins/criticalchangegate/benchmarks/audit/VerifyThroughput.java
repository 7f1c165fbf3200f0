package io.jenkins.plugins.criticalchangegate.benchmarks.audit;

import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies a journal several times in one JVM and prints the throughput of each run (the first includes JIT warm-up).
 * Usage: {@code VerifyThroughput DIR RUNS}. audit-bench.sh puts these figures next to {@code sha256sum}'s.
 */
public final class VerifyThroughput {
    private VerifyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        long bytes;
        try (var files = Files.list(dir)) {
            bytes = files.filter(p -> p.getFileName().toString().startsWith("journal-")).mapToLong(p -> p.toFile()
                    .length()).sum();
        }
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            VerificationResult result = JournalVerifier.verify(dir, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!result.intact()) {
                throw new IllegalStateException("the benchmark journal is broken: " + result);
            }
            System.out.printf("verify run %d: %d bytes, %d records in %.3f s = %.0f MiB/s%n", run, bytes,
                    result.records(), seconds, bytes / seconds / (1024 * 1024));
        }
    }
}
