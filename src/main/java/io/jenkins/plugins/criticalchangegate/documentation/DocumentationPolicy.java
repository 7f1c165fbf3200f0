package io.jenkins.plugins.criticalchangegate.documentation;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a system's registry entry asks of a change's documentation page ({@code documentation:} in the registry):
 * the hosts it may live on, whether it must mention the change id, whether plain http is acceptable, and the
 * sections (texts or regular expressions) it must contain. An immutable value; the registry builds it, the
 * documentation check applies it.
 *
 * <p>With no allowed hosts nothing is allowed: a registry that forgets the list fails closed.
 */
public final class DocumentationPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No allowed host, change id required, https only, no required section. */
    public static final DocumentationPolicy NOTHING_ALLOWED = new DocumentationPolicy(List.of(), true, false, List.of());

    private final List<String> allowedHosts;
    private final boolean requireChangeId;
    private final boolean allowHttp;
    private final List<String> requiredSections;

    public DocumentationPolicy(List<String> allowedHosts, boolean requireChangeId, boolean allowHttp,
            List<String> requiredSections) {
        this.allowedHosts = List.copyOf(allowedHosts);
        this.requireChangeId = requireChangeId;
        this.allowHttp = allowHttp;
        this.requiredSections = List.copyOf(requiredSections);
    }

    /** Host patterns as written in the registry: {@code wiki.example.com}, {@code wiki.example.com:8443}, {@code *.docs.example.com}. */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    public boolean requireChangeId() {
        return requireChangeId;
    }

    public boolean allowHttp() {
        return allowHttp;
    }

    /** Texts or regular expressions the page must contain, as written in the registry. */
    public List<String> requiredSections() {
        return requiredSections;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DocumentationPolicy)) {
            return false;
        }
        DocumentationPolicy that = (DocumentationPolicy) o;
        return requireChangeId == that.requireChangeId && allowHttp == that.allowHttp
                && allowedHosts.equals(that.allowedHosts) && requiredSections.equals(that.requiredSections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedHosts, requireChangeId, allowHttp, requiredSections);
    }

    @Override
    public String toString() {
        return "DocumentationPolicy{allowedHosts=" + allowedHosts + ", requireChangeId=" + requireChangeId
                + ", allowHttp=" + allowHttp + ", requiredSections=" + requiredSections + "}";
    }
}
