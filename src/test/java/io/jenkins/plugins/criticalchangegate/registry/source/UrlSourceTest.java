package io.jenkins.plugins.criticalchangegate.registry.source;

import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.ONE_SYSTEM;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.TWO_SYSTEMS;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.utf8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.testing.LoopbackServer;
import io.jenkins.plugins.criticalchangegate.testing.TestCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** UrlSource against a real HTTPS server on loopback. */
public class UrlSourceTest {
    private static final String SECRET = "Bearer s3cr3t-registry-token";

    @ClassRule
    public static final TemporaryFolder CERTIFICATES = new TemporaryFolder();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static TestCertificate certificate;
    private LoopbackServer server;
    private HttpClient client;

    @BeforeClass
    public static void makeCertificate() throws Exception {
        certificate = TestCertificate.generate(CERTIFICATES.getRoot().toPath());
    }

    @Before
    public void start() throws Exception {
        server = LoopbackServer.https(certificate.serverContext);
        client = HttpClient.newBuilder().sslContext(certificate.clientContext)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @After
    public void stop() {
        server.close();
    }

    private UrlSource source(String path, SourceLimits limits) {
        return new UrlSource(URI.create(server.url(path)), client, null, limits);
    }

    @Test
    public void sendsTheETagBackAndTakesA304AsUnchanged() throws Exception {
        server.handle("/registry.yaml", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            LoopbackServer.respond(exchange, 200, "application/yaml", ONE_SYSTEM);
        });
        UrlSource source = source("/registry.yaml", SourceLimits.defaults());

        Fetched first = source.fetch(null);
        assertThat(first.bytes(), is(utf8(ONE_SYSTEM)));
        assertThat(first.validators().etag().orElse(null), is("\"v1\""));
        Fetched second = source.fetch(first.validators());
        assertThat(second.isUnchanged(), is(true));
        assertThat(second.validators(), is(first.validators()));

        List<LoopbackServer.Received> received = server.received("/registry.yaml");
        assertThat(received, hasSize(2));
        assertThat(received.get(0).header("If-None-Match"), is(nullValue()));
        assertThat(received.get(1).header("If-None-Match"), is("\"v1\""));
    }

