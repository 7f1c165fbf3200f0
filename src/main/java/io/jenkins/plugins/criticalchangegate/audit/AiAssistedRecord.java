package io.jenkins.plugins.criticalchangegate.audit;

import io.jenkins.plugins.criticalchangegate.policy.AiAssistance;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the journal (and the tool's JSON) say why a gate was held to its system's stricter rule for AI-assisted
 * changes: the {@code aiAssisted} member of {@code GATE_REQUESTED} (docs/audit.md), an object with {@code reason}
 * ({@code trailer} or {@code declared}), {@code declared}, and for a trailer {@code commit}, {@code trailer} and
 * {@code pattern}. A gate held to its system's own rule has no such member.
 */
public final class AiAssistedRecord {
    /** The member's name in {@code GATE_REQUESTED}. */
    public static final String FIELD = "aiAssisted";

    private AiAssistedRecord() {
    }

    /**
     * The object's members, in order; those that do not apply are {@code null} (the journal leaves them out, the
     * tool prints them as {@code null}).
     */
    public static Map<String, Object> fields(AiAssistance ai) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reason", ai.reason().label());
        fields.put("declared", ai.declared());
        fields.put("commit", ai.commit().orElse(null));
        fields.put("trailer", ai.trailer().orElse(null));
        fields.put("pattern", ai.pattern().orElse(null));
        return fields;
    }

    /**
     * The gate's {@code GATE_REQUESTED} event with the {@code aiAssisted} member when the request was held to the
     * stricter rule; the event itself otherwise.
     *
     * @param requested the event, from {@link AuditEvent#gateRequested}
     * @param request the gate's request
     */
    public static AuditEvent addTo(AuditEvent requested, GateRequest request) {
        if (requested.type() != AuditEventType.GATE_REQUESTED) {
            throw new IllegalArgumentException("only GATE_REQUESTED says why a gate is held to the AI-assisted rule,"
                    + " not " + requested.type());
        }
        return request.aiAssistance().map(ai -> requested.with(FIELD, fields(ai))).orElse(requested);
    }
}
