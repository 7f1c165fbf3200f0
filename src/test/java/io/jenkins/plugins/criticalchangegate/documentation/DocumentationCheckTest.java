package io.jenkins.plugins.criticalchangegate.documentation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.testing.LoopbackServer;
import io.jenkins.plugins.criticalchangegate.testing.TestCertificate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The documentation check against real servers on loopback (plain http and TLS with a certificate made by keytool),
 * with real threads: every reason code, redirects, the Authorization header's reach, the time and size bounds.
 */
public class DocumentationCheckTest {
    private static final Logger LOGGER = Logger.getLogger(DocumentationCheckTest.class.getName());
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static TestCertificate certificate;
    private static HttpClient client;

    private LoopbackServer server;
    private LoopbackServer tls;
    private LoopbackServer elsewhere;

    @BeforeClass
    public static void makeCertificateAndClient() throws Exception {
        certificate = TestCertificate.generate(TMP.getRoot().toPath());
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).sslContext(certificate.clientContext).build();
    }

    @Before
    public void startServers() throws IOException {
        server = LoopbackServer.http();
        tls = LoopbackServer.https(certificate.serverContext);
        elsewhere = LoopbackServer.http();
    }

    @After
    public void stopServers() {
        server.close();
        tls.close();
        elsewhere.close();
    }

    private static DocumentationCheck check() {
        return new DocumentationCheck(client, CheckLimits.defaults());
    }

    private static DocumentationPolicy httpPolicy(String... hosts) {
        return new DocumentationPolicy(List.of(hosts), true, true, List.of());
    }

    private static DocumentationPolicy httpsPolicy(String... hosts) {
        return new DocumentationPolicy(List.of(hosts), true, false, List.of());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title><style>p { color: red }</style></head>"
                + "<body>" + body + "</body></html>";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    public void verifiesAPageOverTlsAndKeepsItsEvidence() throws Exception {
        String body = page("CHG-1234 &amp; friends", "<h1>Change CHG-1234</h1><p>Rollback plan: revert.</p>");
        tls.html("/wiki/CHG-1234", body);
        Evidence evidence = check().check(tls.url("/wiki/CHG-1234#top"), "CHG-1234",
                new DocumentationPolicy(List.of(tls.hostPattern()), true, false, List.of("Rollback plan")), null);

        assertThat(evidence.toString(), evidence.reason(), is(Reason.VERIFIED));
        assertThat(evidence.verdict(), is(Verdict.VERIFIED));
        assertThat(evidence.status(), is(200));
        assertThat(evidence.requestedUrl(), is(tls.url("/wiki/CHG-1234#top")));
        assertThat(evidence.finalUrl(), is(tls.url("/wiki/CHG-1234")));
        assertThat(evidence.contentType(), is("text/html; charset=utf-8"));
        assertThat(evidence.title(), is("CHG-1234 & friends"));
        assertThat(evidence.bytesRead(), is((long) body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(evidence.sha256(), is(sha256(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(evidence.truncated(), is(false));
        assertThat(evidence.redirects(), is(empty()));
        assertThat(tls.received("/wiki/CHG-1234"), hasSize(1));
    }

    @Test
    public void refusesATlsServerTheClientDoesNotTrustAsUnreachable() {
        tls.html("/p", page("CHG-1", "CHG-1"));
        HttpClient untrusting = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Evidence evidence = new DocumentationCheck(untrusting, CheckLimits.defaults())
                .check(tls.url("/p"), "CHG-1", httpsPolicy(tls.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.UNREACHABLE));
        assertThat(evidence.detail(), containsString("TLS"));
    }

    @Test
    public void refusesPlainHttpUnlessTheSystemAllowsIt() {
        server.html("/p", page("CHG-1", "CHG-1"));
        Evidence refused = check().check(server.url("/p"), "CHG-1", httpsPolicy(server.hostPattern()), null);
        assertThat(refused.reason(), is(Reason.SCHEME_NOT_ALLOWED));
        assertThat(refused.verdict(), is(Verdict.REFUSED));
        assertThat(refused.finalUrl(), is(nullValue()));
        assertThat(refused.sha256(), is(nullValue()));
        assertThat("nothing was requested", server.received(), is(empty()));

        Evidence allowed = check().check(server.url("/p"), "CHG-1", httpPolicy(server.hostPattern()), null);
        assertThat(allowed.reason(), is(Reason.VERIFIED));
    }

    @Test
    public void refusesOtherSchemes() {
        Evidence evidence = check().check("ftp://127.0.0.1/CHG-1", "CHG-1", httpPolicy("127.0.0.1"), null);
        assertThat(evidence.reason(), is(Reason.SCHEME_NOT_ALLOWED));
        assertThat(check().check("file:///etc/passwd", "CHG-1", httpPolicy("127.0.0.1"), null).reason(),
                is(Reason.SCHEME_NOT_ALLOWED));
    }

    @Test
    public void refusesUserInfoThatDisguisesTheHost() {
        Evidence evidence = check().check("https://wiki.example.com@127.0.0.1:" + tls.port() + "/p", "CHG-1",
                httpsPolicy("wiki.example.com", tls.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.CREDENTIALS_IN_URL));
        assertThat(evidence.requestedUrl(), is("https://***@127.0.0.1:" + tls.port() + "/p"));
        assertThat(tls.received(), is(empty()));
    }

    @Test
    public void refusesAHostOffTheList() {
        elsewhere.html("/p", page("CHG-1", "CHG-1"));
        Evidence evidence = check().check(elsewhere.url("/p"), "CHG-1", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.HOST_NOT_ALLOWED));
        assertThat(evidence.detail(), containsString("127.0.0.1:" + elsewhere.port()));
        assertThat(elsewhere.received(), is(empty()));
    }

    @Test
    public void refusesLoopbackUnlessListedLiterally() {
        server.html("/p", page("CHG-1", "CHG-1"));
        // a name pattern never admits an address, whatever the address resolves from
        Evidence evidence = check().check(server.url("/p"), "CHG-1", httpPolicy("*.example.com", "localhost"), null);
        assertThat(evidence.reason(), is(Reason.HOST_NOT_ALLOWED));
        assertThat(server.received(), is(empty()));
    }

    @Test
    public void refusesAMalformedUrl() {
        Evidence evidence = check().check("https://127.0.0.1/a b", "CHG-1", httpsPolicy("127.0.0.1"), null);
        assertThat(evidence.reason(), is(Reason.MALFORMED_URL));
        assertThat(check().check("not a url", "CHG-1", httpsPolicy("127.0.0.1"), null).reason(),
                is(Reason.MALFORMED_URL));
    }

    @Test
    public void refusesEverythingWhenTheSystemListsNoHost() {
        Evidence evidence = check().check(server.url("/p"), "CHG-1", httpPolicy(), null);
        assertThat(evidence.reason(), is(Reason.HOST_NOT_ALLOWED));
        assertThat(evidence.detail(), containsString("allows no documentation host"));
    }

    @Test
    public void refusesAnErrorStatus() {
        server.page("/gone", 404, "text/html", page("Not found", "CHG-1 is not here"));
        Evidence evidence = check().check(server.url("/gone"), "CHG-1", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.HTTP_STATUS));
        assertThat(evidence.status(), is(404));
        assertThat(evidence.detail(), containsString("404"));
        assertThat("the error page is not read", evidence.bytesRead(), is(0L));
    }

    @Test
    public void refusesARedirectWithoutLocation() {
        server.handle("/moved", exchange -> LoopbackServer.respond(exchange, 302, "text/plain", "moved"));
        Evidence evidence = check().check(server.url("/moved"), "CHG-1", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.HTTP_STATUS));
        assertThat(evidence.status(), is(302));
    }

    @Test
    public void refusesWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Evidence evidence = check().check("http://127.0.0.1:" + port + "/p", "CHG-1", httpPolicy("127.0.0.1:" + port),
                null);
        assertThat(evidence.reason(), is(Reason.UNREACHABLE));
        assertThat(evidence.status(), is(0));
    }

    @Test
    public void followsRedirectsWithinTheAllowedHosts() {
        server.redirect("/short", 301, "/long");
        server.redirect("/long", 307, server.url("/final"));
        server.html("/final", page("Change", "About CHG-7."));
        Evidence evidence = check().check(server.url("/short"), "CHG-7", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.VERIFIED));
        assertThat(evidence.finalUrl(), is(server.url("/final")));
        assertThat(evidence.redirects(), is(List.of(server.url("/long"), server.url("/final"))));
    }

    @Test
    public void refusesARedirectChainThatLeavesTheAllowedHostsAtTheThirdHop() {
        server.redirect("/r1", 302, "/r2");
        server.redirect("/r2", 302, "/r3");
        server.redirect("/r3", 302, elsewhere.url("/internal-admin"));
        elsewhere.html("/internal-admin", page("secret", "CHG-1"));

        Evidence evidence = check().check(server.url("/r1"), "CHG-1", httpPolicy(server.hostPattern()), null);

        assertThat(evidence.reason(), is(Reason.REDIRECT_NOT_ALLOWED));
        assertThat(evidence.detail(), allOf(containsString(elsewhere.url("/internal-admin")),
                containsString("HOST_NOT_ALLOWED")));
        assertThat(evidence.finalUrl(), is(server.url("/r3")));
        assertThat(evidence.status(), is(302));
        assertThat(server.received(), hasSize(3));
        assertThat("the target outside the list was never contacted", elsewhere.received(), is(empty()));
    }

    @Test
    public void refusesARedirectToPlainHttpOrWithUserInfo() {
        tls.redirect("/down", 302, server.url("/p"));
        tls.redirect("/creds", 302, "https://user:pw@127.0.0.1:" + tls.port() + "/p");
        DocumentationPolicy policy = httpsPolicy(tls.hostPattern(), server.hostPattern());
        Evidence down = check().check(tls.url("/down"), "CHG-1", policy, null);
        assertThat(down.reason(), is(Reason.REDIRECT_NOT_ALLOWED));
        assertThat(down.detail(), containsString("SCHEME_NOT_ALLOWED"));
        Evidence creds = check().check(tls.url("/creds"), "CHG-1", policy, null);
        assertThat(creds.reason(), is(Reason.REDIRECT_NOT_ALLOWED));
        assertThat(creds.detail(), containsString("CREDENTIALS_IN_URL"));
        assertThat(creds.detail(), not(containsString("pw")));
        assertThat(server.received(), is(empty()));

        tls.redirect("/protocol-relative", 302, "//127.0.0.1:" + elsewhere.port() + "/p");
        Evidence relative = check().check(tls.url("/protocol-relative"), "CHG-1", policy, null);
        assertThat(relative.reason(), is(Reason.REDIRECT_NOT_ALLOWED));
        assertThat(relative.detail(), containsString("HOST_NOT_ALLOWED"));
        tls.redirect("/garbage", 302, "https://exa mple.com/");
        assertThat(check().check(tls.url("/garbage"), "CHG-1", policy, null).reason(),
                is(Reason.REDIRECT_NOT_ALLOWED));
    }

    @Test
    public void refusesMoreThanThreeRedirects() {
        for (int i = 1; i <= 4; i++) {
            server.redirect("/hop" + i, 302, "/hop" + (i + 1));
        }
        server.html("/hop5", page("CHG-1", "CHG-1"));
        Evidence evidence = check().check(server.url("/hop1"), "CHG-1", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.TOO_MANY_REDIRECTS));
        assertThat(evidence.redirects(), hasSize(3));
        assertThat(server.received("/hop5"), is(empty()));
    }

    @Test
    public void refusesARedirectLoop() {
        server.redirect("/a", 302, "/b");
        server.redirect("/b", 302, server.url("/a"));
        Evidence evidence = check().check(server.url("/a"), "CHG-1", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.TOO_MANY_REDIRECTS));
        assertThat(evidence.detail(), containsString("loop"));
        assertThat(server.received(), hasSize(2));
    }

    @Test
    public void sendsTheAuthorizationHeaderOnlyToTheRequestedOrigin() {
        server.redirect("/start", 302, "/same-origin");
        server.redirect("/same-origin", 302, server.urlVia("localhost", "/other-host"));
        server.redirect("/other-host", 302, elsewhere.url("/other-port"));
        elsewhere.html("/other-port", page("CHG-5", "CHG-5"));
        Authorization secret = Authorization.of("Bearer s3cr3t-token");

        Evidence evidence = check().check(server.url("/start"), "CHG-5",
                httpPolicy(server.hostPattern(), "localhost:" + server.port(), elsewhere.hostPattern()), secret);

        assertThat(evidence.toString(), evidence.reason(), is(Reason.VERIFIED));
        assertThat(server.received("/start").get(0).authorization, is("Bearer s3cr3t-token"));
        assertThat(server.received("/same-origin").get(0).authorization, is("Bearer s3cr3t-token"));
        assertThat(server.received("/other-host").get(0).host, is("localhost:" + server.port()));
        assertThat("another host never sees it", server.received("/other-host").get(0).authorization,
                is(nullValue()));
        assertThat("another port never sees it", elsewhere.received("/other-port").get(0).authorization,
                is(nullValue()));
        assertThat(evidence.toMap().toString(), not(containsString("s3cr3t")));
        assertThat(secret.toString(), not(containsString("s3cr3t")));
    }

    @Test
    public void endsWithinItsBoundWhenTheServerStallsAfterTheHeaders() throws Exception {
        AtomicBoolean disconnected = new AtomicBoolean();
        CountDownLatch handlerDone = new CountDownLatch(1);
        server.handle("/stall", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 100_000);
            OutputStream out = exchange.getResponseBody();
            out.write("<html><title>CHG-1</title>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                server.released.await(30, TimeUnit.SECONDS);
                out.write(new byte[1]);
                out.flush();
            } catch (InterruptedException | IOException e) {
                disconnected.set(true);
            } finally {
                handlerDone.countDown();
            }
        });
        CheckLimits limits = CheckLimits.defaults().withConnectTimeout(Duration.ofSeconds(1))
                .withReadTimeout(Duration.ofSeconds(2));
        long start = System.nanoTime();
        Evidence evidence = new DocumentationCheck(client, limits).check(server.url("/stall"), "CHG-1",
                httpPolicy(server.hostPattern()), null);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(evidence.reason(), is(Reason.TIMEOUT));
        assertThat(evidence.detail(), containsString("3 s"));
        assertThat("ended within the 3 s bound plus slack", elapsedMillis, lessThan(8_000L));
        assertThat(elapsedMillis, greaterThan(2_000L));
    }

    @Test
    public void endsWithinItsBoundWhenTheServerNeverAnswers() {
        server.handle("/silent", exchange -> {
            try {
                server.released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CheckLimits limits = CheckLimits.defaults().withConnectTimeout(Duration.ofSeconds(1))
                .withReadTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();
        Evidence evidence = new DocumentationCheck(client, limits).check(server.url("/silent"), "CHG-1",
                httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.TIMEOUT));
        assertThat(evidence.status(), is(0));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), lessThan(7_000L));
    }

    @Test
    public void anInterruptedCallerGetsEvidenceAtOnceAndKeepsItsInterruptFlag() throws Exception {
        server.handle("/silent", exchange -> {
            try {
                server.released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<Evidence> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.set(check().check(server.url("/silent"), "CHG-1", httpPolicy(server.hostPattern()), null));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        while (server.received("/silent").isEmpty() && caller.isAlive()) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(5_000);
        assertThat("the caller returned", caller.isAlive(), is(false));
        assertThat(result.get().reason(), is(Reason.TIMEOUT));
        assertThat(result.get().detail(), containsString("interrupted"));
        assertThat(stillInterrupted.get(), is(true));
    }

    @Test
    public void readsAtMostTheBodyLimitOfAHugePage() throws Exception {
        long size = 50L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        CountDownLatch writerStopped = new CountDownLatch(1);
        AtomicBoolean closedEarly = new AtomicBoolean();
        server.handle("/huge", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, size);
            byte[] chunk = ("CHG-9 " + "x".repeat(8186) + "\n").getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < size) {
                    int n = (int) Math.min(chunk.length, size - written.get());
                    out.write(chunk, 0, n);
                    written.addAndGet(n);
                }
            } catch (IOException e) {
                closedEarly.set(true);
            } finally {
                writerStopped.countDown();
            }
        });
        Evidence evidence = check().check(server.url("/huge"), "CHG-9", httpPolicy(server.hostPattern()), null);

        assertThat(evidence.toString(), evidence.reason(), is(Reason.VERIFIED));
        assertThat(evidence.bytesRead(), is(1024L * 1024));
        assertThat(evidence.truncated(), is(true));
        assertThat("the server saw the connection closed", writerStopped.await(10, TimeUnit.SECONDS), is(true));
        assertThat(closedEarly.get(), is(true));
        LOGGER.info(() -> "50 MiB page: the check read " + evidence.bytesRead() + " bytes; the server wrote "
                + written.get() + " bytes before it saw the connection closed");
        // What the server managed to write before the close sat in the kernel's socket buffers (a few MiB here,
        // bounded by net.ipv4.tcp_rmem/tcp_wmem), never read by the client; the server never got to finish.
        assertThat("written: " + written.get(), written.get(), lessThan(size));
    }

    @Test
    public void doesNotTakeAnotherChangesIdForThisOne() {
        server.html("/p", page("CHG-12", "<p>This is CHG-12 and XCHG-123, see also chg-1234.</p>"));
        Evidence evidence = check().check(server.url("/p"), "CHG-123", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.CHANGE_ID_MISSING));
        assertThat(evidence.detail(), containsString("CHG-123"));
        assertThat(evidence.title(), is("CHG-12"));

        server.html("/q", page("x", "<p>This is <b>chg-123</b>.</p>"));
        assertThat(check().check(server.url("/q"), "CHG-123", httpPolicy(server.hostPattern()), null).reason(),
                is(Reason.VERIFIED));
    }

    @Test
    public void refusesAnEmptyOrOverlongChangeIdWithoutSearching() {
        server.html("/p", page("x", "CHG-1"));
        Evidence empty = check().check(server.url("/p"), " ", httpPolicy(server.hostPattern()), null);
        assertThat(empty.reason(), is(Reason.CHANGE_ID_MISSING));
        assertThat(empty.detail(), containsString("no change id was given"));
        Evidence overlong = check().check(server.url("/p"), "C".repeat(ChangeIdRule.MAX_LENGTH + 1), httpPolicy(server.hostPattern()), null);
        assertThat(overlong.reason(), is(Reason.CHANGE_ID_MISSING));
        assertThat(overlong.detail(), containsString("longer than 128 characters"));
    }

    @Test
    public void doesNotFindTheChangeIdInScriptsOrMarkup() {
        server.html("/p", page("x", "<script>var id = 'CHG-77';</script><a href='/CHG-77'>link</a>"));
        Evidence evidence = check().check(server.url("/p"), "CHG-77", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.CHANGE_ID_MISSING));
    }

    @Test
    public void skipsTheChangeIdWhenTheSystemDoesNotRequireIt() {
        server.html("/p", page("x", "nothing"));
        DocumentationPolicy policy = new DocumentationPolicy(List.of(server.hostPattern()), false, true, List.of());
        assertThat(check().check(server.url("/p"), "CHG-1", policy, null).reason(), is(Reason.VERIFIED));
    }

    @Test
    public void refusesAPageWithoutARequiredSection() {
        server.html("/p", page("CHG-3", "<h2>Rollback   plan</h2><p>revert</p>"));
        DocumentationPolicy policy = new DocumentationPolicy(List.of(server.hostPattern()), true, true,
                List.of("rollback plan", "/Risk\\s+assessment/"));
        Evidence evidence = check().check(server.url("/p"), "CHG-3", policy, null);
        assertThat(evidence.reason(), is(Reason.SECTION_MISSING));
        assertThat(evidence.detail(), containsString("/Risk\\s+assessment/"));
    }

    @Test
    public void endsCatastrophicBacktrackingWithAClearVerdict() {
        server.page("/p", 200, "text/plain", "CHG-4 " + "a".repeat(200) + "!");
        DocumentationPolicy policy = new DocumentationPolicy(List.of(server.hostPattern()), true, true,
                List.of("/(.*a){30}/"));
        CheckLimits limits = CheckLimits.defaults().withSectionMatchTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();
        Evidence evidence = new DocumentationCheck(client, limits).check(server.url("/p"), "CHG-4", policy, null);
        assertThat(evidence.reason(), is(Reason.SECTION_MISSING));
        assertThat(evidence.detail(), containsString("did not end within 300 ms"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), lessThan(5_000L));
    }

    @Test
    public void decodesThePageWithTheCharsetOfItsContentType() {
        byte[] latin1 = "<title>Änderung CHG-8</title>".getBytes(StandardCharsets.ISO_8859_1);
        server.handle("/p", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=ISO-8859-1");
            exchange.sendResponseHeaders(200, latin1.length);
            exchange.getResponseBody().write(latin1);
        });
        Evidence evidence = check().check(server.url("/p"), "CHG-8", httpPolicy(server.hostPattern()), null);
        assertThat(evidence.reason(), is(Reason.VERIFIED));
        assertThat(evidence.title(), is("Änderung CHG-8"));
    }

    @Test
    public void refusesAClientThatFollowsRedirectsByItself() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DocumentationCheck(following, CheckLimits.defaults()));
        assertThat(e.getMessage(), containsString("followRedirects(HttpClient.Redirect.NEVER)"));
    }

    @Test
    public void servesConcurrentChecksFromOneInstance() throws Exception {
        int pages = 8;
        for (int i = 0; i < pages; i++) {
            server.html("/c" + i, page("CHG-" + i, "<p>CHG-" + i + "</p>" + "filler ".repeat(i * 100)));
        }
        server.redirect("/moved", 302, "/c0");
        DocumentationCheck check = check();
        DocumentationPolicy policy = httpPolicy(server.hostPattern());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Evidence>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int page = i % pages;
                // every fourth check asks for the wrong change id, so answers cannot be confused between threads
                String changeId = i % 4 == 3 ? "CHG-" + (page + 100) : "CHG-" + page;
                results.add(pool.submit(() -> {
                    start.await();
                    return check.check(server.url("/c" + page), changeId, policy, null);
                }));
            }
            start.countDown();
            for (int i = 0; i < results.size(); i++) {
                Evidence e = results.get(i).get(30, TimeUnit.SECONDS);
                Reason expected = i % 4 == 3 ? Reason.CHANGE_ID_MISSING : Reason.VERIFIED;
                assertThat("check " + i + ": " + e, e.reason(), is(expected));
                assertThat(e.finalUrl(), is(server.url("/c" + (i % pages))));
                assertThat(e.title(), is("CHG-" + (i % pages)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.received(), hasSize(64));
    }

    @Test
    public void theReasonCodesAreThoseOfTheIssueAndTheDocsExplainEach() throws IOException {
        List<String> names = new ArrayList<>();
        for (Reason reason : Reason.values()) {
            names.add(reason.name());
        }
        assertThat(names, is(List.of("VERIFIED", "SCHEME_NOT_ALLOWED", "CREDENTIALS_IN_URL", "HOST_NOT_ALLOWED",
                "REDIRECT_NOT_ALLOWED", "TOO_MANY_REDIRECTS", "HTTP_STATUS", "TIMEOUT", "UNREACHABLE",
                "CHANGE_ID_MISSING", "SECTION_MISSING", "MALFORMED_URL")));
        Path docs = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && docs == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/documentation-check.md");
            if (Files.isRegularFile(candidate)) {
                docs = candidate;
            }
        }
        assertThat("docs/documentation-check.md above " + Path.of("").toAbsolutePath(), docs, not(nullValue()));
        String text = Files.readString(docs);
        for (String name : names) {
            assertThat(name, text, containsString("| `" + name + "` |"));
        }
        for (String key : check().check("x", "y", httpPolicy("a.example"), null).toMap().keySet()) {
            assertThat(key, text, containsString("| `" + key + "` |"));
        }
    }

    @Test
    public void evidenceSurvivesSerializationAndListsItsFieldsInAStableOrder() throws Exception {
        server.html("/p", page("T", "CHG-2"));
        Evidence evidence = check().check(server.url("/p"), "CHG-2", httpPolicy(server.hostPattern()), null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(evidence);
        }
        Evidence copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Evidence) in.readObject();
        }
        assertThat(copy, equalTo(evidence));
        assertThat(copy.toMap(), equalTo(evidence.toMap()));
        assertThat(new ArrayList<>(evidence.toMap().keySet()), is(List.of("verdict", "reason", "detail",
                "requestedUrl", "finalUrl", "redirects", "changeId", "status", "contentType", "sha256", "title",
                "bytesRead", "truncated", "fetchedAt", "durationMillis")));
        assertThat((Long) evidence.toMap().get("durationMillis"), lessThanOrEqualTo(30_000L));
    }
}
