package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.time.Duration;
import java.util.Objects;

/**
 * How long and how much a {@link UrlSource} may take. Immutable.
 *
 * <p>The connect timeout belongs to the HTTP client ({@code HttpClient.Builder.connectTimeout}), which the caller
 * builds: this value is what it should use. The read timeout is the total deadline for one fetch, from sending the
 * request to the last byte of the body, so a server that stalls at any point (connecting, before its headers, in the
 * middle of its body) ends the fetch when it expires.
 */
public final class SourceLimits {
    private static final SourceLimits DEFAULTS = new SourceLimits(Duration.ofSeconds(5), Duration.ofSeconds(30),
            RegistryParser.maxFileBytes());

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxBytes;

    private SourceLimits(Duration connectTimeout, Duration readTimeout, long maxBytes) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    /** Connect within 5 s, the whole answer within 30 s, at most {@link RegistryParser#maxFileBytes()} bytes. */
    public static SourceLimits defaults() {
        return DEFAULTS;
    }

    public SourceLimits withConnectTimeout(Duration timeout) {
        return new SourceLimits(positive(timeout, "connect timeout"), readTimeout, maxBytes);
    }

    public SourceLimits withReadTimeout(Duration timeout) {
        return new SourceLimits(connectTimeout, positive(timeout, "read timeout"), maxBytes);
    }

    /**
     * @throws IllegalArgumentException unless between 1 and {@link RegistryParser#maxFileBytes()}: the parser reads
     *     no more, so a larger limit would only download what is then refused
     */
    public SourceLimits withMaxBytes(long bytes) {
        if (bytes < 1 || bytes > RegistryParser.maxFileBytes()) {
            throw new IllegalArgumentException("the registry size limit must be between 1 and "
                    + RegistryParser.maxFileBytes() + " bytes, not " + bytes);
        }
        return new SourceLimits(connectTimeout, readTimeout, bytes);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The total deadline for one fetch: request, headers and body. */
    public Duration readTimeout() {
        return readTimeout;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private static Duration positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be longer than 0, not " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SourceLimits)) {
            return false;
        }
        SourceLimits that = (SourceLimits) o;
        return maxBytes == that.maxBytes && connectTimeout.equals(that.connectTimeout)
                && readTimeout.equals(that.readTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, readTimeout, maxBytes);
    }

    @Override
    public String toString() {
        return "SourceLimits[connect=" + connectTimeout + ", total=" + readTimeout + ", maxBytes=" + maxBytes + "]";
    }
}
