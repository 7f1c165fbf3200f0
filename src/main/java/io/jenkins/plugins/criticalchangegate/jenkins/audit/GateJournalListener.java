package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Told of every record the controller's audit journal appends ({@link GateJournal#append}), right after it is on
 * disk: the one feed of the approvals inbox's index of open gates and of the notifications (issue 14), so that what
 * they show is exactly what the journal says, and they rebuild from the journal after a restart.
 *
 * <p>Called in the journal's order (never a decision before its request, never two records at once), on a thread
 * that appended (a pipeline's, a request's, the plugin's pool) while its caller waits: an implementation must be
 * cheap and must not block (update a map, offer to a bounded queue). A listener that
 * throws is logged and skipped; a journal append never fails because of a listener.
 */
public abstract class GateJournalListener implements ExtensionPoint {
    private static final Logger LOGGER = Logger.getLogger(GateJournalListener.class.getName());

    /**
     * A record was appended to the journal.
     *
     * @param record the record as written (type, fields, time, sequence number)
     */
    public abstract void onAppended(JournalRecord record);

    /** Tells every listener, in their extension order; a failing listener is logged, never propagated. */
    static void fireAppended(JournalRecord record) {
        for (GateJournalListener listener : ExtensionList.lookup(GateJournalListener.class)) {
            try {
                listener.onAppended(record);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "a listener of the audit journal failed on record " + record.seq() + " ("
                        + record.type() + "); the record is written, the listener missed it: " + listener, e);
            }
        }
    }
}
