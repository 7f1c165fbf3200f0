package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.audit.GateEventRecords;
import io.jenkins.plugins.criticalchangegate.jenkins.emergency.EmergencyReviewMonitor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStateCodec;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
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
                    JournalRecord written = journal.append(emergency(record, event, audit));
                    if (written.type() == AuditEventType.DECIDED) {
                        decided = written;
                    }
                }
            }
            if (decided != null && record.getEmergency() != null) {
                EmergencyReviewMonitor.refreshSoon(); // an emergency approval opens a review obligation
            }
            return new Journaled(null, decided);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.SEVERE, "the audit journal could not record " + events + " at " + record, e);
            return new Journaled(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), decided);
        }
    }

    /**
     * The DECIDED record of an emergency gate (issue 16) with {@code emergency}, {@code incidentId}, {@code gateId}
     * and, when APPROVED, {@code approvedAt} (the decision's own time), {@code reviewDue} and {@code reviewers}: the
     * review obligation, read from the request the gate keeps. Any other record as it is.
     *
     * @throws IOException when the gate's saved state cannot be read: the decision is then not journaled, and the
     *     record says so (fail closed)
     */
    private static AuditEvent emergency(GateRecord record, GateEvent event, AuditEvent audit) throws IOException {
        String state = record.getGateState();
        if (record.getEmergency() == null || audit.type() != AuditEventType.DECIDED || state == null) {
            return audit;
        }
        GateRequest request = GateStateCodec.decode(state).request();
        return EmergencyRecords.decided(audit, request, event.at()).with(EmergencyRecords.GATE_ID,
                record.getGateId());
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
