package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import hudson.Extension;
import hudson.model.PeriodicWork;
import io.jenkins.plugins.criticalchangegate.inbox.GateKey;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.inbox.GateIndex;
import io.jenkins.plugins.criticalchangegate.notify.NotificationPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends {@code gate.expiring} once for each open gate when its deadline is the configured number of minutes away
 * (NotificationConfiguration's {@code reminderMinutes}). A {@link PeriodicWork}, once a minute: Jenkins runs it on
 * Timer, so it only hands the pass to the plugin's pool ({@link BackgroundWork}); the pass reads the index, O(open
 * gates), and queues payloads without waiting. Which gates were reminded is kept in memory: after a restart a gate
 * inside its reminder window may be reminded once more, which is better than not at all.
 */
@Extension
public class GateReminders extends PeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(GateReminders.class.getName());

    private final Set<GateKey> reminded = ConcurrentHashMap.newKeySet();

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    protected void doRun() {
        try {
            BackgroundWork.submit(() -> remind(Instant.now()));
        } catch (RejectedExecutionException e) {
            LOGGER.fine(() -> "gate reminders skipped this minute: " + e.getMessage());
        }
    }

    /** One pass: remind the gates due, forget the ones no longer open. */
    void remind(Instant now) {
        NotificationConfiguration config = NotificationConfiguration.get();
        int minutes = config.getReminderMinutes();
        List<PendingGate> pending = GateIndex.get().gates().open();
        // asked once per pass, not per gate: anyRecipients walks every system of the registry
        boolean quiet = minutes == 0 || !pending.isEmpty() && config.getWebhooks().isEmpty()
                && !MailDelivery.anyRecipients();
        Set<GateKey> open = new HashSet<>();
        for (PendingGate gate : pending) {
            open.add(gate.key());
            if (quiet || gate.deadline().isEmpty() || reminded.contains(gate.key())) {
                continue;
            }
            Instant due = gate.deadline().get().minus(Duration.ofMinutes(minutes));
            if (!now.isBefore(due) && now.isBefore(gate.deadline().get()) && reminded.add(gate.key())) {
                NotificationPayload payload = NotificationPayload.expiring(gate, GateNotifier.links(gate), now);
                WebhookDelivery.send(payload);
                MailDelivery.send(payload);
            }
        }
        reminded.retainAll(open);
    }
}
