package io.jenkins.plugins.criticalchangegate.documentation;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one documentation check. Defaults: connect 5 s, read 15 s, 3 redirects, 1 MiB of body, 2 s for
 * matching the required sections. The caller of {@link DocumentationCheck#check} waits at most
 * {@code connectTimeout + readTimeout} for the whole fetch (every hop, headers and body), plus
 * {@code sectionMatchTimeout} for the required sections.
 */
public final class CheckLimits {
    /** The largest body limit accepted: the page is held in memory. */
    public static final long MAX_BODY_LIMIT = 64L * 1024 * 1024;
    /** The most redirects a configuration may allow. */
    public static final int MAX_REDIRECT_LIMIT = 10;

    private static final CheckLimits DEFAULTS = new CheckLimits(Duration.ofSeconds(5), Duration.ofSeconds(15), 3,
            1024 * 1024, Duration.ofSeconds(2));

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxRedirects;
    private final long maxBytes;
    private final Duration sectionMatchTimeout;

    private CheckLimits(Duration connectTimeout, Duration readTimeout, int maxRedirects, long maxBytes,
            Duration sectionMatchTimeout) {
        this.connectTimeout = positive(connectTimeout, "connect timeout");
        this.readTimeout = positive(readTimeout, "read timeout");
        this.sectionMatchTimeout = positive(sectionMatchTimeout, "section match timeout");
        if (maxRedirects < 0 || maxRedirects > MAX_REDIRECT_LIMIT) {
            throw new IllegalArgumentException("maximum redirects must be between 0 and " + MAX_REDIRECT_LIMIT
                    + ", not " + maxRedirects);
        }
        if (maxBytes < 1 || maxBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("maximum body size must be between 1 and " + MAX_BODY_LIMIT
                    + " bytes, not " + maxBytes);
        }
        this.maxRedirects = maxRedirects;
        this.maxBytes = maxBytes;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
        return d;
    }

    /** Connect 5 s, read 15 s, 3 redirects, 1 MiB, section matching 2 s. */
    public static CheckLimits defaults() {
        return DEFAULTS;
    }

    public CheckLimits withConnectTimeout(Duration d) {
        return new CheckLimits(d, readTimeout, maxRedirects, maxBytes, sectionMatchTimeout);
    }

    public CheckLimits withReadTimeout(Duration d) {
        return new CheckLimits(connectTimeout, d, maxRedirects, maxBytes, sectionMatchTimeout);
    }

    public CheckLimits withMaxRedirects(int n) {
        return new CheckLimits(connectTimeout, readTimeout, n, maxBytes, sectionMatchTimeout);
    }

    public CheckLimits withMaxBytes(long n) {
        return new CheckLimits(connectTimeout, readTimeout, maxRedirects, n, sectionMatchTimeout);
    }

    public CheckLimits withSectionMatchTimeout(Duration d) {
        return new CheckLimits(connectTimeout, readTimeout, maxRedirects, maxBytes, d);
    }

    /** Also the value to give the HTTP client's {@code connectTimeout}. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Headers and body of the whole fetch, redirects included. */
    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxRedirects() {
        return maxRedirects;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Duration sectionMatchTimeout() {
        return sectionMatchTimeout;
    }

    /** The bound of the whole fetch: connect plus read. */
    Duration fetchBound() {
        return connectTimeout.plus(readTimeout);
    }

    @Override
    public String toString() {
        return "CheckLimits{connect=" + connectTimeout + ", read=" + readTimeout + ", maxRedirects=" + maxRedirects
                + ", maxBytes=" + maxBytes + ", sectionMatch=" + sectionMatchTimeout + "}";
    }
}
