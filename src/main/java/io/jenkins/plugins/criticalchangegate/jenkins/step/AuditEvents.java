package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.GateEventRecords;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import java.util.List;

/** The journal events for what happened at a gate of a build: the job, build, system and change name the gate. */
final class AuditEvents {
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

    private static String changeId(GateRecord record) {
        String changeId = record.getChangeId();
        return changeId == null ? "" : changeId;
    }
}
