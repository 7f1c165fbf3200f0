package io.jenkins.plugins.criticalchangegate.benchmarks.audit;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable appends per second from a number of threads, each appending one event at a time and waiting for it (as the
 * pipeline step does). Usage: {@code AppendThroughput DIR THREADS SECONDS}; DIR must not hold a journal yet.
 */
public final class AppendThroughput {
    private AppendThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
        AtomicLong appended = new AtomicLong();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            long syncsBefore = journal.syncs();
            long start = System.nanoTime();
            long end = start + nanos;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread worker = new Thread(() -> {
                    for (long i = 0; System.nanoTime() < end; i++) {
                        try {
                            journal.append(AuditEvent.approvalAccepted("platform/deploy", i, "payments",
                                    "CHG-" + i, "approver" + id));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                        appended.incrementAndGet();
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long syncs = journal.syncs() - syncsBefore;
            System.out.printf("appends: %d threads, %d durable appends in %.2f s = %.0f appends/s, %d fsyncs"
                    + " (%.1f appends per fsync)%n", threads, appended.get(), seconds, appended.get() / seconds,
                    syncs, (double) appended.get() / syncs);
        }
    }
}
