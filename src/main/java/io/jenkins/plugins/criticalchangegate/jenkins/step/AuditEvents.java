package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.GateEventRecords;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The journal events for what happened at a gate of a build: the job, build, system and change name the gate. */
final class AuditEvents {
    private static final Logger LOGGER = Logger.getLogger(AuditEvents.class.getName());

    private AuditEvents() {
    }

    /**
     * The journal events one policy event stands for (GateEventRecords: the same records the tool's simulation
     * writes). Events of the gate's opening are journaled where the gate opens, with the registry version.
     */
    static List<AuditEvent> of(GateAction action, GateRecord record, GateEvent event) {
        if (!GateEventRecords.journals(event.type())) {
            return List.of();
        }
        Run<?, ?> run = action.run();
        return new GateEventRecords(run.getParent().getFullName(), run.getNumber(), record.getSystem(),
                changeId(record)).of(event, record.approverIds());
    }

    /**
     * Appends to the controller's journal the records of these policy events of a gate.
     *
     * @return what was written: the failure's message, or none and the DECIDED record if one was written
     */
    static Journaled append(GateAction action, GateRecord record, List<GateEvent> events) {
        JournalRecord decided = null;
        try {
            GateJournal journal = GateJournal.get();
            for (GateEvent event : events) {
                for (AuditEvent audit : of(action, record, event)) {
                    JournalRecord written = journal.append(audit);
                    if (written.type() == AuditEventType.DECIDED) {
                        decided = written;
                    }
                }
            }
            return new Journaled(null, decided);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.SEVERE, "the audit journal could not record " + events + " at " + record, e);
            return new Journaled(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), decided);
        }
    }

    /** What {@link #append} wrote: the failure, if any, and the decision's record, if one was written. */
    static final class Journaled {
        @CheckForNull
        final String failure;
        @CheckForNull
        final JournalRecord decided;

        Journaled(@CheckForNull String failure, @CheckForNull JournalRecord decided) {
            this.failure = failure;
            this.decided = decided;
        }
    }

    private static String changeId(GateRecord record) {
        String changeId = record.getChangeId();
        return changeId == null ? "" : changeId;
    }
}
