package io.jenkins.plugins.criticalchangegate.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import java.util.List;

/** The journal events for what happened at a gate of a build: the job, build, system and change name the gate. */
final class AuditEvents {
    private AuditEvents() {
    }

    /** The journal events one policy event stands for (a decision is also journaled as {@code DECIDED}). */
    static List<AuditEvent> of(GateAction action, GateRecord record, GateEvent event) {
        Run<?, ?> run = action.run();
        String job = run.getParent().getFullName();
        long build = run.getNumber();
        String system = record.getSystem();
        String change = changeId(record);
        String user = event.user().orElse("unknown");
        switch (event.type()) {
            case APPROVAL_ACCEPTED:
                return List.of(AuditEvent.approvalAccepted(job, build, system, change, user));
            case APPROVAL_REFUSED:
            case REJECTION_REFUSED:
                return List.of(AuditEvent.approvalRefused(job, build, system, change, user,
                        event.refusal().map(Enum::name).orElse("REFUSED")));
            case REJECTED:
                return List.of(AuditEvent.rejected(job, build, system, change, user, event.text().orElse("")),
                        decided(run, record));
            case EXPIRED:
                return List.of(AuditEvent.expired(job, build, system, change, event.text().orElse(null)),
                        decided(run, record));
            case APPROVED:
            case ABORTED:
                return List.of(decided(run, record));
            default:
                return List.of();
        }
    }

    /** An approval the adapter refused before the policy saw it (another starter of an upstream build). */
    static AuditEvent refused(GateAction action, GateRecord record, String user, String code) {
        Run<?, ?> run = action.run();
        return AuditEvent.approvalRefused(run.getParent().getFullName(), run.getNumber(), record.getSystem(),
                changeId(record), user, code);
    }

    static AuditEvent decided(Run<?, ?> run, GateRecord record) {
        return AuditEvent.decided(run.getParent().getFullName(), run.getNumber(), record.getSystem(),
                changeId(record), record.getStatus().name(), record.approverIds());
    }

    private static String changeId(GateRecord record) {
        return record.getChangeId() == null ? "" : record.getChangeId();
    }
}
