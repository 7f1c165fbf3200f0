package io.jenkins.plugins.criticalchangegate.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CreationKillTest}: creates journals in {@code args[0]/0}, {@code args[0]/1}, ... one after
 * the other until it is killed, printing {@code created <n>} once the open of journal n returned.
 */
public final class CreationCrashChild {
    private CreationCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        for (int n = 0; ; n++) {
            AuditJournal journal = AuditJournal.open(Path.of(args[0]).resolve(Integer.toString(n)),
                    JournalOptions.defaults());
            out.println("created " + n);
            out.flush();
            journal.close();
        }
    }
}
