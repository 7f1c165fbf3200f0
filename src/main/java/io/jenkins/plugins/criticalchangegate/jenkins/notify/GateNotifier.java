package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.inbox.DecidedGate;
import io.jenkins.plugins.criticalchangegate.inbox.GateKey;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournalListener;
import io.jenkins.plugins.criticalchangegate.jenkins.inbox.GateIndex;
import io.jenkins.plugins.criticalchangegate.notify.GateLinks;
import io.jenkins.plugins.criticalchangegate.notify.NotificationPayload;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends {@code gate.opened} when the journal records a gate's request and {@code gate.decided} when it records its
 * decision. After the index ({@link GateIndex}, a higher ordinal), whose entry for the gate the payload is built from,
 * so a payload says exactly what the inbox shows. Cheap: builds the payload and hands it to the plugin's pool, which
 * queues it for delivery ({@link WebhookDelivery}).
 */
@Extension(ordinal = 50)
public class GateNotifier extends GateJournalListener {
    private static final Logger LOGGER = Logger.getLogger(GateNotifier.class.getName());

    @Override
    public void onAppended(JournalRecord record) {
        if (record.type() != AuditEventType.GATE_REQUESTED && record.type() != AuditEventType.DECIDED) {
            return;
        }
        if (NotificationConfiguration.get().getWebhooks().isEmpty() && !MailDelivery.anyRecipients()) {
            return;
        }
        Optional<GateKey> key = key(record);
        if (key.isEmpty()) {
            return;
        }
        GateIndex index = GateIndex.get();
        if (record.type() == AuditEventType.GATE_REQUESTED) {
            index.gates().get(key.get()).ifPresent(gate -> send(NotificationPayload.opened(gate, links(gate))));
        } else {
            for (DecidedGate decided : index.gates().recentlyDecided()) {
                if (decided.gate().key().equals(key.get())) {
                    send(NotificationPayload.decided(decided, links(decided.gate())));
                    return;
                }
            }
        }
    }

    /**
     * The payload is built here, from the index as this record left it; the credentials lookup and the queueing
     * happen on the plugin's pool, so the thread that appended (a pipeline's, a request's) only builds a value.
     */
    private static void send(NotificationPayload payload) {
        try {
            BackgroundWork.submit(() -> {
                WebhookDelivery.send(payload);
                MailDelivery.send(payload); // the system's notify.email; its own task, so SMTP waits hold no webhook
            });
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.WARNING, "could not hand the notification " + payload + " to the plugin's pool; not"
                    + " sent (the journal has the record)", e);
        }
    }

    private static Optional<GateKey> key(JournalRecord record) {
        Object job = record.fields().get("job");
        Object build = record.fields().get("build");
        return job instanceof String && build instanceof Number
                ? Optional.of(new GateKey((String) job, ((Number) build).longValue())) : Optional.empty();
    }

    /** The gate's links under Jenkins' URL (configure it in Manage Jenkins; else they are relative to the root). */
    static GateLinks links(PendingGate gate) {
        String root = rootUrl();
        return GateLinks.fromRoot(root == null ? "/" : root, gate.job(), gate.build());
    }

    @CheckForNull
    private static String rootUrl() {
        try {
            return new JenkinsFacade().rootUrl();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
