package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value the {@code criticalChangeGate} step returns to the script ({@code def gate = criticalChangeGate(...)}):
 * {@code outcome}, {@code approvers}, {@code changeId}, {@code system}, {@code gateId}, {@code attestation} (the
 * signed envelope of an approval, one line of JSON, or null), {@code emergency} (whether the gate took the system's
 * break-glass path, issue 16) and {@code incidentId} (its incident, or null).
 */
public final class StepResult {
    private StepResult() {
    }

    /**
     * The value the step returns to the script: only strings, lists and maps, which the Pipeline sandbox lets a
     * script read ({@code gate.outcome}, {@code gate.approvers}).
     */
    public static Map<String, Object> of(GateRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", record.getStatus().name());
        out.put("approvers", new ArrayList<>(record.approverIds()));
        out.put("changeId", record.getChangeId());
        out.put("system", record.getSystem());
        out.put("gateId", record.getGateId());
        AttestationEntry attestation = record.getAttestation();
        out.put("attestation", attestation == null ? null : attestation.getEnvelope());
        EmergencyEntry emergency = record.getEmergency();
        out.put("emergency", emergency != null);
        out.put("incidentId", emergency == null ? null : emergency.getIncidentId());
        return out;
    }

    /** The value the step returns for a system that is not critical. */
    public static Map<String, Object> notCritical(String system, @CheckForNull String changeId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", GateStatus.NOT_CRITICAL.name());
        out.put("approvers", new ArrayList<String>());
        out.put("changeId", changeId);
        out.put("system", system);
        out.put("gateId", null);
        out.put("attestation", null);
        out.put("emergency", false);
        out.put("incidentId", null);
        return out;
    }
}
