package io.jenkins.plugins.criticalchangegate.benchmarks.audit;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a realistic journal of a given size for the benchmarks: gates with their documentation evidence, refused and
 * accepted approvals and decisions, through {@link AuditJournal#appendAll} in batches (one flush per batch, so that
 * 1 GiB takes seconds, not hours). Usage: {@code GenerateJournal DIR SIZE_MIB}.
 */
public final class GenerateJournal {
    private GenerateJournal() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1024 * 1024;
        long started = System.nanoTime();
        long gates = 0;
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            while (size(dir) < target) {
                List<AuditEvent> batch = new ArrayList<>();
                for (int i = 0; i < 1000; i++, gates++) {
                    batch.addAll(gate(gates));
                }
                journal.appendAll(batch);
            }
            System.out.printf("%d records, %d bytes in %s, %.1f s%n", journal.lastSeq(), size(dir), dir,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    static List<AuditEvent> gate(long n) {
        String job = "platform/deploy-" + (n % 50);
        String system = "system-" + (n % 20);
        String change = "CHG-" + (100000 + n);
        return List.of(
                AuditEvent.gateRequested(job, n, system, change, Long.toHexString(n * 0x9E3779B97F4A7C15L), "dev" + n % 97),
                AuditEvent.documentationChecked(job, n, system, change, "https://wiki.example.com/changes/" + change,
                        "VERIFIED", Map.of("status", 200, "finalUrl", "https://wiki.example.com/changes/" + change,
                                "sha256", Long.toHexString(n) + "0".repeat(48), "title", "Change " + change
                                        + ": rotate the database credentials",
                                "sections", List.of("Risk", "Rollback plan", "Test evidence"))),
                AuditEvent.approvalRefused(job, n, system, change, "dev" + n % 97, "AUTHOR"),
                AuditEvent.approvalAccepted(job, n, system, change, "lead" + n % 13),
                AuditEvent.approvalAccepted(job, n, system, change, "sre" + n % 11),
                AuditEvent.decided(job, n, system, change, "APPROVED", List.of("lead" + n % 13, "sre" + n % 11)));
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal-")).mapToLong(p -> p.toFile()
                    .length()).sum();
        }
    }
}
