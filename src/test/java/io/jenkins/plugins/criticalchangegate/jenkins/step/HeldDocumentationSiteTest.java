package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationCheck;
import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/**
 * The held documentation site the stop and restart tests rely on behaves as they assume, checked here with the real
 * documentation check because those tests run only in the full build.
 */
public class HeldDocumentationSiteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static CriticalSystem checkout(HeldDocumentationSite site) throws Exception {
        return RegistryParser.parse(GateFixtures.registry(site.port()), "registry").resolve(GateFixtures.CHECKOUT, "p")
                .system().orElseThrow();
    }

    private static DocumentationCheck check() {
        CheckLimits limits = CheckLimits.defaults();
        return new DocumentationCheck(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout()).build(), limits);
    }

    @Test
    public void theFirstRequestWaitsForTheReleaseWhileLaterOnesAreAnsweredAtOnce() throws Exception {
        try (HeldDocumentationSite site = new HeldDocumentationSite(1)) {
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> first = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(site.url("CHG-1"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(site.awaitRequests(1, WAIT), is(true));
            HttpResponse<String> second = client.send(HttpRequest.newBuilder(URI.create(site.url("CHG-2"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode(), is(200));
            assertThat(second.body(), containsString("CHG-2"));
            assertThat("the first request is still held", first.isDone(), is(false));

            site.release();
            HttpResponse<String> answered = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answered.statusCode(), is(200));
            assertThat(answered.body(), containsString("CHG-1"));
            assertThat(site.requests(), is(2));
        }
    }

    @Test
    public void aReleasedPageIsVerifiedByTheRealDocumentationCheck() throws Exception {
        try (HeldDocumentationSite site = new HeldDocumentationSite(1)) {
            CriticalSystem checkout = checkout(site);
            CompletableFuture<Evidence> evidence = CompletableFuture.supplyAsync(() ->
                    check().check(site.url("CHG-1234"), "CHG-1234", checkout.documentation(), null));
            assertThat(site.awaitRequests(1, WAIT), is(true));
            site.release();
            Evidence verified = evidence.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(verified.detail(), verified.isVerified(), is(true));
        }
    }

    /**
     * What the step's execution is given when a stop or a shutdown interrupts the check of a held page: not an
     * exception but a refusal (TIMEOUT, "interrupted while fetching"), the same evidence a slow site produces. The
     * stop and restart Jenkins tests show what the execution makes of it.
     */
    @Test
    public void anInterruptedCheckOfAHeldPageEndsAsATimeoutRefusal() throws Exception {
        try (HeldDocumentationSite site = new HeldDocumentationSite(1)) {
            CriticalSystem checkout = checkout(site);
            AtomicReference<Evidence> evidence = new AtomicReference<>();
            Thread checking = new Thread(() -> evidence.set(
                    check().check(site.url("CHG-1234"), "CHG-1234", checkout.documentation(), null)));
            checking.start();
            assertThat(site.awaitRequests(1, WAIT), is(true));
            checking.interrupt();
            checking.join(WAIT.toMillis());
            assertThat("the check returned", checking.isAlive(), is(false));
            assertThat(evidence.get().isVerified(), is(false));
            assertThat(evidence.get().reason().name(), is("TIMEOUT"));
            assertThat(evidence.get().detail(), containsString("interrupted while fetching"));
        }
    }
}
