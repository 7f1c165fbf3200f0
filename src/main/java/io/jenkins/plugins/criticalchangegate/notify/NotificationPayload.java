package io.jenkins.plugins.criticalchangegate.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.CanonicalJson;
import io.jenkins.plugins.criticalchangegate.inbox.DecidedGate;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a webhook receives (docs/notifications.md, schema version {@value #SCHEMA_VERSION}): the event, the gate
 * (system, change, job, build, links, requirement, approvals, deadline) and a {@code text} that Slack's and Teams'
 * incoming webhooks show as is. The body is the canonical JSON encoding (members sorted, no white space, no null), so
 * the bytes signed are the bytes sent and two builds of the same payload are identical. An immutable value.
 */
public final class NotificationPayload {
    /** Raised only for a change that breaks a receiver (a member removed or changing meaning). */
    public static final int SCHEMA_VERSION = 1;

    private final NotificationEvent event;
    private final String system;
    private final Map<String, Object> fields;
    private final byte[] body;

    private NotificationPayload(NotificationEvent event, String system, Map<String, Object> fields) {
        this.event = event;
        this.system = system;
        this.fields = Collections.unmodifiableMap(fields);
        this.body = CanonicalJson.encode(fields);
    }

    /** A gate opened. */
    public static NotificationPayload opened(PendingGate gate, GateLinks links) {
        Map<String, Object> f = gate(NotificationEvent.GATE_OPENED, gate, links);
        f.put("text", "Approval needed: change " + gate.changeId() + " to " + gate.system() + " (" + gate.job()
                + " #" + gate.build() + ")" + by(gate) + " needs " + needed(gate) + deadline(gate) + ". "
                + links.gateUrl());
        return new NotificationPayload(NotificationEvent.GATE_OPENED, gate.system(), f);
    }

    /** A gate was decided. */
    public static NotificationPayload decided(DecidedGate decided, GateLinks links) {
        PendingGate gate = decided.gate();
        Map<String, Object> f = gate(NotificationEvent.GATE_DECIDED, gate, links);
        f.put("outcome", decided.outcome());
        f.put("decidedAt", decided.decidedAt().toString());
        f.put("approvers", decided.approvers());
        f.put("text", "Change " + gate.changeId() + " to " + gate.system() + " (" + gate.job() + " #" + gate.build()
                + ") was " + decided.outcome() + (decided.approvers().isEmpty() ? ""
                        : ", approved by " + String.join(", ", decided.approvers())) + ". " + links.gateUrl());
        return new NotificationPayload(NotificationEvent.GATE_DECIDED, gate.system(), f);
    }

    /**
     * A gate still open close to its deadline.
     *
     * @param now when the reminder goes out
     */
    public static NotificationPayload expiring(PendingGate gate, GateLinks links, Instant now) {
        Map<String, Object> f = gate(NotificationEvent.GATE_EXPIRING, gate, links);
        String left = gate.deadline().map(d -> " expires in " + minutes(now, d) + " min").orElse(" expires soon");
        f.put("text", "Reminder: change " + gate.changeId() + " to " + gate.system() + " (" + gate.job() + " #"
                + gate.build() + ")" + left + " and still needs " + needed(gate) + ". " + links.gateUrl());
        return new NotificationPayload(NotificationEvent.GATE_EXPIRING, gate.system(), f);
    }

    private static Map<String, Object> gate(NotificationEvent event, PendingGate gate, GateLinks links) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("schemaVersion", (long) SCHEMA_VERSION);
        f.put("event", event.wireName());
        f.put("system", gate.system());
        f.put("changeId", gate.changeId());
        f.put("job", gate.job());
        f.put("build", gate.build());
        f.put("buildUrl", links.buildUrl());
        f.put("gateUrl", links.gateUrl());
        f.put("requestedAt", gate.requestedAt().toString());
        gate.startedBy().ifPresent(s -> f.put("startedBy", s));
        gate.requirement().ifPresent(r -> f.put("requirement", r));
        f.put("approvalsNeeded", (long) gate.approvalsNeeded());
        List<Map<String, Object>> approvals = new ArrayList<>();
        for (PendingGate.Vote v : gate.approvals()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("user", v.user());
            v.through().ifPresent(t -> a.put("through", t));
            a.put("at", v.at().toString());
            approvals.add(a);
        }
        f.put("approvals", approvals);
        gate.deadline().ifPresent(d -> f.put("deadline", d.toString()));
        gate.documentationUrl().ifPresent(u -> f.put("documentationUrl", u));
        gate.heldBecause().ifPresent(h -> f.put("heldBecause", h));
        return f;
    }

    private static String by(PendingGate gate) {
        return gate.startedBy().map(s -> ", started by " + s + ",").orElse("");
    }

    private static String needed(PendingGate gate) {
        int missing = Math.max(0, gate.approvalsNeeded() - gate.approvals().size());
        return gate.approvalsNeeded() == 0 ? "approval" : missing + " more approval(s) of " + gate.approvalsNeeded();
    }

    private static String deadline(PendingGate gate) {
        return gate.deadline().map(d -> " by " + d).orElse("");
    }

    private static long minutes(Instant now, @CheckForNull Instant deadline) {
        return deadline == null ? 0 : Math.max(0, java.time.Duration.between(now, deadline).toMinutes());
    }

    public NotificationEvent event() {
        return event;
    }

    /** The gate's system: what a webhook's {@code systems} filter matches. */
    public String system() {
        return system;
    }

    /** The payload's members (unmodifiable). */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The exact bytes sent and signed (UTF-8 JSON); a copy. */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return event.wireName() + " " + fields.get("changeId") + " to " + system;
    }
}
