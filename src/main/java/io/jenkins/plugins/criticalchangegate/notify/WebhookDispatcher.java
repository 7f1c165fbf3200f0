package io.jenkins.plugins.criticalchangegate.notify;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.OutboundUrl;
import io.jenkins.plugins.criticalchangegate.http.BoundedBody;
import io.jenkins.plugins.criticalchangegate.http.BoundedExchange;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers notifications to webhooks off the pipeline and request threads: {@link #submit} never blocks and never
 * throws for anything a receiver does; a bounded number of deliveries wait (a full queue drops the new one), a small
 * fixed pool sends them, each attempt bounded by a connect and a read timeout, failures retried with bounded
 * exponential back-off, redirects followed only to targets the URL rules allow. Every outcome, every drop included,
 * is counted ({@link #count}) and kept in a bounded log for administrators ({@link #lastDeliveries}). A gate never
 * waits for a webhook, and a webhook never fails a gate.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int MAX_REDIRECTS = 3;

    private final DispatchLimits limits;
    private final HttpClient client;
    private final ScheduledThreadPoolExecutor pool;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<Delivery.Status, AtomicLong> counts = new EnumMap<>(Delivery.Status.class);
    private final Deque<Delivery> log = new ArrayDeque<>();
    private final Consumer<Delivery> onOutcome;

    /**
     * @param limits the bounds
     * @param onOutcome told of each delivery's outcome, on a pool thread (must be quick; exceptions are ignored)
     */
    public WebhookDispatcher(DispatchLimits limits, Consumer<Delivery> onOutcome) {
        this.limits = limits;
        this.onOutcome = onOutcome;
        // the URL rules must see every redirect target before it is followed, so the client follows none itself
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout()).build();
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ScheduledThreadPoolExecutor(limits.threads(), r -> {
            Thread t = new Thread(r, "critical-change-gate webhook " + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        for (Delivery.Status s : Delivery.Status.values()) {
            counts.put(s, new AtomicLong());
        }
    }

    /**
     * Queues the payload for the webhook, if the webhook wants it. Returns at once.
     *
     * @return true when queued; false when the webhook does not want it or it was dropped (counted and logged)
     */
    public boolean submit(Webhook webhook, NotificationPayload payload) {
        if (!webhook.wants(payload)) {
            return false;
        }
        String id = UUID.randomUUID().toString();
        if (waiting.incrementAndGet() > limits.queueCapacity()) {
            waiting.decrementAndGet();
            record(new Delivery(id, webhook.url().origin(), payload.event().wireName(), subject(payload),
                    Delivery.Status.QUEUE_FULL, 0, "the queue of " + Counted.of(limits.queueCapacity(), "delivery", "deliveries") + " is full",
                    Instant.now()), false);
            return false;
        }
        Attempt first = new Attempt(id, webhook, webhook.url(), payload, payload.body(), 1, 0);
        try {
            pool.execute(first);
            return true;
        } catch (RejectedExecutionException e) {
            first.finish(Delivery.Status.QUEUE_FULL, "the dispatcher is stopped");
            return false;
        }
    }

    /**
     * Queues the payload for a webhook configured by text; a URL the rules refuse is counted and logged as
     * {@link Delivery.Status#REFUSED}, never sent.
     */
    public boolean submit(String url, List<String> allowedHosts, boolean allowHttp, @CheckForNull byte[] secret,
            List<String> events, List<String> systems, NotificationPayload payload) {
        Webhook webhook;
        try {
            webhook = Webhook.of(url, allowedHosts, allowHttp, secret, events, systems);
        } catch (IllegalArgumentException e) {
            record(new Delivery(UUID.randomUUID().toString(), "(refused URL)", payload.event().wireName(),
                    subject(payload), Delivery.Status.REFUSED, 0, e.getMessage(), Instant.now()), false);
            return false;
        }
        return submit(webhook, payload);
    }

    /**
     * Records, without sending, a delivery the caller could not prepare (its webhook's shared secret is missing: never
     * sent unsigned in place of signed): counted as {@link Delivery.Status#FAILED} and listed in the last deliveries,
     * so an administrator sees it where they look, not only in the system log. Only when the webhook wants the payload.
     *
     * @return true when recorded
     */
    public boolean notSent(String url, List<String> allowedHosts, boolean allowHttp, List<String> events,
            List<String> systems, NotificationPayload payload, String why) {
        Webhook webhook;
        try {
            webhook = Webhook.of(url, allowedHosts, allowHttp, null, events, systems);
        } catch (IllegalArgumentException e) {
            return submit(url, allowedHosts, allowHttp, null, events, systems, payload); // records the refusal
        }
        if (!webhook.wants(payload)) {
            return false;
        }
        record(new Delivery(UUID.randomUUID().toString(), webhook.url().origin(), payload.event().wireName(),
                subject(payload), Delivery.Status.FAILED, 0, "not sent: " + why, Instant.now()), false);
        return true;
    }

    private static String subject(NotificationPayload payload) {
        return payload.fields().get("changeId") + " to " + payload.system();
    }

    /** How many deliveries ended with this status since start. */
    public long count(Delivery.Status status) {
        return counts.get(status).get();
    }

    /** Every drop: full queue, refused URL, failed after retries. */
    public long dropped() {
        return count(Delivery.Status.QUEUE_FULL) + count(Delivery.Status.REFUSED) + count(Delivery.Status.FAILED);
    }

    /** Deliveries queued or waiting for a retry now. */
    public int waiting() {
        return waiting.get();
    }

    /** The last outcomes, most recent first. */
    public List<Delivery> lastDeliveries() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** Stops sending: queued and retrying deliveries are abandoned (the gate's record is the journal, not these). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private void record(Delivery delivery, boolean wasQueued) {
        if (wasQueued) {
            waiting.decrementAndGet();
        }
        counts.get(delivery.status()).incrementAndGet();
        if (limits.logSize() > 0) {
            synchronized (log) {
                log.addFirst(delivery);
                while (log.size() > limits.logSize()) {
                    log.removeLast();
                }
            }
        }
        Level level = delivery.status() == Delivery.Status.DELIVERED ? Level.FINE : Level.WARNING;
        LOGGER.log(level, "webhook delivery {0}", delivery);
        try {
            onOutcome.accept(delivery);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "a delivery listener failed", e);
        }
    }

    /** One attempt of one delivery; schedules the next attempt, or records the outcome. */
    private final class Attempt implements Runnable {
        final String id;
        final Webhook webhook;
        final OutboundUrl target;
        final NotificationPayload payload;
        final byte[] body;
        final int number;
        final int redirects;

        Attempt(String id, Webhook webhook, OutboundUrl target, NotificationPayload payload, byte[] body, int number,
                int redirects) {
            this.id = id;
            this.webhook = webhook;
            this.target = target;
            this.payload = payload;
            this.body = body;
            this.number = number;
            this.redirects = redirects;
        }

        @Override
        public void run() {
            try {
                send();
            } catch (RuntimeException e) {
                finish(Delivery.Status.FAILED, "internal error: " + e); // never lost, never kills the pool thread
            }
        }

        private void send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.uri())
                    .timeout(limits.readTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "critical-change-gate-webhook")
                    .header(WebhookSignature.EVENT_HEADER, payload.event().wireName())
                    .header(WebhookSignature.DELIVERY_HEADER, id)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            String signature = webhook.signature(body);
            if (signature != null) {
                request.header(WebhookSignature.SIGNATURE_HEADER, signature);
            }
            long deadline = System.nanoTime() + limits.connectTimeout().toNanos() + limits.readTimeout().toNanos();
            HttpResponse<BoundedBody.Content> response;
            try {
                response = BoundedExchange.send(client, request.build(), info -> BoundedBody.discarding(), deadline);
            } catch (TimeoutException e) {
                retryOrFail("no answer within " + BoundedExchange.describe(limits.connectTimeout().plus(
                        limits.readTimeout())));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(Delivery.Status.FAILED, "interrupted (the dispatcher stopped)");
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                retryOrFail("failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
                return;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                finish(Delivery.Status.DELIVERED, "HTTP " + status);
            } else if (status == 307 || status == 308) {
                redirect(response, status);
            } else if (status / 100 == 3) {
                finish(Delivery.Status.FAILED, "HTTP " + status + ": only 307 and 308 redirects keep the POST; not"
                        + " followed");
            } else if (status / 100 == 4 && status != 408 && status != 429) {
                finish(Delivery.Status.FAILED, "HTTP " + status + ": the receiver refuses the delivery; not retried");
            } else {
                retryOrFail("HTTP " + status);
            }
        }

        private void redirect(HttpResponse<?> response, int status) {
            String location = response.headers().firstValue("Location").orElse("");
            if (location.isBlank()) {
                finish(Delivery.Status.FAILED, "HTTP " + status + " without a Location");
                return;
            }
            if (redirects >= MAX_REDIRECTS) {
                finish(Delivery.Status.FAILED, "more than " + MAX_REDIRECTS + " redirects");
                return;
            }
            OutboundUrl next;
            try {
                next = target.redirect(location);
            } catch (IllegalArgumentException e) {
                finish(Delivery.Status.REFUSED, e.getMessage());
                return;
            }
            schedule(new Attempt(id, webhook, next, payload, body, number, redirects + 1), 0);
        }

        private void retryOrFail(String why) {
            if (number >= limits.maxAttempts()) {
                finish(Delivery.Status.FAILED, why + "; gave up after " + number + " attempt(s)");
                return;
            }
            schedule(new Attempt(id, webhook, target, payload, body, number + 1, redirects),
                    limits.backoff(number).toMillis());
        }

        private void schedule(Attempt next, long delayMillis) {
            try {
                pool.schedule(next, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                finish(Delivery.Status.FAILED, "the dispatcher stopped before attempt " + next.number);
            }
        }

        void finish(Delivery.Status status, String detail) {
            record(new Delivery(id, target.origin(), payload.event().wireName(), subject(payload), status, number,
                    detail, Instant.now()), true);
        }
    }
}
