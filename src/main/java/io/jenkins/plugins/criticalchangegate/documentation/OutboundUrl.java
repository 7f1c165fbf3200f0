package io.jenkins.plugins.criticalchangegate.documentation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The documentation check's URL rules for the plugin's other outbound requests (webhooks, issue 14): the same
 * parsing (no whitespace, user-info, percent-encoded or numeric tricks), the same schemes and the same allow-list
 * of host patterns, applied before the first request and to every redirect target. One set of SSRF rules for every
 * request the controller makes to a URL someone typed. An immutable value.
 */
public final class OutboundUrl {
    private final DocumentationUrl url;
    private final List<HostPattern> allowed;
    private final boolean allowHttp;

    private OutboundUrl(DocumentationUrl url, List<HostPattern> allowed, boolean allowHttp) {
        this.url = url;
        this.allowed = allowed;
        this.allowHttp = allowHttp;
    }

    /**
     * Checks a URL against the rules and the allowed hosts.
     *
     * @param raw the URL as configured
     * @param allowedHosts host patterns as the registry writes them ({@code hooks.slack.com}, {@code *.example.com},
     *     {@code host:8443}); none allows nothing (fails closed)
     * @param allowHttp whether plain http is acceptable
     * @throws IllegalArgumentException naming the rule the URL breaks, with the documentation check's reason code
     */
    public static OutboundUrl check(String raw, List<String> allowedHosts, boolean allowHttp) {
        List<HostPattern> allowed = new ArrayList<>();
        for (String pattern : allowedHosts) {
            allowed.add(HostPattern.parse(pattern)); // an invalid pattern is a configuration error, said at once
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException(Reason.HOST_NOT_ALLOWED + ": no allowed host is configured, so no URL"
                    + " is allowed");
        }
        return new OutboundUrl(parse(raw, allowed, allowHttp), List.copyOf(allowed), allowHttp);
    }

    private static DocumentationUrl parse(String raw, List<HostPattern> allowed, boolean allowHttp) {
        try {
            DocumentationUrl parsed = DocumentationUrl.parse(raw, allowHttp);
            parsed.checkAllowed(allowed);
            return parsed;
        } catch (Refusal r) {
            throw new IllegalArgumentException(r.reason() + ": " + r.detail());
        }
    }

    /**
     * Where a redirect from this URL leads, checked by the same rules.
     *
     * @param location the {@code Location} header's value
     * @throws IllegalArgumentException for a malformed location or a target the rules refuse
     *     ({@code REDIRECT_NOT_ALLOWED})
     */
    public OutboundUrl redirect(String location) {
        String target;
        try {
            if (location.length() > DocumentationUrl.MAX_LENGTH) {
                throw new URISyntaxException("Location", "longer than " + DocumentationUrl.MAX_LENGTH);
            }
            target = url.uri().resolve(new URI(location)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(Reason.REDIRECT_NOT_ALLOWED + ": " + this
                    + " redirects to a malformed Location; not followed");
        }
        try {
            return new OutboundUrl(parse(target, allowed, allowHttp), allowed, allowHttp);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Reason.REDIRECT_NOT_ALLOWED + ": " + this + " redirects to "
                    + DocumentationUrl.redact(target) + ", which is refused (" + e.getMessage() + "); not followed");
        }
    }

    /** What to request: canonical host, no fragment. */
    public URI uri() {
        return url.uri();
    }

    /** The URL for messages and logs, without its path and query (where incoming-webhook tokens live). */
    public String origin() {
        return url.scheme() + "://" + url.host().canonical()
                + (url.port() == DocumentationUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
    }

    @Override
    public String toString() {
        return origin();
    }
}
