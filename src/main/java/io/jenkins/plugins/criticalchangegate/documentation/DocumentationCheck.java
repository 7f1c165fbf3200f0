package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.http.BoundedBody;
import io.jenkins.plugins.criticalchangegate.http.BoundedExchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Checks a change's documentation URL against a system's {@link DocumentationPolicy} and keeps {@link Evidence}.
 *
 * <p>The URL comes from a Jenkinsfile and the request leaves from the Jenkins controller, so this is built
 * against server-side request forgery: the scheme, user-info and host rules are applied before the first request
 * and again to every redirect target before it is followed (the client must not follow redirects itself); the
 * Authorization header goes only to the requested URL's origin; the whole fetch is bounded in time and size.
 *
 * <p>Thread-safe and stateless: one instance serves concurrent checks.
 */
public final class DocumentationCheck {
    private static final Logger LOGGER = Logger.getLogger(DocumentationCheck.class.getName());
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_KEPT_URL = DocumentationUrl.MAX_LENGTH + 100;
    private static final int MAX_KEPT_CHANGE_ID = 200;
    /** Change ids are short (CHG-1234, JIRA-56789); a longer one is refused before any search. */
    static final int MAX_CHANGE_ID = ChangeIdRule.MAX_LENGTH;
    private static final String ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.5";

    private final HttpClient client;
    private final CheckLimits limits;

