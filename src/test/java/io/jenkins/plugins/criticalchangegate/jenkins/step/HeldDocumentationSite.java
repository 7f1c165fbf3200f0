package io.jenkins.plugins.criticalchangegate.jenkins.step;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A documentation site on 127.0.0.1 that keeps its first {@code held} requests waiting, without an answer, until
 * {@link #release()}: the Jenkins tests use it to stop or restart a build while its documentation check is in
 * progress, at a moment they know (after {@link #awaitRequests} says the check reached the site). Every other request
 * is answered at once with the page {@code GateFixtures.DocumentationSite} serves for {@code /CHG-<n>}, which the
 * test registry's documentation rules accept.
 *
 * <p>Each request gets its own thread, so a held request never delays the others. Needs no Jenkins:
 * HeldDocumentationSiteTest checks it, with the real documentation check, in the Central build.
 */
final class HeldDocumentationSite implements AutoCloseable {
    /** A held request waits at most this long for {@link #release()}, so a test that forgets it cannot hang. */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "held-documentation-site");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final int held;
    private int requests;

    /** A site that holds its first {@code held} requests. */
    HeldDocumentationSite(int held) throws IOException {
        this.held = held;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number;
        synchronized (this) {
            number = ++requests;
            notifyAll();
        }
        try {
            if (number <= held) {
                try {
                    released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String path = exchange.getRequestURI().getPath().substring(1);
            byte[] page = ("<html><head><title>" + path + " rollout plan</title></head><body><h1>" + path
                    + "</h1><p>Rollback: redeploy the previous version.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        } catch (IOException e) {
            // the client gave up on a held request (the build was stopped or Jenkins shut down): nothing to answer
        } finally {
            exchange.close();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + "/" + path;
    }

    /** How many requests arrived so far, held ones included. */
    synchronized int requests() {
        return requests;
    }

    /**
     * Waits until at least {@code count} requests arrived.
     *
     * @return whether they did within {@code timeout}
     */
    synchronized boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Lets the held requests be answered (those whose client still waits get the page). */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
