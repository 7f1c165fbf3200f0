package io.jenkins.plugins.criticalchangegate.notify;

import java.time.Instant;
import java.util.Objects;

/** One delivery's outcome, for administrators: which payload to where, how many attempts, the status and why. */
public final class Delivery {
    /** How a delivery ended. */
    public enum Status {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Every attempt failed (or the receiver refused it with a 4xx): dropped. */
        FAILED,
        /** The URL, or a redirect's target, broke the URL rules: dropped without (further) sending. */
        REFUSED,
        /** The queue was full: dropped without sending. */
        QUEUE_FULL
    }

    private final String id;
    private final String target;
    private final String event;
    private final String subject;
    private final Status status;
    private final int attempts;
    private final String detail;
    private final Instant at;

    Delivery(String id, String target, String event, String subject, Status status, int attempts, String detail,
            Instant at) {
        this.id = id;
        this.target = target;
        this.event = event;
        this.subject = subject;
        this.status = Objects.requireNonNull(status);
        this.attempts = attempts;
        this.detail = detail;
        this.at = at;
    }

    /** The delivery id (the {@code X-Critical-Change-Gate-Delivery} header). */
    public String id() {
        return id;
    }

    /** Where to: the URL's origin only (an incoming-webhook URL's path is its secret). */
    public String target() {
        return target;
    }

    public String event() {
        return event;
    }

    /** What about: {@code change to system}. */
    public String subject() {
        return subject;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String detail() {
        return detail;
    }

    public Instant at() {
        return at;
    }

    @Override
    public String toString() {
        return at + " " + status + " " + event + " " + subject + " to " + target + " after " + attempts
                + " attempt(s): " + detail;
    }
}
