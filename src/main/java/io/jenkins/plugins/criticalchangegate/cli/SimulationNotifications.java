package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.inbox.DecidedGate;
import io.jenkins.plugins.criticalchangegate.inbox.OpenGates;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import io.jenkins.plugins.criticalchangegate.notify.GateLinks;
import io.jenkins.plugins.criticalchangegate.notify.NotificationPayload;
import io.jenkins.plugins.criticalchangegate.policy.Approval;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code simulate ... --notify-out FILE}: the payloads the simulated gate would send to a webhook
 * (docs/notifications.md), as a JSON array of the exact bodies, so that registry owners can see them. Built as the
 * plugin builds them: the gate's journal records feed the open-gate index, and each payload comes from its entry.
 * Links point at {@value #ROOT} (the tool has no Jenkins); {@code gate.expiring} is shown
 * {@link #REMINDER_LEAD} before the deadline of a gate the simulation leaves open.
 */
final class SimulationNotifications {
    static final String ROOT = "https://jenkins.example.invalid/";
    static final Duration REMINDER_LEAD = Duration.ofHours(1);

    private SimulationNotifications() {
    }

    static List<NotificationPayload> payloads(List<AuditEvent> events, Simulation.Result result) {
        List<NotificationPayload> out = new ArrayList<>();
        if (result.state().isEmpty()) {
            return out; // not critical, or denied: no gate opened, nobody is notified
        }
        GateState state = result.state().get();
        OpenGates gates = new OpenGates(1);
        Instant requested = state.request().requestedAt();
        int approval = 0;
        for (AuditEvent e : events) {
            Map<String, Object> f = e.fields();
            Instant at = requested;
            if (e.type() == AuditEventType.APPROVAL_ACCEPTED && approval < state.approvals().size()) {
                Approval a = state.approvals().get(approval++);
                at = a.at();
            } else if (e.type() == AuditEventType.DECIDED) {
                at = state.decision().map(GateEvent::at).orElse(requested);
            }
            gates.accept(e.type(), f, at);
            if (e.type() == AuditEventType.GATE_REQUESTED) {
                gates.open().stream().findFirst().ifPresent(g -> out.add(NotificationPayload.opened(g, links(g))));
            } else if (e.type() == AuditEventType.DECIDED) {
                for (DecidedGate d : gates.recentlyDecided()) {
                    out.add(NotificationPayload.decided(d, links(d.gate())));
                }
            }
        }
        for (PendingGate open : gates.open()) {
            Instant reminder = open.deadline().map(d -> d.minus(REMINDER_LEAD)).orElse(requested);
            out.add(NotificationPayload.expiring(open, links(open), reminder));
        }
        return out;
    }

    private static GateLinks links(PendingGate g) {
        return GateLinks.fromRoot(ROOT, g.job(), g.build());
    }

    /** Writes the payloads, a JSON array of the bodies exactly as they would be sent; false (said why) on failure. */
    static boolean write(Path file, List<NotificationPayload> payloads, Console console, @CheckForNull String given) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < payloads.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append(new String(payloads.get(i).body(), StandardCharsets.UTF_8));
        }
        json.append("\n]\n");
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            console.err().println("error: cannot write --notify-out " + ControlCharacters.escape(String.valueOf(given))
                    + ": " + IoProblem.describe(e));
            return false;
        }
    }
}
