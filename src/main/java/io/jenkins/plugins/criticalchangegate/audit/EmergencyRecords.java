package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.Review;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the journal records the emergency (break-glass) path, issue 16 (docs/audit.md): an emergency gate's
 * {@code GATE_REQUESTED} and {@code DECIDED} carry {@code emergency: true} and {@code incidentId} (and the
 * requirement, the time of the approval, the review's due time and reviewers), its {@code DOCUMENTATION_CHECKED} says
 * {@code advisory: true}, and a review is an {@code EMERGENCY_REVIEWED} (or {@code EMERGENCY_REVIEW_REFUSED})
 * record. What Jenkins and the tool's {@code simulate --journal} both write; {@link EmergencyReviews} reads it back.
 */
public final class EmergencyRecords {
    /** Present, {@code true}, on every record of an emergency gate that says so. */
    public static final String EMERGENCY = "emergency";
    public static final String INCIDENT_ID = "incidentId";
    /** When the emergency approval was decided (ISO-8601 instant), on the APPROVED {@code DECIDED}. */
    public static final String APPROVED_AT = "approvedAt";
    /** When the review is due (ISO-8601 instant, {@code approvedAt} + {@code reviewWithin}). */
    public static final String REVIEW_DUE = "reviewDue";
    /** The gate's id in its build, when the adapter knows it. */
    public static final String GATE_ID = "gateId";

    private EmergencyRecords() {
    }

    /**
     * {@code GATE_REQUESTED} with {@code emergency}, {@code incidentId} and {@code emergencyRequirement}
     * ({@code approvers}, {@code requiredApprovals}, {@code reviewers}, {@code reviewWithin}) for an emergency
     * request; the event itself otherwise.
     */
    public static AuditEvent requested(AuditEvent requested, GateRequest request) {
        if (requested.type() != AuditEventType.GATE_REQUESTED) {
            throw new IllegalArgumentException("expected GATE_REQUESTED, not " + requested.type());
        }
        if (!request.emergency()) {
            return requested;
        }
        CriticalSystem system = request.system();
        EmergencyPolicy path = path(system);
        Map<String, Object> requirement = new LinkedHashMap<>();
        requirement.put("approvers", names(system.approvers()));
        requirement.put("requiredApprovals", system.approvalsNeeded());
        requirement.put("reviewers", names(path.reviewers()));
        requirement.put("reviewWithin", path.reviewWithinText());
        return requested.with(EMERGENCY, true).with(INCIDENT_ID, request.incidentId().orElseThrow())
                .with("emergencyRequirement", requirement);
    }

    /**
     * {@code DECIDED} of an emergency gate: with {@code emergency} and {@code incidentId}, and when the outcome is
     * APPROVED with {@code approvedAt}, {@code reviewDue} and {@code reviewers}, so that the review obligation can be
     * read from this one record; the event itself for a usual gate.
     *
     * @param decidedAt when the gate decided (the APPROVED event's time, not the journal's)
     */
    public static AuditEvent decided(AuditEvent decided, GateRequest request, Instant decidedAt) {
        if (decided.type() != AuditEventType.DECIDED) {
            throw new IllegalArgumentException("expected DECIDED, not " + decided.type());
        }
        if (!request.emergency()) {
            return decided;
        }
        AuditEvent out = decided.with(EMERGENCY, true).with(INCIDENT_ID, request.incidentId().orElseThrow());
        if ("APPROVED".equals(decided.fields().get("outcome"))) {
            EmergencyPolicy path = path(request.system());
            out = out.with(APPROVED_AT, decidedAt.toString())
                    .with(REVIEW_DUE, decidedAt.plus(path.reviewWithin()).toString())
                    .with("reviewers", names(path.reviewers()));
        }
        return out;
    }

    /**
     * {@code DECIDED} with outcome {@code DENIED} of an emergency request the registry refused before any gate opened
     * (no emergency path, an incident id its pattern refuses, the system denied): with {@code emergency} and
     * {@code incidentId}, so that an auditor finds every attempt to break the glass, not only the approved ones.
     * {@link EmergencyReviews} lists APPROVED ones only, so a denial opens no review.
     */
    public static AuditEvent denied(AuditEvent decided, String incidentId) {
        if (decided.type() != AuditEventType.DECIDED || !"DENIED".equals(decided.fields().get("outcome"))) {
            throw new IllegalArgumentException("expected DECIDED with outcome DENIED, not " + decided.type() + " "
                    + decided.fields().get("outcome"));
        }
        return decided.with(EMERGENCY, true).with(INCIDENT_ID, incidentId);
    }

    /** {@code DOCUMENTATION_CHECKED} of an emergency gate, marked {@code advisory: true}: it never blocked. */
    public static AuditEvent documentationChecked(AuditEvent checked, GateRequest request) {
        if (checked.type() != AuditEventType.DOCUMENTATION_CHECKED) {
            throw new IllegalArgumentException("expected DOCUMENTATION_CHECKED, not " + checked.type());
        }
        return request.emergency() ? checked.with(EMERGENCY, true).with("advisory", true) : checked;
    }

    /**
     * The record of a review: {@code EMERGENCY_REVIEWED} with {@code user}, {@code verdict}, {@code text} when
     * accepted, else {@code EMERGENCY_REVIEW_REFUSED} with {@code user}, {@code reason}, {@code detail}.
     *
     * @param gateId the gate's id in its build, or {@code null} when there is none (a simulation)
     */
    public static AuditEvent review(String job, long build, String system, String changeId, String incidentId,
            @CheckForNull String gateId, Review review) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job", job);
        fields.put("build", build);
        fields.put("system", system);
        fields.put("changeId", changeId);
        fields.put(GATE_ID, gateId);
        fields.put(INCIDENT_ID, incidentId);
        fields.put("user", review.reviewer());
        fields.put("verdict", review.verdict().label());
        if (review.accepted()) {
            fields.put("text", review.text().orElse(null));
            return AuditEvent.of(AuditEventType.EMERGENCY_REVIEWED, fields);
        }
        fields.put("reason", review.refusal().orElseThrow().name());
        fields.put("detail", review.message());
        return AuditEvent.of(AuditEventType.EMERGENCY_REVIEW_REFUSED, fields);
    }

    private static EmergencyPolicy path(CriticalSystem system) {
        return system.emergency().orElseThrow(() -> new IllegalStateException("emergency request for system '"
                + system.id() + "' without an emergency path"));
    }

    static List<String> names(List<ApproverRef> refs) {
        List<String> names = new ArrayList<>();
        for (ApproverRef ref : refs) {
            names.add(ref.toString());
        }
        return names;
    }
}
