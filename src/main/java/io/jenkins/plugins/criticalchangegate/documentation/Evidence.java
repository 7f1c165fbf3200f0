package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a documentation check saw and decided, for the audit trail: the requested and final URL, the redirects
 * followed, the HTTP status, content type, SHA-256 of the bytes read, the page title, when and how long, and the
 * verdict with its {@link Reason}. Immutable and serializable: the Jenkins layer keeps it with the build and the
 * audit journal records {@link #toMap()}. It never holds the Authorization value.
 */
public final class Evidence implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String requestedUrl;
    @CheckForNull
    private final String finalUrl;
    // An ArrayList, not List.of(): XStream (build.xml) writes and reads it without reflection into java.util internals.
    private final ArrayList<String> redirects;
    private final String changeId;
    private final int status;
    @CheckForNull
    private final String contentType;
    @CheckForNull
    private final String sha256;
    @CheckForNull
    private final String title;
    private final long bytesRead;
    private final boolean truncated;
    private final Instant fetchedAt;
    private final Duration duration;
    private final Reason reason;
    private final String detail;

    private Evidence(Builder b, Reason reason, String detail, Duration duration) {
        this.requestedUrl = b.requestedUrl;
        this.finalUrl = b.finalUrl;
        this.redirects = new ArrayList<>(b.redirects);
        this.changeId = b.changeId;
        this.status = b.status;
        this.contentType = b.contentType;
        this.sha256 = b.sha256;
        this.title = b.title;
        this.bytesRead = b.bytesRead;
        this.truncated = b.truncated;
        this.fetchedAt = b.fetchedAt;
        this.duration = duration;
        this.reason = reason;
        this.detail = detail;
    }

    /** The URL as the caller gave it, with any user-info replaced by {@code ***}. */
    public String requestedUrl() {
        return requestedUrl;
    }

    /** The URL of the last response received; null when nothing was fetched (refused before the request). */
    @CheckForNull
    public String finalUrl() {
        return finalUrl;
    }

    /** The redirect targets followed, in order (the final URL is the last when there were any). */
    public List<String> redirects() {
        return Collections.unmodifiableList(redirects);
    }

    public String changeId() {
        return changeId;
    }

    /** The HTTP status of the last response; 0 when there was none. */
    public int status() {
        return status;
    }

    @CheckForNull
    public String contentType() {
        return contentType;
    }

    /** Lower-case hex SHA-256 of the bytes read from the last response; null when there was no response. */
    @CheckForNull
    public String sha256() {
        return sha256;
    }

    /** The page's {@code <title>} when it is HTML and has one. */
    @CheckForNull
    public String title() {
        return title;
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** Whether reading stopped at the body limit with more to come. */
    public boolean truncated() {
        return truncated;
    }

    /** When the check started. */
    public Instant fetchedAt() {
        return fetchedAt;
    }

    public Duration duration() {
        return duration;
    }

    public Verdict verdict() {
        return reason.verdict();
    }

    public Reason reason() {
        return reason;
    }

    /** What happened, for a person: names the rule, host, status or section. */
    public String detail() {
        return detail;
    }

    public boolean isVerified() {
        return reason == Reason.VERIFIED;
    }

    /**
     * The evidence as an ordered map with stable keys, for the audit journal and JSON output: {@code verdict,
     * reason, detail, requestedUrl, finalUrl, redirects, changeId, status, contentType, sha256, title, bytesRead,
     * truncated, fetchedAt} (ISO-8601), {@code durationMillis}. Values are strings, numbers, booleans, a list of
     * strings, or null.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict().name());
        m.put("reason", reason.name());
        m.put("detail", detail);
        m.put("requestedUrl", requestedUrl);
        m.put("finalUrl", finalUrl);
        m.put("redirects", List.copyOf(redirects));
        m.put("changeId", changeId);
        m.put("status", status);
        m.put("contentType", contentType);
        m.put("sha256", sha256);
        m.put("title", title);
        m.put("bytesRead", bytesRead);
        m.put("truncated", truncated);
        m.put("fetchedAt", fetchedAt.toString());
        m.put("durationMillis", duration.toMillis());
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return verdict() + " " + reason + ": " + detail + " (" + requestedUrl + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence && toMap().equals(((Evidence) o).toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestedUrl, fetchedAt, reason, sha256);
    }

    /** Collects what the check learns as it goes; {@link #finish} fixes the verdict. */
    static final class Builder {
        private final String requestedUrl;
        private final String changeId;
        private final Instant fetchedAt;
        private final long startNanos;
        private final List<String> redirects = new ArrayList<>();
        @CheckForNull
        private String finalUrl;
        private int status;
        @CheckForNull
        private String contentType;
        @CheckForNull
        private String sha256;
        @CheckForNull
        private String title;
        private long bytesRead;
        private boolean truncated;

        Builder(String requestedUrl, String changeId, Instant fetchedAt, long startNanos) {
            this.requestedUrl = requestedUrl;
            this.changeId = changeId;
            this.fetchedAt = fetchedAt;
            this.startNanos = startNanos;
        }

        int redirectCount() {
            return redirects.size();
        }

        Builder redirectedTo(String url) {
            redirects.add(url);
            return this;
        }

        Builder response(String url, int status, @CheckForNull String contentType, String sha256, long bytesRead,
                boolean truncated) {
            this.finalUrl = url;
            this.status = status;
            this.contentType = contentType;
            this.sha256 = sha256;
            this.bytesRead = bytesRead;
            this.truncated = truncated;
            this.title = null;
            return this;
        }

        Builder title(@CheckForNull String title) {
            this.title = title;
            return this;
        }

        Evidence finish(Reason reason, String detail) {
            return new Evidence(this, reason, detail, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
