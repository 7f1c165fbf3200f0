package io.jenkins.plugins.criticalchangegate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The demo's documentation site: a wiki page per change, served on loopback only (127.0.0.1, a free port) for as long
 * as the demo runs, so the real documentation check has something real to fetch without any network.
 */
final class DemoSite implements AutoCloseable {
    private final HttpServer server;

    private DemoSite(HttpServer server) {
        this.server = server;
    }

    static DemoSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/wiki/", DemoSite::page);
        server.start();
        return new DemoSite(server);
    }

    /** {@code 127.0.0.1:PORT}: the host the demo registry allows. */
    String host() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The page of a change. */
    String url(String changeId) {
        return "http://" + host() + "/wiki/" + changeId;
    }

    private static void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String change = path.substring("/wiki/".length());
        byte[] body;
        int status;
        if (change.matches("CHG-[0-9]{1,6}")) {
            status = 200;
            body = ("<!DOCTYPE html><html><head><title>" + change + ": ship checkout 2.3.1</title></head><body>"
                    + "<h1>" + change + ": ship checkout 2.3.1</h1><p>What changes: the checkout service moves to"
                    + " 2.3.1.</p><h2>Rollback plan</h2><p>Redeploy 2.3.0; no schema change.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            status = 404;
            body = "no such page".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
