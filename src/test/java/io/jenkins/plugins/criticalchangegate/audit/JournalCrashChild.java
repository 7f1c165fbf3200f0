package io.jenkins.plugins.criticalchangegate.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link JournalCrashTest}: opens the journal in {@code args[0]} and appends from
 * {@code args[1]} threads until it is killed, printing {@code ack <seq> <hash>} for every append that returned (and so
 * is durable), and first {@code open <lastSeq>} and any recovery notes.
 */
public final class JournalCrashChild {
    private JournalCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        AuditJournal journal = AuditJournal.open(Path.of(args[0]),
                JournalOptions.builder().maxFileBytes(16 * 1024).build());
        synchronized (out) {
            for (String note : journal.recoveryNotes()) {
                out.println("note " + note);
            }
            out.println("open " + journal.lastSeq());
            out.flush();
        }
        int threads = Integer.parseInt(args[1]);
        for (int t = 0; t < threads; t++) {
            String user = "writer" + t;
            Thread thread = new Thread(() -> {
                for (long i = 0; ; i++) {
                    try {
                        JournalRecord r = journal.append(
                                AuditEvent.approvalAccepted("crash/job", i, "payments", "CHG-" + i, user));
                        synchronized (out) {
                            out.println("ack " + r.seq() + " " + r.hash());
                            out.flush();
                        }
                    } catch (Exception e) {
                        synchronized (out) {
                            out.println("error " + e);
                            out.flush();
                        }
                        return;
                    }
                }
            });
            thread.start();
        }
    }
}
