package io.jenkins.plugins.criticalchangegate.notify;

import java.time.Duration;

/**
 * The bounds of webhook delivery: queue size, threads, per-attempt timeouts, retries and back-off, and how many
 * outcomes the administrators' log keeps. An immutable value; {@link #DEFAULT} for production, the setters for tests.
 */
public final class DispatchLimits {
    /** 200 queued, 2 threads, connect 5 s, read 10 s, 4 attempts, back-off 2 s doubling to 60 s, 100 kept. */
    public static final DispatchLimits DEFAULT = new DispatchLimits(200, 2, Duration.ofSeconds(5),
            Duration.ofSeconds(10), 4, Duration.ofSeconds(2), Duration.ofSeconds(60), 100);

    private final int queueCapacity;
    private final int threads;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int logSize;

    private DispatchLimits(int queueCapacity, int threads, Duration connectTimeout, Duration readTimeout,
            int maxAttempts, Duration firstBackoff, Duration maxBackoff, int logSize) {
        if (queueCapacity < 1 || threads < 1 || maxAttempts < 1 || logSize < 0) {
            throw new IllegalArgumentException("queue capacity, threads and attempts must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero() || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("timeouts must be positive and the back-off bounded above its start");
        }
        this.queueCapacity = queueCapacity;
        this.threads = threads;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.logSize = logSize;
    }

    public DispatchLimits queue(int capacity, int threadCount) {
        return new DispatchLimits(capacity, threadCount, connectTimeout, readTimeout, maxAttempts, firstBackoff,
                maxBackoff, logSize);
    }

    public DispatchLimits timeouts(Duration connect, Duration read) {
        return new DispatchLimits(queueCapacity, threads, connect, read, maxAttempts, firstBackoff, maxBackoff,
                logSize);
    }

    public DispatchLimits retries(int attempts, Duration first, Duration max) {
        return new DispatchLimits(queueCapacity, threads, connectTimeout, readTimeout, attempts, first, max, logSize);
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int threads() {
        return threads;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before attempt {@code n + 1} after attempt {@code n} failed: doubling, at most the maximum. */
    public Duration backoff(int attempt) {
        Duration d = firstBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    public int logSize() {
        return logSize;
    }
}
