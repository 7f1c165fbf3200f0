package io.jenkins.plugins.criticalchangegate.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.testing.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The bounded body and exchange against a real HTTP server on loopback. */
public class BoundedBodyTest {
    /** 58 bytes a line; the endless handlers write a million of them (58 MB) unless the client stops them. */
    private static final byte[] LINE = "# padding padding padding padding padding padding padding\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final long ENDLESS = 1_000_000L * LINE.length;

    private LoopbackServer server;
    private HttpClient client;

    @Before
    public void start() throws IOException {
        server = LoopbackServer.http();
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @After
    public void stop() {
        server.close();
    }

    private HttpResponse<BoundedBody.Content> get(String path, Function<HttpResponse.ResponseInfo, BoundedBody> body,
            Duration wait) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path))).GET().build();
        return BoundedExchange.send(client, request, body, System.nanoTime() + wait.toNanos());
    }

    private HttpResponse<BoundedBody.Content> get(String path, Function<HttpResponse.ResponseInfo, BoundedBody> body)
            throws Exception {
        return get(path, body, Duration.ofSeconds(20));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String text(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + i % 26));
        }
        return s.toString();
    }

    /** A handler that serves {@link #ENDLESS} bytes chunked (no Content-Length), counting what it wrote. */
    private static final class Endless {
        final AtomicLong written = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);

        Endless(LoopbackServer server, String path) {
            server.handle(path, exchange -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    while (written.get() < ENDLESS) {
                        out.write(LINE);
                        written.addAndGet(LINE.length);
                    }
                } catch (IOException expected) {
                    // the client closed the connection: what the tests want
                } finally {
                    done.countDown();
                }
            });
        }

        /** The client closed the connection long before the end: the rest was never downloaded. */
        void assertStoppedEarly() throws InterruptedException {
            assertThat("the server is stopped when the client closes the connection", done.await(10, TimeUnit.SECONDS),
                    is(true));
            assertThat("the server did not get to write its whole body", written.get(), lessThan(ENDLESS));
        }
    }

    @Test
    public void aTruncatingBodyKeepsTheFirstBytesHashesThemAndSaysItWasCut() throws Exception {
        String page = text(5000);
        server.page("/long", 200, "text/plain", page);
        BoundedBody.Content body = get("/long", info -> BoundedBody.truncating(1000)).body();
        byte[] first = Arrays.copyOf(page.getBytes(StandardCharsets.UTF_8), 1000);
        assertThat(body.length(), is(1000));
        assertThat(body.bytes(), is(first));
        assertThat(body.sha256(), is(sha256(first)));
        assertThat(body.truncated(), is(true));
    }

    @Test
    public void aTruncatingBodyUnderTheLimitIsKeptWholeAndNotMarkedCut() throws Exception {
        String page = text(999);
        server.page("/short", 200, "text/plain", page);
        BoundedBody.Content body = get("/short", info -> BoundedBody.truncating(1000)).body();
        assertThat(body.bytes(), is(page.getBytes(StandardCharsets.UTF_8)));
        assertThat(body.sha256(), is(sha256(page.getBytes(StandardCharsets.UTF_8))));
        assertThat(body.truncated(), is(false));
    }

    @Test
    public void aTruncatingBodyStopsAnEndlessChunkedBodyAtTheLimit() throws Exception {
        Endless endless = new Endless(server, "/endless");
        BoundedBody.Content body = get("/endless", info -> BoundedBody.truncating(10_000)).body();
        assertThat(body.length(), is(10_000));
        assertThat(body.truncated(), is(true));
        assertThat(body.sha256(), is(sha256(Arrays.copyOf(repeatedLines(10_000 / LINE.length + 1), 10_000))));
        endless.assertStoppedEarly();
    }

    private static byte[] repeatedLines(int lines) {
        byte[] all = new byte[lines * LINE.length];
        for (int i = 0; i < lines; i++) {
            System.arraycopy(LINE, 0, all, i * LINE.length, LINE.length);
        }
        return all;
    }

    @Test
    public void aRefusingBodyRefusesADeclaredLengthOverTheLimitWithoutReadingIt() throws Exception {
        server.page("/big", 200, "text/plain", text(5000));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> get("/big", info -> BoundedBody.refusing(1000, info)));
        assertThat(e.getCause(), instanceOf(BoundedBody.TooLarge.class));
        assertThat(e.getCause().getMessage(), is("larger than 1000 bytes (Content-Length 5000)"));
    }

    @Test
    public void aRefusingBodyStopsAnEndlessChunkedBodyOverTheLimit() throws Exception {
        Endless endless = new Endless(server, "/endless");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> get("/endless", info -> BoundedBody.refusing(10_000, info)));
        assertThat(e.getCause(), instanceOf(BoundedBody.TooLarge.class));
        assertThat(e.getCause().getMessage(), is("larger than 10000 bytes"));
        endless.assertStoppedEarly();
    }

    @Test
    public void aRefusingBodyAcceptsABodyOfExactlyTheLimit() throws Exception {
        String page = text(1000);
        server.handle("/exact", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the limit is applied to what arrives, not declared
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page.getBytes(StandardCharsets.UTF_8));
            }
        });
        BoundedBody.Content body = get("/exact", info -> BoundedBody.refusing(1000, info)).body();
        assertThat(body.bytes(), is(page.getBytes(StandardCharsets.UTF_8)));
        assertThat(body.sha256(), is(sha256(page.getBytes(StandardCharsets.UTF_8))));
        assertThat(body.truncated(), is(false));
    }

    @Test
    public void aDiscardingBodyReadsNothingOfAnErrorPage() throws Exception {
        server.page("/missing", 404, "text/html", "<h1>" + text(5000) + "</h1>");
        HttpResponse<BoundedBody.Content> response = get("/missing", info -> BoundedBody.discarding());
        assertThat(response.statusCode(), is(404));
        assertThat(response.body().length(), is(0));
        assertThat(response.body().sha256(), is(sha256(new byte[0])));
        assertThat(response.body().truncated(), is(false));
    }

    @Test
    public void aTruncatingLimitOfZeroReadsNothingEvenOfAnEndlessBody() throws Exception {
        Endless endless = new Endless(server, "/endless");
        BoundedBody.Content body = get("/endless", info -> BoundedBody.truncating(0)).body();
        assertThat(body.length(), is(0));
        assertThat(body.truncated(), is(false));
        endless.assertStoppedEarly();
    }

    @Test
    public void theKeptBytesCannotBeChangedFromOutside() throws Exception {
        server.page("/page", 200, "text/plain", "abc");
        BoundedBody.Content body = get("/page", info -> BoundedBody.truncating(1000)).body();
        body.bytes()[0] = 'X';
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8), is("abc"));
    }

    @Test
    public void aBodyThatTricklesEndsAtTheDeadlineAndTheExchangeIsAborted() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        server.handle("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 1000); // a byte every 200 ms: 200 s for the whole body
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1000 && server.released.getCount() > 0; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException expected) {
                // the client closed the connection: what the test wants
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> get("/trickle", info -> BoundedBody.truncating(10_000),
                Duration.ofSeconds(1)));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat("ends within the 1 s bound and a few seconds", elapsed, lessThan(6_000L));
        assertThat("the server finds the connection closed: nothing goes on reading in the background",
                done.await(10, TimeUnit.SECONDS), is(true));
    }

    @Test
    public void negativeLimitsAndARefusingLimitOfZeroAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BoundedBody.truncating(-1));
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public java.net.http.HttpHeaders headers() {
                return java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true);
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundedBody.refusing(0, info));
        assertThat(e.getMessage(), is("a refusing body limit must be at least 1 byte, not 0"));
    }
}
