package io.jenkins.plugins.criticalchangegate.audit;

import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GATE_REQUESTED} says about the waiting itself, besides who asked: the deadline, the requirement (as a
 * sentence and as a number of approvals), and who may not approve (the upstream starters and the commit authors).
 * The approvals inbox and the notifications are rebuilt from the journal after a restart (issue 14), so the record
 * must carry what they show; docs/audit.md lists the members.
 */
public final class GateRequestRecord {
    /** When the gate expires (ISO-8601 instant). */
    public static final String DEADLINE = "deadline";
    /** How many approvals the gate needs. */
    public static final String APPROVALS_NEEDED = "approvalsNeeded";
    /** The requirement in a sentence ({@code CriticalSystem.requirement()}). */
    public static final String REQUIREMENT = "requirement";
    /** Users who started the build through upstream builds (only when there are any). */
    public static final String UPSTREAM_STARTERS = "upstreamStarters";
    /** Users who wrote the commits being shipped (only when there are any). */
    public static final String COMMIT_AUTHORS = "commitAuthors";

    private GateRequestRecord() {
    }

    /**
     * The gate's {@code GATE_REQUESTED} event with the waiting's members.
     *
     * @param requested the event, from {@link AuditEvent#gateRequested}
     * @param request the request the gate was opened with (its approval timeout included)
     * @throws IllegalArgumentException for another type of event, or one that already has these members
     */
    public static AuditEvent addTo(AuditEvent requested, GateRequest request) {
        if (requested.type() != AuditEventType.GATE_REQUESTED) {
            throw new IllegalArgumentException("only GATE_REQUESTED carries a gate's deadline, not "
                    + requested.type());
        }
        Map<String, Object> fields = new LinkedHashMap<>(requested.fields());
        for (String name : new String[] {DEADLINE, APPROVALS_NEEDED, REQUIREMENT, UPSTREAM_STARTERS, COMMIT_AUTHORS}) {
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException("the event already has a field '" + name + "'");
            }
        }
        fields.put(DEADLINE, RecordFormat.TIME.format(request.deadline()));
        fields.put(APPROVALS_NEEDED, (long) request.system().approvalsNeeded());
        fields.put(REQUIREMENT, request.system().requirement());
        if (!request.upstreamStarters().isEmpty()) {
            fields.put(UPSTREAM_STARTERS, new ArrayList<>(request.upstreamStarters()));
        }
        if (!request.commitAuthors().isEmpty()) {
            fields.put(COMMIT_AUTHORS, new ArrayList<>(request.commitAuthors()));
        }
        return AuditEvent.of(AuditEventType.GATE_REQUESTED, fields);
    }
}
