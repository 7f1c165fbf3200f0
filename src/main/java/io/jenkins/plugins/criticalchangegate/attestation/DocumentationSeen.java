package io.jenkins.plugins.criticalchangegate.attestation;

import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the approvers saw of the change's documentation, as the predicate records it: the page's URL (after
 * redirects), the SHA-256 of the bytes fetched and when. Its own value because Jenkins keeps only these printable
 * fields of the evidence on the build (not the check's {@link Evidence} object), and the statement must read the same
 * whether it is made from the one or the other.
 */
public final class DocumentationSeen {
    private final String url;
    private final String sha256;
    private final Instant fetchedAt;

    private DocumentationSeen(String url, String sha256, Instant fetchedAt) {
        this.url = Objects.requireNonNull(url, "url");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** The values as they stand. */
    public static DocumentationSeen of(String url, String sha256, Instant fetchedAt) {
        return new DocumentationSeen(url, sha256, fetchedAt);
    }

    /**
     * From the documentation check's evidence: its final URL (the requested one when nothing redirected).
     *
     * @throws IllegalArgumentException for evidence of a page that was never read (no digest): nothing was seen
     */
    public static DocumentationSeen of(Evidence evidence) {
        String finalUrl = evidence.finalUrl();
        String sha256 = evidence.sha256();
        if (sha256 == null) {
            throw new IllegalArgumentException("the documentation at " + evidence.requestedUrl() + " was not read");
        }
        return new DocumentationSeen(finalUrl == null ? evidence.requestedUrl() : finalUrl, sha256,
                evidence.fetchedAt());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("sha256", sha256);
        json.put("fetchedAt", fetchedAt.toString());
        return json;
    }
}
