package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
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
     * @return the failure's message, or {@code null} when every record was written
     */
    @CheckForNull
    static String append(GateAction action, GateRecord record, List<GateEvent> events) {
        try {
            GateJournal journal = GateJournal.get();
            for (GateEvent event : events) {
                for (AuditEvent audit : of(action, record, event)) {
                    journal.append(audit);
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.SEVERE, "the audit journal could not record " + events + " at " + record, e);
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static String changeId(GateRecord record) {
        String changeId = record.getChangeId();
        return changeId == null ? "" : changeId;
    }
}
