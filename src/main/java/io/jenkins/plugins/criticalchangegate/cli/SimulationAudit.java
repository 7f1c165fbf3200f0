package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.AiAssistedRecord;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.audit.GateEventRecords;
import io.jenkins.plugins.criticalchangegate.audit.GateRequestRecord;
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
        return events(system, job, changeId, startedBy, result, null);
    }

    /**
     * The same, for a simulation of an emergency request ({@code --emergency --incident ID}): a denial is marked
     * {@code emergency} with its incident id, as Jenkins marks it, and opens no review.
     *
     * @param incidentId the incident of an emergency request, or {@code null} for a usual one
     */
    static List<AuditEvent> events(String system, @CheckForNull String job, String changeId,
            @CheckForNull String startedBy, Simulation.Result result, @CheckForNull String incidentId) {
        String j = job == null ? DEFAULT_JOB : job;
        String id = result.resolution().system().map(s -> s.id().value()).orElse(system.strip());
        List<String> approvers = new ArrayList<>();
        result.state().map(GateState::approvals).orElse(List.of()).stream().map(Approval::user)
                .forEach(approvers::add);
        GateEventRecords records = new GateEventRecords(j, 0, id, changeId);
        List<AuditEvent> events = new ArrayList<>();
        for (GateEvent e : result.events()) {
            switch (e.type()) {
                case REQUESTED: {
                    AuditEvent plain = AuditEvent.gateRequested(j, 0, id, changeId, null, startedBy);
                    AuditEvent requested = result.state().map(state -> GateRequestRecord.addTo(
                            AiAssistedRecord.addTo(plain, state.request()), state.request())).orElse(plain);
                    List<String> overlays = result.state().map(st -> st.request().overlays()).orElse(List.of());
                    if (!overlays.isEmpty()) {
                        Map<String, Object> fields = new LinkedHashMap<>(requested.fields());
                        fields.put("overlays", overlays);
                        requested = AuditEvent.of(AuditEventType.GATE_REQUESTED, fields);
                    }
                    if (result.state().isPresent()) {
                        requested = EmergencyRecords.requested(requested, result.state().get().request());
                    }
                    events.add(requested);
                    break;
                }
                case PASSED_NOT_CRITICAL:
                    events.add(AuditEvent.notCritical(j, 0, id, changeId, startedBy));
                    break;
                case DENIED: {
                    Map<String, Object> fields = gate(j, id, changeId);
                    fields.put("outcome", "DENIED");
                    fields.put("approvers", List.of());
                    fields.put("reason", e.text().orElse(null));
                    fields.put("user", startedBy);
                    AuditEvent denied = AuditEvent.of(AuditEventType.DECIDED, fields);
                    events.add(incidentId == null ? denied : EmergencyRecords.denied(denied, incidentId));
                    break;
                }
                default:
                    // what happens at the open gate: written as the gate in Jenkins writes it
                    for (AuditEvent event : records.of(e, approvers)) {
                        events.add(event.type() == AuditEventType.DECIDED && result.state().isPresent()
                                ? EmergencyRecords.decided(event, result.state().get().request(), e.at()) : event);
                    }
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
}
