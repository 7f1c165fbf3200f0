package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller's audit journal: opened once, on first use, in the directory the global configuration names, and
 * closed when Jenkins shuts down (the journal holds an exclusive lock on its directory). Every gate event is appended
 * here; {@link #append} returns once the record is on disk, and fails when it cannot be written, so the caller fails
 * closed.
 */
@Extension
public class GateJournal {
    private static final Logger LOGGER = Logger.getLogger(GateJournal.class.getName());

    @CheckForNull
    private AuditJournal journal;
    @CheckForNull
    private String openedFor;

    static GateJournal get() {
        return ExtensionList.lookupSingleton(GateJournal.class);
    }

    /**
     * Appends an event.
     *
     * @throws IOException when the journal cannot be opened or written, with the reason
     */
    public void append(AuditEvent event) throws IOException {
        journal().append(event);
    }

    private synchronized AuditJournal journal() throws IOException {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        Path dir = config.journalPath();
        String secret = config.hmacKeyText();
        String identity = dir + "|" + (secret == null ? "" : Integer.toHexString(secret.hashCode()));
        if (journal != null && !identity.equals(openedFor)) {
            // the directory or the key changed in the global configuration: start writing there
            close();
        }
        if (journal == null) {
            JournalOptions.Builder options = JournalOptions.builder();
            if (secret != null) {
                options.key(secret.getBytes(StandardCharsets.UTF_8));
            }
            try {
                journal = AuditJournal.open(dir, options.build());
            } catch (IllegalArgumentException e) {
                throw new IOException("cannot open the audit journal in " + dir + ": " + e.getMessage(), e);
            }
            openedFor = identity;
            for (String note : journal.recoveryNotes()) {
                LOGGER.warning(() -> "audit journal " + dir + ": " + note);
            }
        }
        return journal;
    }

    /** Closes the journal (flushing it and releasing its lock). */
    synchronized void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not close the audit journal cleanly", e);
            }
            journal = null;
            openedFor = null;
        }
    }

    /** Jenkins is shutting down: release the journal so that the next start (or a test's next session) opens it. */
    @Terminator
    public static void shutDown() {
        GateJournal holder = ExtensionList.lookupSingleton(GateJournal.class);
        holder.close();
    }
}
