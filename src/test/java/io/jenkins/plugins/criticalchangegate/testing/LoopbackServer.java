package io.jenkins.plugins.criticalchangegate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on 127.0.0.1 for the tests, built on the JDK's {@code com.sun.net.httpserver}. It records
 * every request it receives (path, Host and Authorization headers, and every request header) so tests can assert
 * what reached it, and holds a latch that stalling handlers wait on, released when the server closes. Shared by the
 * documentation check's and the registry sources' tests.
 */
public final class LoopbackServer implements Closeable {
    /** One request as the server saw it. */
    public static final class Received {
        public final String path;
        public final String host;
        public final String authorization;
        private final Map<String, List<String>> headers;

        Received(String path, String host, String authorization, Map<String, List<String>> headers) {
            this.path = path;
            this.host = host;
            this.authorization = authorization;
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            this.headers = Collections.unmodifiableMap(copy);
        }

        /** The first value of a request header (any case), or null when the request had none. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            return path + " Host=" + host + " Authorization=" + (authorization == null ? "none" : "present");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String scheme;
    private final List<Received> received = new ArrayList<>();
    /** Released when the server closes: stalling handlers wait on it. */
    public final CountDownLatch released = new CountDownLatch(1);

    private LoopbackServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                "http");
    }

    public static LoopbackServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new LoopbackServer(server, "https");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The allowed-host pattern naming this server literally: {@code 127.0.0.1:PORT}. */
    public String hostPattern() {
        return "127.0.0.1:" + port();
    }

    public String url(String path) {
        return scheme + "://127.0.0.1:" + port() + path;
    }

    public String urlVia(String host, String path) {
        return scheme + "://" + host + ":" + port() + path;
    }

    public void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            synchronized (received) {
                received.add(new Received(exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Host"),
                        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders()));
            }
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    public void page(String path, int status, String contentType, String body) {
        handle(path, exchange -> respond(exchange, status, contentType, body));
    }

    public void html(String path, String body) {
        page(path, 200, "text/html; charset=utf-8", body);
    }

    public void redirect(String path, int status, String location) {
        handle(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            respond(exchange, status, "text/html", "<a href='" + location + "'>moved</a>");
        });
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> received(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received()) {
            if (r.path.equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