    /**
     * @param client the client to fetch with (in Jenkins configured with its proxy); must be built with {@code
     *     followRedirects(HttpClient.Redirect.NEVER)} and should have {@code connectTimeout(limits.connectTimeout())}
     * @param limits the bounds of each check
     * @throws IllegalArgumentException if the client follows redirects by itself: that would skip the rules for
     *     every redirect target, so the check refuses to work with it
     */
    public DocumentationCheck(HttpClient client, CheckLimits limits) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HTTP client follows redirects by itself (" + client.followRedirects()
                    + "); build it with followRedirects(HttpClient.Redirect.NEVER) so that every redirect target is"
                    + " checked against the allowed hosts before it is followed");
        }
        this.client = client;
        this.limits = limits;
    }

    public CheckLimits limits() {
        return limits;
    }

    /**
     * Checks one URL. Never throws for anything the URL, the server or the page does: every outcome is evidence.
     * Returns within {@code connectTimeout + readTimeout + sectionMatchTimeout} (plus scheduling slack).
     *
     * @param url the documentation URL as given by the pipeline
     * @param changeId the change it must be about
     * @param policy the system's documentation policy
     * @param authorization the Authorization header value for the requested URL's origin, if any
     * @return the evidence, verdict included
     */
    public Evidence check(String url, String changeId, DocumentationPolicy policy,
            @CheckForNull Authorization authorization) {
        long start = System.nanoTime();
        // Evidence keeps what was asked, but never a password from the URL, nor megabytes of a hostile value.
        Evidence.Builder evidence = new Evidence.Builder(cut(DocumentationUrl.redact(url), MAX_KEPT_URL),
                cut(changeId, MAX_KEPT_CHANGE_ID), Instant.now(), start);
        Evidence result;
        try {
            verify(url, changeId, policy, authorization, start, evidence);
            result = evidence.finish(Reason.VERIFIED, "the page exists on an allowed host"
                    + (policy.requireChangeId() ? ", mentions " + changeId.strip() : "")
                    + (policy.requiredSections().isEmpty() ? "" : " and has every required section"));
        } catch (Refusal r) {
            result = evidence.finish(r.reason(), r.detail());
        }
        LOGGER.log(Level.FINE, "documentation check of {0} for {1}: {2} {3}",
                new Object[] {result.requestedUrl(), changeId, result.reason(), result.detail()});
        return result;
    }

    private void verify(String url, String changeId, DocumentationPolicy policy,
            @CheckForNull Authorization authorization, long start, Evidence.Builder evidence) throws Refusal {
        List<HostPattern> allowed = allowedHosts(policy);
        DocumentationUrl requested = DocumentationUrl.parse(url, policy.allowHttp());
        requested.checkAllowed(allowed);
        long deadline = start + limits.fetchBound().toNanos();

        DocumentationUrl current = requested;
        Set<URI> visited = new HashSet<>();
        visited.add(current.uri());
        HttpResponse<BoundedBody.Content> response;
        while (true) {
            // SECURITY: the secret goes only where the caller meant it to go, never to another origin a redirect
            // names (nor to the same host over another scheme or port).
            Authorization auth = current.sameOrigin(requested) ? authorization : null;
            response = fetch(current, auth, deadline);
            BoundedBody.Content body = response.body();
            evidence.response(current.toString(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), body.sha256(), body.length(),
                    body.truncated());
            if (!REDIRECTS.contains(response.statusCode())) {
                break;
            }
            current = followable(current, response, policy, allowed, visited, evidence);
        }

        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new Refusal(Reason.HTTP_STATUS, "the page answered HTTP " + status
                    + (status / 100 == 3 ? " (a redirect without a usable Location is not followed)" : "")
                    + "; a verified page must answer 2xx");
        }
        BoundedBody.Content body = response.body();
        PageText page = PageText.of(body.bytes(), response.headers().firstValue("Content-Type").orElse(null));
        evidence.title(page.title());
        String limitNote = body.truncated() ? " (only the first " + body.length() + " bytes were read)" : "";
        if (policy.requireChangeId()) {
            if (changeId.isBlank()) {
                throw new Refusal(Reason.CHANGE_ID_MISSING, "no change id was given, and this system requires the"
                        + " page to mention it");
            }
            if (changeId.strip().length() > MAX_CHANGE_ID) {
                // bounds the search below, whose cost grows with the id's length on a hostile page
                throw new Refusal(Reason.CHANGE_ID_MISSING, "the change id is longer than " + MAX_CHANGE_ID
                        + " characters; no page is searched for it");
            }
            if (!page.mentionsToken(changeId)) {
                throw new Refusal(Reason.CHANGE_ID_MISSING, "the page does not mention " + changeId.strip()
                        + " as a whole token (ignoring case)" + limitNote);
            }
        }
        checkSections(policy, page, limitNote);
    }

    private static List<HostPattern> allowedHosts(DocumentationPolicy policy) throws Refusal {
        List<HostPattern> allowed = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String pattern : policy.allowedHosts()) {
            try {
                allowed.add(HostPattern.parse(pattern));
            } catch (IllegalArgumentException e) {
                // The registry validates patterns; one that slipped through allows nothing (fail closed).
                invalid.add(e.getMessage());
            }
        }
        if (allowed.isEmpty()) {
            throw new Refusal(Reason.HOST_NOT_ALLOWED, "this system allows no documentation host"
                    + (invalid.isEmpty() ? "" : " (invalid patterns ignored: " + String.join("; ", invalid) + ")")
                    + "; list them in documentation.allowedHosts in the registry");
        }
        return allowed;
    }

    private DocumentationUrl followable(DocumentationUrl current, HttpResponse<?> response, DocumentationPolicy policy,
            List<HostPattern> allowed, Set<URI> visited, Evidence.Builder evidence) throws Refusal {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null || location.isBlank()) {
            throw new Refusal(Reason.HTTP_STATUS, "the page answered HTTP " + response.statusCode()
                    + " without a Location header");
        }
        if (evidence.redirectCount() >= limits.maxRedirects()) {
            throw new Refusal(Reason.TOO_MANY_REDIRECTS, "more than " + limits.maxRedirects() + " redirects; the "
                    + "last one, from " + current + ", was not followed");
        }
        String target;
        try {
            if (location.length() > DocumentationUrl.MAX_LENGTH) {
                throw new URISyntaxException(location.substring(0, 64) + "...", "longer than "
                        + DocumentationUrl.MAX_LENGTH + " characters");
            }
            target = current.uri().resolve(new URI(location)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refusal(Reason.REDIRECT_NOT_ALLOWED, current + " redirects to a malformed Location; not"
                    + " followed");
        }
        DocumentationUrl next;
        try {
            next = DocumentationUrl.parse(target, policy.allowHttp());
            next.checkAllowed(allowed);
        } catch (Refusal r) {
            throw new Refusal(Reason.REDIRECT_NOT_ALLOWED, current + " redirects to "
                    + cut(DocumentationUrl.redact(target), 200)
                    + ", which is refused (" + r.reason() + ": " + r.detail() + "); not followed");
        }
        if (!visited.add(next.uri())) {
            throw new Refusal(Reason.TOO_MANY_REDIRECTS, "redirect loop: " + current + " redirects back to " + next);
        }
        evidence.redirectedTo(next.toString());
        return next;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private HttpResponse<BoundedBody.Content> fetch(DocumentationUrl url, @CheckForNull Authorization auth,
            long deadline) throws Refusal {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(url);
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url.uri()).GET()
                    .timeout(Duration.ofNanos(remaining)).header("Accept", ACCEPT);
            if (auth != null) {
                builder.header("Authorization", auth.headerValue());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // not reachable with a valid Authorization; the JDK's message could quote the header, so it is not used
            throw new Refusal(Reason.UNREACHABLE, "the HTTP client refused to build the request for " + url);
        }
        try {
            // Redirects and error statuses: their bodies are not evidence, so none of them is read.
            return BoundedExchange.send(client, request, info -> info.statusCode() / 100 == 2
                    ? BoundedBody.truncating(limits.maxBytes()) : BoundedBody.discarding(), deadline);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Reason.UNREACHABLE, "the HTTP client cannot request " + url + ": " + e.getMessage());
        } catch (TimeoutException e) {
            throw timeout(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(Reason.TIMEOUT, "interrupted while fetching " + url);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private Refusal timeout(DocumentationUrl url) {
        return new Refusal(Reason.TIMEOUT, "no complete answer from " + url.host() + " within "
                + BoundedExchange.describe(limits.fetchBound()) + " (connect " + BoundedExchange.describe(limits.connectTimeout()) + " + read "
                + BoundedExchange.describe(limits.readTimeout()) + ", redirects included)");
    }

    private static Refusal failure(DocumentationUrl url, @CheckForNull Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return new Refusal(Reason.TIMEOUT, "timed out fetching " + url + ": " + t.getMessage());
            }
            if (t instanceof SSLException) {
                return new Refusal(Reason.UNREACHABLE, "TLS with " + url.host() + ":" + url.port() + " failed: "
                        + t.getMessage());
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new Refusal(Reason.UNREACHABLE, "the host " + url.host() + " cannot be resolved");
            }
            if (t instanceof ConnectException) {
                return new Refusal(Reason.UNREACHABLE, "cannot connect to " + url.host() + ":" + url.port()
                        + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")"));
            }
        }
        String what = cause == null ? "unknown failure"
                : cause instanceof IOException && cause.getMessage() != null ? cause.getMessage() : cause.toString();
        return new Refusal(Reason.UNREACHABLE, "fetching " + url + " failed: " + what);
    }

    /** Applies the required sections, each within what is left of the section-matching bound. */
    private void checkSections(DocumentationPolicy policy, PageText page, String limitNote) throws Refusal {
        long deadline = System.nanoTime() + limits.sectionMatchTimeout().toNanos();
        for (String entry : policy.requiredSections()) {
            RequiredSection section;
            try {
                section = RequiredSection.parse(entry);
            } catch (IllegalArgumentException e) {
                // The registry validates these; a bad one that slipped through cannot be satisfied (fail closed).
                throw new Refusal(Reason.SECTION_MISSING, "required section " + entry + " is not a valid pattern: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            boolean found;
            try {
                found = section.isFoundIn(page.text(), deadline);
            } catch (DeadlineCharSequence.DeadlineExceeded | StackOverflowError e) {
                throw new Refusal(Reason.SECTION_MISSING, "matching required section " + entry + " did not end within "
                        + BoundedExchange.describe(limits.sectionMatchTimeout()) + " on this page; treated as missing (simplify the"
                        + " pattern)");
            }
            if (!found) {
                throw new Refusal(Reason.SECTION_MISSING, "the page lacks the required section " + entry + limitNote);
            }
        }
    }
}