    @Test
    public void sendsLastModifiedBackAndReadsNewContentWhenTheServerHasIt() throws Exception {
        String date = "Wed, 25 Nov 2026 10:00:00 GMT";
        AtomicInteger version = new AtomicInteger(1);
        server.handle("/registry.yaml", exchange -> {
            if (version.get() == 1 && date.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("Last-Modified", date);
            LoopbackServer.respond(exchange, 200, "text/plain", version.get() == 1 ? ONE_SYSTEM : TWO_SYSTEMS);
        });
        UrlSource source = source("/registry.yaml", SourceLimits.defaults());

        Fetched first = source.fetch(null);
        assertThat(first.validators().lastModified().orElse(null), is(date));
        assertThat(source.fetch(first.validators()).isUnchanged(), is(true));
        version.set(2);
        Fetched third = source.fetch(first.validators());
        assertThat(third.bytes(), is(utf8(TWO_SYSTEMS)));

        List<LoopbackServer.Received> received = server.received("/registry.yaml");
        assertThat(received, hasSize(3));
        assertThat(received.get(0).header("If-Modified-Since"), is(nullValue()));
        assertThat(received.get(1).header("If-Modified-Since"), is(date));
        assertThat(received.get(2).header("If-Modified-Since"), is(date));
    }

    @Test
    public void errorStatusesFailNamingTheStatus() {
        server.page("/missing.yaml", 404, "text/plain", "not here");
        server.page("/broken.yaml", 500, "text/plain", "oops");
        SourceException missing = assertThrows(SourceException.class,
                () -> source("/missing.yaml", SourceLimits.defaults()).fetch(null));
        assertThat(missing.getMessage(), is(server.url("/missing.yaml") + ": answered HTTP 404 (check the URL);"
                + " a registry must be served with 200"));
        SourceException broken = assertThrows(SourceException.class,
                () -> source("/broken.yaml", SourceLimits.defaults()).fetch(null));
        assertThat(broken.getMessage(), is(server.url("/broken.yaml") + ": answered HTTP 500; a registry must be"
                + " served with 200"));
    }

    @Test
    public void aRedirectIsNotFollowedAndItsTargetIsNamedWithoutItsQuery() {
        server.redirect("/moved.yaml", 302, "https://registry.example.com/v2/registry.yaml?token=leaked-value");
        SourceException e = assertThrows(SourceException.class,
                () -> source("/moved.yaml", SourceLimits.defaults()).fetch(null));
        assertThat(e.getMessage(), is(server.url("/moved.yaml") + ": answered HTTP 302 redirecting to"
                + " https://registry.example.com/v2/registry.yaml?...; redirects are not followed: configure the"
                + " final URL"));
        assertThat(e.getMessage(), not(containsString("leaked-value")));
        assertThat(server.received(), hasSize(1));
    }

    @Test
    public void aBodyDeclaredLargerThanTheLimitFailsWithoutBeingRead() {
        server.page("/big.yaml", 200, "text/plain", "#".repeat(5000));
        SourceException e = assertThrows(SourceException.class,
                () -> source("/big.yaml", SourceLimits.defaults().withMaxBytes(1000)).fetch(null));
        assertThat(e.getMessage(), is(server.url("/big.yaml") + ": the registry is larger than 1000 bytes"
                + " (Content-Length 5000), more than this Jenkins reads"));
    }

    @Test
    public void aChunkedBodyLargerThanTheLimitStopsAtTheLimit() {
        AtomicInteger written = new AtomicInteger();
        server.handle("/endless.yaml", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse up front
            byte[] line = "# padding padding padding padding padding padding padding\n"
                    .getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1_000_000; i++) { // 58 MB if nobody stops it
                    out.write(line);
                    written.addAndGet(line.length);
                }
            } catch (IOException expected) {
                // the client closed the connection: what the test wants
            }
        });
        SourceException e = assertThrows(SourceException.class,
                () -> source("/endless.yaml", SourceLimits.defaults().withMaxBytes(10_000)).fetch(null));
        assertThat(e.getMessage(), is(server.url("/endless.yaml") + ": the registry is larger than 10000 bytes,"
                + " more than this Jenkins reads"));
    }

    @Test
    public void aServerThatStallsBeforeItsHeadersEndsAtTheDeadline() {
        server.handle("/stall.yaml", exchange -> {
            try {
                server.released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        SourceException e = assertThrows(SourceException.class,
                () -> source("/stall.yaml", SourceLimits.defaults().withReadTimeout(Duration.ofSeconds(1)))
                        .fetch(null));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(e.getMessage(), is(server.url("/stall.yaml") + ": no complete answer within 1 s (the server is"
                + " too slow or does not answer)"));
        assertThat("ends within the 1 s bound and a few seconds", elapsed, lessThan(6_000L));
    }

    @Test
    public void aServerThatStallsInTheMiddleOfItsBodyEndsAtTheDeadline() {
        server.handle("/half.yaml", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("version: 1\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                server.released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        SourceException e = assertThrows(SourceException.class,
                () -> source("/half.yaml", SourceLimits.defaults().withReadTimeout(Duration.ofSeconds(1)))
                        .fetch(null));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(e.getMessage(), containsString("no complete answer within 1 s"));
        assertThat("ends within the 1 s bound and a few seconds", elapsed, lessThan(6_000L));
    }

    @Test
    public void anInterruptedRefreshStopsWaitingAtOnceAndChangesNothing() throws Exception {
        server.handle("/stall.yaml", exchange -> {
            try {
                server.released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RegistryKeeper keeper = new RegistryKeeper(source("/stall.yaml", SourceLimits.defaults()),
                new LastKnownGoodStore(tmp.getRoot().toPath()), ParseOptions.defaults(), Clock.systemUTC());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread refresher = new Thread(() -> {
            try {
                keeper.refresh();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "refresher");
        refresher.start();
        long waited = 0;
        while (server.received("/stall.yaml").isEmpty() && waited < 10_000) {
            Thread.sleep(20);
            waited += 20;
        }
        long start = System.nanoTime();
        refresher.interrupt();
        refresher.join(10_000);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(refresher.isAlive(), is(false));
        assertThat("well before the 30 s deadline", elapsed, lessThan(5_000L));
        assertThat(thrown.get(), instanceOf(InterruptedException.class));
        assertThat("an interrupted refresh is not a checked source", keeper.status().lastChecked(),
                is(Optional.empty()));
    }

    @Test
    public void sendsTheAuthorizationAtEachFetchAndNeverPutsItInAMessage() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        server.page("/private.yaml", 200, "text/plain", ONE_SYSTEM);
        server.page("/forbidden.yaml", 403, "text/plain", "no");
        UrlSource ok = new UrlSource(URI.create(server.url("/private.yaml")), client, () -> {
            asked.incrementAndGet();
            return SECRET;
        }, SourceLimits.defaults());
        ok.fetch(null);
        ok.fetch(null);
        assertThat("read at each fetch: a rotated credential is used at once", asked.get(), is(2));
        assertThat(server.received("/private.yaml").get(0).authorization, is(SECRET));

        UrlSource refused = new UrlSource(URI.create(server.url("/forbidden.yaml")), client, () -> SECRET,
                SourceLimits.defaults());
        SourceException e = assertThrows(SourceException.class, () -> refused.fetch(null));
        assertThat(e.getMessage(), is(server.url("/forbidden.yaml") + ": answered HTTP 403 (check the credential"
                + " and its permissions); a registry must be served with 200"));
        for (String text : List.of(e.getMessage(), refused.describe(), refused.toString(), ok.describe())) {
            assertThat(text, not(containsString("s3cr3t")));
        }
    }

    @Test
    public void theKeeperNeverLogsNorRecordsTheAuthorization() throws Exception {
        server.page("/forbidden.yaml", 401, "text/plain", "no");
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logged) {
                    logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters())
                            + " " + record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RegistryKeeper.class.getName());
        logger.addHandler(capture);
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        try {
            RegistryKeeper keeper = new RegistryKeeper(new UrlSource(URI.create(server.url("/forbidden.yaml")),
                    client, () -> SECRET, SourceLimits.defaults()),
                    new LastKnownGoodStore(tmp.getRoot().toPath()), ParseOptions.defaults(), Clock.systemUTC());
            RefreshResult result = keeper.refresh();
            keeper.refresh();
            assertThat(result.kind(), is(RefreshResult.Kind.FAILED));
            assertThat(server.received(), hasSize(2));
            assertThat(server.received().get(1).authorization, is(SECRET));
            List<String> texts = new ArrayList<>(result.problems());
            texts.add(result.summary());
            texts.addAll(keeper.status().describe(Instant.now()));
            texts.add(assertThrows(RegistryUnavailableException.class, keeper::current).getMessage());
            synchronized (logged) {
                assertThat("the failure is logged", logged.size(), is(2));
                texts.addAll(logged);
            }
            assertThat(texts, everyItem(not(containsString("s3cr3t"))));
            assertThat(texts.get(0), containsString("answered HTTP 401"));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
    }

    @Test
    public void anAuthorizationValueWithALineBreakIsRefusedWithoutSendingIt() {
        server.page("/private.yaml", 200, "text/plain", ONE_SYSTEM);
        UrlSource source = new UrlSource(URI.create(server.url("/private.yaml")), client,
                () -> "Bearer abc\r\nX-Injected: 1", SourceLimits.defaults());
        SourceException e = assertThrows(SourceException.class, () -> source.fetch(null));
        assertThat(e.getMessage(), is(server.url("/private.yaml") + ": the credential cannot be sent: the"
                + " Authorization header value contains a control or non-ASCII character (at index 10); check the"
                + " credential for line breaks and stray characters"));
        assertThat(server.received(), hasSize(0));
    }

    @Test
    public void refusesAnythingButAPlainHttpsUrlAndAClientThatFollowsRedirects() {
        for (String url : List.of("http://registry.example.com/r.yaml", "ftp://registry.example.com/r.yaml",
                "https://user:pw@registry.example.com/r.yaml", "https://registry.example.com/r.yaml#top",
                "registry.yaml")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new UrlSource(URI.create(url), client, null, SourceLimits.defaults()));
            assertThat(url, e.getMessage(), not(containsString("pw")));
        }
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class, () -> new UrlSource(
                URI.create("http://registry.example.com/r.yaml"), client, null, SourceLimits.defaults()));
        assertThat(http.getMessage(), containsString("must start with https://"));
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        IllegalArgumentException redirects = assertThrows(IllegalArgumentException.class, () -> new UrlSource(
                URI.create("https://registry.example.com/r.yaml"), following, null, SourceLimits.defaults()));
        assertThat(redirects.getMessage(), containsString("followRedirects(HttpClient.Redirect.NEVER)"));
    }

    @Test
    public void describesTheUrlWithoutItsQuery() {
        UrlSource source = new UrlSource(URI.create("https://registry.example.com:8443/r.yaml?private_token=abc"),
                client, null, SourceLimits.defaults());
        assertThat(source.describe(), is("https://registry.example.com:8443/r.yaml?..."));
    }
}
