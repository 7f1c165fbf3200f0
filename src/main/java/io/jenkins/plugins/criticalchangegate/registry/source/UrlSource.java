package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.Authorization;
import io.jenkins.plugins.criticalchangegate.http.BoundedBody;
import io.jenkins.plugins.criticalchangegate.http.BoundedExchange;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * A registry served over HTTPS, e.g. from a Git server's raw file endpoint or an internal service, fetched with
 * conditional requests: {@code If-None-Match} and {@code If-Modified-Since} from the last fetch whose content was used,
 * so an unchanged registry costs a 304 and no body.
 *
 * <p>Redirects are not followed: an answer 3xx fails, naming where it points, so the administrator configures the
 * final URL (and the credential is never sent anywhere else). The whole fetch, headers and body, ends within
 * {@link SourceLimits#readTimeout()}; a body larger than {@link SourceLimits#maxBytes()} fails without being read
 * further.
 */
public final class UrlSource implements RegistrySource {
    private final URI url;
    private final String description;
    private final HttpClient client;
    @CheckForNull
    private final Supplier<String> authorization;
    private final SourceLimits limits;

    /**
     * @param url https only: no other scheme, no user-info, no fragment (IllegalArgumentException otherwise)
     * @param client the caller's client (Jenkins builds one from its proxy settings, with
     *     {@code connectTimeout(limits.connectTimeout())}); it must not follow redirects by itself
     * @param authorization supplies the {@code Authorization} header value at each fetch (credentials can change);
     *     null when none is sent, and a supplier that returns null sends none that time. It goes only to this URL
     *     and into no message, log or description.
     * @param limits time and size limits
     * @throws IllegalArgumentException if the URL is not an acceptable https URL or the client follows redirects
     */
    public UrlSource(URI url, HttpClient client, @CheckForNull Supplier<String> authorization, SourceLimits limits) {
        check(url);
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HTTP client follows redirects by itself ("
                    + client.followRedirects() + "); build it with followRedirects(HttpClient.Redirect.NEVER): a"
                    + " registry is fetched from its configured URL only");
        }
        this.url = url;
        this.description = withoutSecrets(url);
        this.client = client;
        this.authorization = authorization;
        this.limits = limits;
    }

    /**
     * A registry URL as an administrator typed it (the global configuration's form and Configuration as Code check
     * it with this before anything is saved).
     *
     * @throws IllegalArgumentException naming what is wrong, never repeating a user-info part
     */
    public static URI parse(@CheckForNull String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the registry URL is missing: give an https:// URL");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            // the reason names the position and the offending character, not the whole input
            throw new IllegalArgumentException("the registry URL is not valid: " + e.getReason() + " at index "
                    + e.getIndex(), e);
        }
        check(uri);
        return uri;
    }

    private static void check(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !scheme.toLowerCase(Locale.ROOT).equals("https")) {
            throw new IllegalArgumentException("the registry URL must start with https:// (a registry that decides who"
                    + " may deploy is never fetched in clear text), not " + (scheme == null ? "a relative URL"
                    : scheme + "://"));
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the registry URL must not contain a user name or password: choose a"
                    + " credential instead");
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException("the registry URL must not contain a fragment (#...): it is never sent"
                    + " to the server");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("the registry URL has no host name");
        }
    }

    /** Scheme, host, port and path: the query may hold a token, the user-info a password. */
    private static String withoutSecrets(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + (uri.getPort() == -1 ? ""
                : ":" + uri.getPort()) + path + (uri.getRawQuery() == null ? "" : "?...");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Fetched fetch(@CheckForNull Fetched.Validators previous) throws SourceException, InterruptedException {
        HttpRequest request = request(previous);
        // Redirects and error statuses: their bodies are not used, so none of them is read.
        HttpResponse<BoundedBody.Content> response;
        try {
            response = BoundedExchange.send(client, request, info -> info.statusCode() == 200
                    ? BoundedBody.refusing(limits.maxBytes(), info) : BoundedBody.discarding(),
                    System.nanoTime() + limits.readTimeout().toNanos());
        } catch (TimeoutException e) {
            throw new SourceException(description + ": no complete answer within " + BoundedExchange.describe(limits.readTimeout())
                    + " (the server is too slow or does not answer)", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
        }
        return answer(response, previous);
    }

    private HttpRequest request(@CheckForNull Fetched.Validators previous) throws SourceException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET()
                .timeout(limits.readTimeout())
                .header("Accept", "application/yaml, application/x-yaml, text/yaml, application/json;q=0.9,"
                        + " text/plain;q=0.8, */*;q=0.1");
        if (previous != null) {
            previous.etag().ifPresent(etag -> request.header("If-None-Match", etag));
            previous.lastModified().ifPresent(date -> request.header("If-Modified-Since", date));
        }
        if (authorization != null) {
            String value;
            try {
                value = authorization.get();
            } catch (RuntimeException e) {
                throw new SourceException(description + ": the credential for it cannot be read: " + e.getMessage(),
                        e);
            }
            if (value != null) {
                Authorization header;
                try {
                    header = Authorization.of(value);
                } catch (IllegalArgumentException e) {
                    // a line break would inject headers; Authorization's message says where, never what
                    throw new SourceException(description + ": the credential cannot be sent: " + e.getMessage());
                }
                request.header("Authorization", header.headerValue());
            }
        }
        return request.build();
    }

    private SourceException failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BoundedBody.TooLarge) {
                return new SourceException(description + ": the registry is " + t.getMessage()
                        + ", more than this Jenkins reads", cause);
            }
            if (t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)) {
                // the request's own timeout (the same deadline, for the headers) can fire first
                return new SourceException(description + ": no complete answer within " + BoundedExchange.describe(limits.readTimeout())
                        + " (the server is too slow or does not answer)", cause);
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new SourceException(description + ": could not connect in time (" + t.getMessage() + ")",
                        cause);
            }
            if (t instanceof ConnectException) {
                return new SourceException(description + ": cannot connect (" + (t.getMessage() == null
                        ? "connection refused" : t.getMessage()) + ")", cause);
            }
            if (t instanceof SSLException) {
                return new SourceException(description + ": the TLS connection failed (" + t.getMessage() + "); is"
                        + " the server's certificate trusted by this Jenkins?", cause);
            }
        }
        return new SourceException(description + ": cannot be fetched: " + cause, cause);
    }

    private Fetched answer(HttpResponse<BoundedBody.Content> response, @CheckForNull Fetched.Validators previous)
            throws SourceException {
        int status = response.statusCode();
        if (status == 304) {
            if (previous == null || previous.etag().isEmpty() && previous.lastModified().isEmpty()) {
                throw new SourceException(description + ": answered HTTP 304 Not Modified to a request that asked"
                        + " for no comparison; the server is misconfigured");
            }
            return Fetched.unchanged(previous);
        }
        if (status == 200) {
            return Fetched.content(response.body().bytes(), Fetched.Validators.http(
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null)));
        }
        if (status / 100 == 3) {
            String location = response.headers().firstValue("Location").map(this::describeLocation)
                    .orElse("nowhere (no Location header)");
            throw new SourceException(description + ": answered HTTP " + status + " redirecting to " + location
                    + "; redirects are not followed: configure the final URL");
        }
        String hint = status == 401 || status == 403 ? " (check the credential and its permissions)"
                : status == 404 ? " (check the URL)" : "";
        throw new SourceException(description + ": answered HTTP " + status + hint + "; a registry must be served"
                + " with 200");
    }

    /** Where a redirect points, without user-info or query: either may hold a secret. */
    private String describeLocation(String location) {
        try {
            URI target = url.resolve(new URI(location.strip()));
            if (target.getScheme() == null || target.getHost() == null) {
                return "an unusable Location";
            }
            return withoutSecrets(target);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "an unusable Location";
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
