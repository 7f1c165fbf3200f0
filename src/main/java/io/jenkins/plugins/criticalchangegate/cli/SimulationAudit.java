package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.policy.Approval;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit journal's records for a simulated gate ({@code simulate --journal}): the simulation's trail, event by
 * event, in the journal's terms (docs/audit.md, "What is recorded"). A simulation has no build: {@code build} is 0
 * and {@code job} is the one given, or {@code simulate}.
 */
final class SimulationAudit {
    static final String DEFAULT_JOB = "simulate";

    private SimulationAudit() {
    }

    static List<AuditEvent> events(String system, @CheckForNull String job, String changeId,
            @CheckForNull String startedBy, Simulation.Result result) {
        String j = job == null ? DEFAULT_JOB : job;
        String id = result.resolution().system().map(s -> s.id().value()).orElse(system.strip());
        List<String> approvers = new ArrayList<>();
        result.state().map(GateState::approvals).orElse(List.of()).stream().map(Approval::user)
                .forEach(approvers::add);
        List<AuditEvent> events = new ArrayList<>();
        for (GateEvent e : result.events()) {
            String user = e.user().orElse(null);
            String text = e.text().orElse(null);
            switch (e.type()) {
                case REQUESTED:
                    events.add(AuditEvent.gateRequested(j, 0, id, changeId, null, startedBy));
                    break;
                case APPROVAL_ACCEPTED:
                    events.add(AuditEvent.approvalAccepted(j, 0, id, changeId, required(user, e),
                            e.group().orElse(null)));
                    break;
                case APPROVAL_REFUSED:
                    events.add(AuditEvent.approvalRefused(j, 0, id, changeId, required(user, e),
                            e.refusal().map(Enum::name).orElse("REFUSED")));
                    break;
                case REJECTION_REFUSED: {
                    Map<String, Object> fields = gate(j, id, changeId);
                    fields.put("user", required(user, e));
                    fields.put("reason", e.refusal().map(Enum::name).orElse("REFUSED"));
                    fields.put("attempt", "reject");
                    events.add(AuditEvent.of(AuditEventType.APPROVAL_REFUSED, fields));
                    break;
                }
                case APPROVED:
                    events.add(AuditEvent.decided(j, 0, id, changeId, "APPROVED", approvers, text));
                    break;
                case REJECTED:
                    events.add(AuditEvent.rejected(j, 0, id, changeId, required(user, e), text == null ? "" : text));
                    events.add(AuditEvent.decided(j, 0, id, changeId, "REJECTED", approvers, text));
                    break;
                case EXPIRED:
                    events.add(AuditEvent.expired(j, 0, id, changeId, text));
                    events.add(AuditEvent.decided(j, 0, id, changeId, "EXPIRED", approvers, text));
                    break;
                case ABORTED:
                    events.add(AuditEvent.decided(j, 0, id, changeId, "ABORTED", approvers, text));
                    break;
                case PASSED_NOT_CRITICAL:
                    events.add(AuditEvent.notCritical(j, 0, id, changeId, startedBy));
                    break;
                case DENIED: {
                    Map<String, Object> fields = gate(j, id, changeId);
                    fields.put("outcome", "DENIED");
                    fields.put("approvers", List.of());
                    fields.put("reason", text);
                    fields.put("user", startedBy);
                    events.add(AuditEvent.of(AuditEventType.DECIDED, fields));
                    break;
                }
                default:
                    throw new IllegalStateException("no journal record for gate event " + e.type());
            }
        }
        return events;
    }

    private static Map<String, Object> gate(String job, String system, String changeId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job", job);
        fields.put("build", 0L);
        fields.put("system", system);
        fields.put("changeId", changeId);
        return fields;
    }

    private static String required(@CheckForNull String user, GateEvent e) {
        if (user == null) {
            throw new IllegalStateException("gate event " + e + " has no user");
        }
        return user;
    }
}
