package io.jenkins.plugins.criticalchangegate.jenkins;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * What the Jenkins tests share and the Central build checks (GateFixturesTest): the registry they configure and a
 * documentation site served on loopback. Needs no Jenkins, so the inputs of tests that only the full build runs are
 * known to be valid here.
 */
public final class GateFixtures {
    /** The two approvals of checkout-service come from checkout-leads and sre; payments-api needs one. */
    public static final String CHECKOUT = "checkout-service";
    public static final String PAYMENTS = "payments-api";

    /** The token the private pages want, sent from a Secret text credential. */
    public static final String TOKEN = "wiki-s3cr3t-token";

    private GateFixtures() {
    }

    /** A registry whose documentation host is the loopback site on {@code port}. */
    public static String registry(int port) {
        return String.join("\n",
                "version: 1",
                "unknownSystems: allow",
                "systems:",
                "  - id: " + CHECKOUT,
                "    name: Checkout",
                "    tier: 1",
                "    owners: [team-checkout]",
                "    approvers: [checkout-leads, sre]",
                "    requiredApprovals: 2",
                "    approvalTimeout: 2h",
                "    documentation:",
                "      allowedHosts: [\"127.0.0.1:" + port + "\"]",
                "      allowHttp: true",
                "      requireChangeId: true",
                "  - id: " + PAYMENTS,
                "    name: Payments API",
                "    tier: 2",
                "    owners: [team-payments]",
                "    approvers: [sre, \"user:carol\"]",
                "    requiredApprovals: 1",
                "    approvalTimeout: 2h",
                "    documentation:",
                "      allowedHosts: [\"127.0.0.1:" + port + "\"]",
                "      allowHttp: true",
                "      requireChangeId: true",
                "");
    }

    /**
     * A documentation site on 127.0.0.1: {@code /CHG-<n>} answers a page about that change, {@code /unrelated}
     * a page about nothing, {@code /private/CHG-<n>} a page about the change only to {@code Bearer TOKEN}.
     */
    public static final class DocumentationSite implements AutoCloseable {
        private final HttpServer server;

        public DocumentationSite() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/private/", exchange -> {
                // only with the Secret text credential the test stores as a Bearer token
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String path = exchange.getRequestURI().getPath().substring("/private/".length());
                boolean allowed = ("Bearer " + TOKEN).equals(auth);
                byte[] bytes = (allowed ? "<html><head><title>" + path + "</title></head><body>" + path
                        + " internal notes</body></html>" : "no").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(allowed ? 200 : 401, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath().substring(1);
                String body = path.startsWith("CHG-")
                        ? "<html><head><title>" + path + " rollout plan</title></head><body><h1>" + path
                                + "</h1><p>Rollback: redeploy the previous version.</p></body></html>"
                        : "<html><head><title>Team lunch</title></head><body>Nothing to see.</body></html>";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        public int port() {
            return server.getAddress().getPort();
        }

        public String url(String path) {
            return "http://127.0.0.1:" + port() + "/" + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
