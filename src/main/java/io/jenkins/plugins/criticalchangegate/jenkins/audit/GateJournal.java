package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalLockedException;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.JournalKeyFit;
import java.io.IOException;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller's audit journal: opened once, on first use, in the directory the global configuration names, keyed
 * with the key Jenkins keeps for it ({@link JournalKey}), and closed when Jenkins shuts down (the journal holds an
 * exclusive lock on its directory). Every gate event is appended here; {@link #append} returns once the record is on
 * disk, and fails when it cannot be written, so the caller fails closed.
 *
 * <p>The journal is only ever opened with Jenkins' key. A journal already in the directory that was written with
 * another key, or unkeyed (before the key moved into Jenkins), is never appended to and never re-keyed silently: every
 * append fails with a message that says what was found and what to do (move the old journal aside, which starts a new
 * one; docs/audit.md, "The journal's key in Jenkins").
 *
 * <p>The open journal is kept in a static field, not in the extension instance: the lock belongs to the process, and
 * a Jenkins restarted inside the same JVM (as the test harness restarts it) must find the journal it already holds
 * rather than be refused by its own lock.
 */
@Extension
public class GateJournal {
    private static final Logger LOGGER = Logger.getLogger(GateJournal.class.getName());
    private static final String DOCS = "docs/audit.md, \"The journal's key in Jenkins\"";

    @CheckForNull
    private static AuditJournal journal;
    @CheckForNull
    private static Path openedIn;
    @CheckForNull
    private static String openedWithKeyId;
    /**
     * Tells the listeners in the journal's order: appends are committed together and return in any order (see
     * {@link OrderedFeed}). Static, as the journal is.
     */
    private static final OrderedFeed<JournalRecord> FEED =
            new OrderedFeed<>(JournalRecord::seq, GateJournalListener::fireAppended);

    public static GateJournal get() {
        return ExtensionList.lookupSingleton(GateJournal.class);
    }

    /**
     * Appends an event, then tells the {@link GateJournalListener}s (the approvals inbox, the notifications), in the
     * journal's order ({@link OrderedFeed}): on this thread, or on the appending thread of an earlier record.
     *
     * @return the record written: its sequence number and hash name it (an attestation names its decision's record)
     * @throws IOException when the journal cannot be opened or written, with the reason
     */
    public JournalRecord append(AuditEvent event) throws IOException {
        JournalRecord record = journal().append(event);
        FEED.offer(record);
        return record;
    }

    /**
     * Hands out the journal's key to someone, recording it in the journal first: no record, no key.
     *
     * @param user who receives the key
     * @return a copy of the key the open journal is written with
     * @throws IOException when the journal cannot be opened or written, or the key changed under it
     */
    byte[] exportKey(String user) throws IOException {
        synchronized (GateJournal.class) { // the lock journal() and close() hold: the journal cannot change meanwhile
            return exportKeyLocked(user);
        }
    }

    private static byte[] exportKeyLocked(String user) throws IOException {
        AuditJournal open = journal();
        byte[] key = JournalKey.get().existing();
        String keyId = key == null ? null : JournalKeyFile.keyId(key);
        if (keyId == null || !keyId.equals(openedWithKeyId)) {
            // secrets/ was replaced while the journal was open: handing out this key would not verify the journal
            throw new IOException("the audit journal in " + openedIn + " is written with key id " + openedWithKeyId
                    + " but Jenkins' confidential store now holds " + (keyId == null ? "no journal key" : "key id "
                    + keyId) + "; restart Jenkins to reopen the journal (" + DOCS + ")");
        }
        // through the feed like every record: a number that bypassed it would hold back the records after it
        FEED.offer(open.append(AuditEvent.keyExported(user, keyId)));
        return key;
    }

    /** The directory the journal is (or will be) written in, as the global configuration says now. */
    Path directory() {
        return CriticalChangeGateConfiguration.get().journalPath();
    }

    /** The journal's directory, for the audit page (which reads it with the tool's filters). */
    public Path journalDirectory() {
        return directory();
    }

    /**
     * Where a reader of the journal (the audit page) stops, so that what gates append meanwhile is never read: the
     * last record on disk of the journal this Jenkins writes, opening it first when it exists and is not open yet (as
     * the first gate would: a reader that ran to the end of the files while that gate opened the journal could meet
     * its half-written first line, or the torn tail that opening moves to quarantine). Seq 0 (read nothing) when there
     * is no journal yet: the first gate may be creating it. Empty (read to the end) only when this Jenkins cannot open
     * the journal at all (another key, locked by another process): then no gate of this Jenkins appends to it either.
     */
    public OptionalLong readBound() {
        Path dir = directory();
        if (!AuditJournal.exists(dir)) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(journal().lastSeq());
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "audit journal " + dir + " cannot be opened: readers read it to its end", e);
            return OptionalLong.empty();
        }
    }

    /**
     * Verifies the journal with Jenkins' key while gates keep appending to it ({@code AuditJournal.verify}): what is
     * appended meanwhile is not read, so it is never taken for tampering. The key stays here; the result names only
     * its id. Opens the journal when it exists and is not open yet; never creates one.
     *
     * @throws IOException when there is no journal yet, it cannot be opened, or Jenkins' key changed under it
     */
    public VerificationResult verifyLive() throws IOException {
        Path dir = directory();
        if (!AuditJournal.exists(dir)) {
            throw new IOException("there is no audit journal in " + dir + " yet: it is made with the first gate");
        }
        AuditJournal open = journal(); // not held under the class lock while verifying: appends take that lock
        String openedWith;
        synchronized (GateJournal.class) {
            openedWith = openedWithKeyId;
        }
        byte[] key = JournalKey.get().existing();
        try {
            String keyId = key == null ? null : JournalKeyFile.keyId(key);
            if (keyId == null || !keyId.equals(openedWith)) {
                throw new IOException("the audit journal in " + dir + " is written with key id " + openedWith
                        + " but Jenkins' confidential store now holds " + (keyId == null ? "no journal key"
                        : "key id " + keyId) + "; restart Jenkins to reopen the journal (" + DOCS + ")");
            }
            return open.verify(key);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static synchronized AuditJournal journal() throws IOException {
        Path dir = CriticalChangeGateConfiguration.get().journalPath();
        AuditJournal current = journal;
        if (current != null && !dir.equals(openedIn)) {
            // the directory changed in the global configuration: start writing there
            close();
            current = null;
        }
        if (current == null) {
            byte[] key = keyFor(dir);
            String keyId = JournalKeyFile.keyId(key);
            try {
                current = AuditJournal.open(dir, JournalOptions.builder().key(key).build());
            } catch (JournalLockedException e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot open the audit journal in " + dir + " with Jenkins' journal key (key"
                        + " id " + keyId + "): " + e.getMessage() + " (" + DOCS + ")", e);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            journal = current;
            FEED.restartAt(current.lastSeq() + 1);
            openedIn = dir;
            openedWithKeyId = keyId;
            for (String note : current.recoveryNotes()) {
                LOGGER.warning(() -> "audit journal " + dir + ": " + note);
            }
        }
        return current;
    }

    /**
     * The key to open the journal in {@code dir} with: Jenkins' key, made now when there is neither a key nor a
     * journal. A journal that does not fit Jenkins' key is refused here, before anything is written, with what was
     * found and what to do ({@link JournalKeyFit}).
     */
    private static byte[] keyFor(Path dir) throws IOException {
        JournalKey store = JournalKey.get();
        byte[] key = store.existing();
        JournalKeyFit fit = JournalKeyFit.read(dir, key == null ? null : JournalKeyFile.keyId(key));
        Optional<String> problem = fit.problem();
        if (problem.isPresent()) {
            throw new IOException(problem.get());
        }
        return key != null ? key : store.getOrCreate();
    }

    /** Closes the journal (flushing it and releasing its lock). */
    static synchronized void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not close the audit journal cleanly", e);
            }
            journal = null;
            openedIn = null;
            openedWithKeyId = null;
        }
    }

    /**
     * Jenkins is shutting down: release the journal so that the next start (or a test's next session) opens it. After
     * the plugin's pool stopped ({@code BackgroundWork.WORK_STOPPED}), so no gate appends to a closed journal.
     */
    @Terminator(requires = BackgroundWork.WORK_STOPPED)
    public static void shutDown() {
        close();
    }
}
