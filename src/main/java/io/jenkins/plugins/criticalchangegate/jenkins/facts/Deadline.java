package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * When a gate expires: fixed once, when the gate is requested, and persisted as an instant, so that a controller
 * restart neither restarts nor forgets the clock. After a restart the remaining time is the deadline minus now,
 * never negative: a gate whose deadline passed while Jenkins was down expires at once.
 */
public final class Deadline implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long dueAtMillis;

    private Deadline(long dueAtMillis) {
        this.dueAtMillis = dueAtMillis;
    }

    /**
     * The deadline of a gate requested at {@code requestedAt} with {@code timeout} to collect its approvals. A timeout
     * too large to add saturates at the largest instant Jenkins can store (it then never expires in practice).
     *
     * @throws IllegalArgumentException for a zero or negative timeout: a gate that cannot be approved is a
     *     configuration error, not a gate
     */
    public static Deadline after(Instant requestedAt, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the approval timeout must be positive, got " + timeout);
        }
        long due;
        try {
            due = Math.addExact(requestedAt.toEpochMilli(), timeout.toMillis());
        } catch (ArithmeticException overflow) {
            due = Long.MAX_VALUE;
        }
        return new Deadline(due);
    }

    /** A deadline read back from a persisted record. */
    public static Deadline at(long dueAtMillis) {
        return new Deadline(dueAtMillis);
    }

    public Instant dueAt() {
        return Instant.ofEpochMilli(dueAtMillis);
    }

    public long dueAtMillis() {
        return dueAtMillis;
    }

    /** The time left at {@code now}, zero once due. */
    public Duration remaining(Instant now) {
        long nowMillis = now.toEpochMilli();
        long left;
        try {
            left = Math.subtractExact(dueAtMillis, nowMillis);
        } catch (ArithmeticException overflow) {
            left = dueAtMillis > nowMillis ? Long.MAX_VALUE : 0;
        }
        return left <= 0 ? Duration.ZERO : Duration.ofMillis(left);
    }

    /** Whether the gate is due at {@code now} (the deadline itself counts as due). */
    public boolean isDue(Instant now) {
        return now.toEpochMilli() >= dueAtMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deadline && ((Deadline) o).dueAtMillis == dueAtMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(dueAtMillis);
    }

    @Override
    public String toString() {
        return "due at " + dueAt();
    }
}
