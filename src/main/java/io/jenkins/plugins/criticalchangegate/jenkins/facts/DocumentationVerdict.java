package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the documentation check concluded, as the adapters keep and print it: accepted or refused, the reason code,
 * and the evidence as printable name/value pairs (status, title, SHA-256, final URL, fetch time...). Never a
 * credential: the check receives the {@code Authorization} header but does not return it.
 */
public final class DocumentationVerdict {
    private final boolean verified;
    private final String reasonCode;
    private final String explanation;
    private final Map<String, String> evidence;

    public DocumentationVerdict(boolean verified, String reasonCode, String explanation, Map<String, String> evidence) {
        this.verified = verified;
        this.reasonCode = reasonCode;
        this.explanation = explanation;
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public boolean verified() {
        return verified;
    }

    /** A stable code: {@code VERIFIED}, or why the page was refused. */
    public String reasonCode() {
        return reasonCode;
    }

    /** A sentence for the build log. */
    public String explanation() {
        return explanation;
    }

    public Map<String, String> evidence() {
        return evidence;
    }

    /** The evidence, one {@code name: value} per line, for the build log. */
    public String evidenceLines() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            out.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return reasonCode + " " + evidence;
    }
}
