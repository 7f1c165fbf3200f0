package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's records for what happened at an open gate, one policy event at a time: what the gate in Jenkins and
 * the tool's {@code simulate --journal} both write, so that the two journals say the same things the same way
 * (docs/audit.md, "What is recorded"). A decision is also journaled as {@code DECIDED}, with the approvers that
 * counted. The gate's request, a "not critical" pass and a denial are journaled by whoever opens the gate, with the
 * context only they have (the build's starter, the registry version).
 */
public final class GateEventRecords {
    private final String job;
    private final long build;
    private final String system;
    private final String changeId;

    /**
     * @param job the job's full name
     * @param build the build number (0 for a simulation)
     * @param system the system's id
     * @param changeId the change id
     */
    public GateEventRecords(String job, long build, String system, String changeId) {
        this.job = job;
        this.build = build;
        this.system = system;
        this.changeId = changeId;
    }

    /** Whether events of this type are journaled here (those of an open gate) rather than where the gate opens. */
    public static boolean journals(GateEvent.Type type) {
        switch (type) {
            case APPROVAL_ACCEPTED:
            case APPROVAL_REFUSED:
            case REJECTION_REFUSED:
            case HELD:
            case RELEASED:
            case APPROVED:
            case REJECTED:
            case EXPIRED:
            case ABORTED:
                return true;
            default:
                return false;
        }
    }

    /**
     * The records one event stands for.
     *
     * @param approvers the users whose approvals count once the event happened (for {@code DECIDED})
     * @throws IllegalArgumentException for an event that has no record here (the gate's opening ones)
     */
    public List<AuditEvent> of(GateEvent event, List<String> approvers) {
        String text = event.text().orElse(null);
        switch (event.type()) {
            case APPROVAL_ACCEPTED: {
                AuditEvent accepted = AuditEvent.approvalAccepted(job, build, system, changeId, user(event),
                        event.group().orElse(null));
                // the approver's comment, so the audit report can show what they said (issue 17)
                return List.of(text == null || text.isBlank() ? accepted : accepted.with("comment", text));
            }
            case APPROVAL_REFUSED:
                return List.of(AuditEvent.approvalRefused(job, build, system, changeId, user(event),
                        reason(event)));
            case REJECTION_REFUSED: {
                // journaled as a refused attempt, marked as a rejection, so an auditor sees what was tried
                Map<String, Object> fields = new LinkedHashMap<>(AuditEvent.approvalRefused(job, build, system,
                        changeId, user(event), reason(event)).fields());
                fields.put("attempt", "reject");
                return List.of(AuditEvent.of(AuditEventType.APPROVAL_REFUSED, fields));
            }
            case HELD:
                return List.of(AuditEvent.held(job, build, system, changeId, text == null ? "held" : text));
            case RELEASED:
                return List.of(AuditEvent.released(job, build, system, changeId, text == null ? "released" : text));
            case APPROVED:
                return List.of(decided(event, approvers, text));
            case REJECTED:
                return List.of(AuditEvent.rejected(job, build, system, changeId, user(event), text == null ? "" : text),
                        decided(event, approvers, text));
            case EXPIRED:
                return List.of(AuditEvent.expired(job, build, system, changeId, text), decided(event, approvers, text));
            case ABORTED:
                return List.of(decided(event, approvers, text));
            default:
                throw new IllegalArgumentException("gate event " + event.type() + " is journaled by whoever opens the"
                        + " gate, not here");
        }
    }

    private AuditEvent decided(GateEvent event, List<String> approvers, @CheckForNull String reason) {
        return AuditEvent.decided(job, build, system, changeId, event.type().name(), approvers, reason);
    }

    private static String reason(GateEvent event) {
        return event.refusal().map(Enum::name).orElse("REFUSED");
    }

    private static String user(GateEvent event) {
        return event.user().orElseThrow(() -> new IllegalStateException("gate event " + event + " has no user"));
    }
}
