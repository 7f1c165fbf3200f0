package io.jenkins.plugins.criticalchangegate.notify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of the e-mails about gates, for administrators: counts by status and the last outcomes, as
 * {@link WebhookDispatcher} keeps them for webhooks, so the configuration page lists both in one table. A mail is
 * {@link Delivery.Status#DELIVERED} once the SMTP server took it, {@link Delivery.Status#FAILED} when building or
 * sending it failed (not retried: the inbox and the journal still have the gate), and
 * {@link Delivery.Status#QUEUE_FULL} when the plugin's pool refused the work. Thread-safe.
 */
public final class MailOutcomes {
    private final int logSize;
    private final Deque<Delivery> log = new ArrayDeque<>();
    private final Map<Delivery.Status, AtomicLong> counts = new EnumMap<>(Delivery.Status.class);

    /** @param logSize how many outcomes to keep (0: none, only counts) */
    public MailOutcomes(int logSize) {
        if (logSize < 0) {
            throw new IllegalArgumentException("logSize must be 0 or more, not " + logSize);
        }
        this.logSize = logSize;
        for (Delivery.Status s : Delivery.Status.values()) {
            counts.put(s, new AtomicLong());
        }
    }

    /**
     * Records one mail's outcome and returns it.
     *
     * @param recipients the addresses it went (or was to go) to
     * @param detail what happened, e.g. the SMTP server's error; never a password
     */
    public Delivery record(NotificationPayload payload, List<String> recipients, Delivery.Status status,
            String detail) {
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), "e-mail to " + String.join(", ", recipients),
                payload.event().wireName(), payload.fields().get("changeId") + " to " + payload.system(), status,
                status == Delivery.Status.QUEUE_FULL ? 0 : 1, detail, Instant.now());
        counts.get(status).incrementAndGet();
        if (logSize > 0) {
            synchronized (log) {
                log.addFirst(delivery);
                while (log.size() > logSize) {
                    log.removeLast();
                }
            }
        }
        return delivery;
    }

    /** How many mails ended with this status. */
    public long count(Delivery.Status status) {
        return counts.get(status).get();
    }

    /** Mails not sent: failed, or refused by a full pool. */
    public long dropped() {
        return count(Delivery.Status.FAILED) + count(Delivery.Status.QUEUE_FULL) + count(Delivery.Status.REFUSED);
    }

    /** The last outcomes, most recent first. */
    public List<Delivery> last() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }
}
