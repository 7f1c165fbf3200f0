package io.jenkins.plugins.criticalchangegate.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class WebhookDispatcherTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final DispatchLimits FAST = DispatchLimits.DEFAULT.timeouts(Duration.ofSeconds(2),
            Duration.ofMillis(500)).retries(3, Duration.ofMillis(20), Duration.ofMillis(80));

    private HttpServer server;
    private final BlockingQueue<Delivery> outcomes = new LinkedBlockingQueue<>();
    private final List<Socket> silent = new ArrayList<>();

    @Before
    public void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a held handler blocks no other
        server.start();
    }

    @After
    public void stop() throws Exception {
        server.stop(0);
        for (Socket s : silent) {
            s.close();
        }
    }

    private String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    private Webhook webhook(String url) {
        return Webhook.of(url, List.of("localhost:" + server.getAddress().getPort()), true, SECRET, List.of(),
                List.of());
    }

    static NotificationPayload payload() {
        PendingGate gate = PendingGate.builder("app/deploy", 7, "payments", "CHG-1",
                Instant.parse("2026-01-01T10:00:00Z")).approvalsNeeded(2).startedBy("alice")
                .deadline(Instant.parse("2026-01-02T10:00:00Z")).build();
        return NotificationPayload.opened(gate, GateLinks.fromRoot("https://ci.example.com/", "app/deploy", 7));
    }

    private Delivery next() throws InterruptedException {
        Delivery d = outcomes.poll(30, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no delivery outcome within 30 s");
        }
        return d;
    }

    @Test
    public void deliversTheSignedBodyWithTheEventAndDeliveryHeaders() throws Exception {
        BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new String[] {new String(body, StandardCharsets.UTF_8),
                ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                ex.getRequestHeaders().getFirst(WebhookSignature.EVENT_HEADER),
                ex.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER)});
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST, outcomes::add)) {
            assertThat(dispatcher.submit(webhook(url("/hook")), payload()), is(true));
            assertThat(next().status(), is(Delivery.Status.DELIVERED));
            String[] got = received.poll(30, TimeUnit.SECONDS);
            // the HMAC computed here, independently of WebhookSignature
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            StringBuilder hex = new StringBuilder("sha256=");
            for (byte b : mac.doFinal(got[0].getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b));
            }
            assertThat(got[1], is(hex.toString()));
            assertThat(got[2], is("gate.opened"));
            assertThat(got[3].length(), is(36));
            assertThat(got[0], containsString("\"schemaVersion\":1"));
            assertThat(got[0], containsString("\"gateUrl\":\"https://ci.example.com/job/app/job/deploy/7/"
                    + "critical-change-gate/\""));
            assertThat(got[0], containsString("\"text\":\"Approval needed: change CHG-1 to payments"));
            assertThat(dispatcher.count(Delivery.Status.DELIVERED), is(1L));
        }
    }

    @Test
    public void retriesAServerErrorWithTheSameDeliveryIdUntilItSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> ids = new ArrayList<>();
        server.createContext("/flaky", ex -> {
            ex.getRequestBody().readAllBytes();
            synchronized (ids) {
                ids.add(ex.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER));
            }
            ex.sendResponseHeaders(calls.incrementAndGet() < 3 ? 503 : 200, -1);
            ex.close();
        });
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST, outcomes::add)) {
            dispatcher.submit(webhook(url("/flaky")), payload());
            Delivery d = next();
            assertThat(d.status(), is(Delivery.Status.DELIVERED));
            assertThat(d.attempts(), is(3));
            synchronized (ids) {
                assertThat(ids.stream().distinct().count(), is(1L));
            }
        }
    }

    @Test
    public void givesUpAfterTheLastRetryAndCountsTheDrop() throws Exception {
        server.createContext("/down", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST, outcomes::add)) {
            dispatcher.submit(webhook(url("/down")), payload());
            Delivery d = next();
            assertThat(d.status(), is(Delivery.Status.FAILED));
            assertThat(d.attempts(), is(3));
            assertThat(dispatcher.dropped(), is(1L));
            assertThat(dispatcher.lastDeliveries().get(0).detail(), containsString("gave up after 3"));
        }
    }

    @Test
    public void aSlowServerAndAServerThatNeverAnswersTimeOutWithoutBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/slow", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        // accepts connections and never reads nor answers
        ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = mute.accept();
                    synchronized (silent) {
                        silent.add(s);
                    }
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST.retries(2, Duration.ofMillis(10),
                Duration.ofMillis(10)), outcomes::add)) {
            long start = System.nanoTime();
            dispatcher.submit(webhook(url("/slow")), payload());
            dispatcher.submit(Webhook.of("http://localhost:" + mute.getLocalPort() + "/", List.of("localhost:"
                    + mute.getLocalPort()), true, null, List.of(), List.of()), payload());
            assertThat("submit returns at once", Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    lessThan(1000L));
            assertThat(next().status(), is(Delivery.Status.FAILED));
            assertThat(next().status(), is(Delivery.Status.FAILED));
            assertThat(dispatcher.dropped(), is(2L));
            assertThat(dispatcher.lastDeliveries().get(0).detail(), containsString("timed out"));
        } finally {
            release.countDown();
            mute.close();
        }
    }

    @Test
    public void aRedirectToAHostThatIsNotAllowedIsRefused() throws Exception {
        server.createContext("/moved", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Location", "http://evil.example.net/steal");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST, outcomes::add)) {
            dispatcher.submit(webhook(url("/moved")), payload());
            Delivery d = next();
            assertThat(d.status(), is(Delivery.Status.REFUSED));
            assertThat(d.detail(), containsString("REDIRECT_NOT_ALLOWED"));
            assertThat(dispatcher.count(Delivery.Status.REFUSED), is(1L));
        }
    }

    @Test
    public void aUrlOutsideTheAllowedHostsIsRefusedAndCountedWithoutSending() {
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST, outcomes::add)) {
            assertThat(dispatcher.submit(url("/hook"), List.of("hooks.slack.com"), true, SECRET, List.of(),
                    List.of(), payload()), is(false));
            assertThat(dispatcher.count(Delivery.Status.REFUSED), is(1L));
            assertThat(dispatcher.lastDeliveries().get(0).detail(), containsString("HOST_NOT_ALLOWED"));
        }
    }

    @Test
    public void aWebhookWhoseSecretIsMissingIsListedAsFailedAndCountedWithoutSending() throws Exception {
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/signed", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        List<String> allowed = List.of("localhost:" + server.getAddress().getPort());
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(FAST, outcomes::add)) {
            assertThat(dispatcher.notSent(url("/signed?token=t0ps3cret"), allowed, true, List.of(), List.of(),
                    payload(), "no Secret text credential with id 'hook-secret'"), is(true));
            assertThat(dispatcher.notSent(url("/signed"), allowed, true, List.of("gate.decided"), List.of(),
                    payload(), "not wanted"), is(false)); // the webhook does not want gate.opened: nothing to list
            assertThat(dispatcher.count(Delivery.Status.FAILED), is(1L));
            assertThat(dispatcher.dropped(), is(1L));
            Delivery listed = dispatcher.lastDeliveries().get(0);
            assertThat(listed.status(), is(Delivery.Status.FAILED));
            assertThat(listed.attempts(), is(0));
            assertThat(listed.detail(), containsString("hook-secret"));
            assertThat(listed.target(), is("http://localhost:" + server.getAddress().getPort()));
        }
        assertThat(hits.get(), is(0));
    }

    @Test
    public void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/held", ex -> {
            ex.getRequestBody().readAllBytes();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        DispatchLimits small = FAST.queue(2, 1).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(small, outcomes::add)) {
            Webhook hook = webhook(url("/held"));
            int accepted = 0;
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                accepted += dispatcher.submit(hook, payload()) ? 1 : 0;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), lessThan(1000L));
            assertThat(accepted, is(2));
            assertThat(dispatcher.count(Delivery.Status.QUEUE_FULL), is(8L));
            release.countDown();
            int delivered = 0;
            for (int i = 0; i < 10; i++) {
                delivered += next().status() == Delivery.Status.DELIVERED ? 1 : 0;
            }
            assertThat(delivered, is(2));
            assertThat(dispatcher.waiting(), is(0));
        }
    }

    @Test
    public void onlyTheEventsAndSystemsAWebhookWantsAreSent() {
        Webhook decidedOnly = Webhook.of("https://hooks.slack.com/services/T/B/X", List.of("hooks.slack.com"), false,
                null, List.of("gate.decided"), List.of("Payments"));
        assertThat(decidedOnly.wants(payload()), is(false));
        Webhook payments = Webhook.of("https://hooks.slack.com/services/T/B/X", List.of("hooks.slack.com"), false,
                null, List.of(), List.of("PAYMENTS"));
        assertThat(payments.wants(payload()), is(true));
        assertThat(payments.toString(), is("https://hooks.slack.com [GATE_OPENED, GATE_DECIDED, GATE_EXPIRING]"
                + " [payments]"));
    }
}
