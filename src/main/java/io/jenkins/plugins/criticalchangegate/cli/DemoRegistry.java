package io.jenkins.plugins.criticalchangegate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The demo's registry: the project's example registry (docs/examples/critical-systems.yaml, packaged with the tool)
 * with two changes to the defaults' documentation policy, so the gate may check the demo's own page: its loopback
 * host is added to {@code allowedHosts}, and plain {@code http} is allowed (a loopback server has no certificate).
 * Everything else, the systems and their rules, is the example's.
 */
final class DemoRegistry {
    static final String RESOURCE = "demo/critical-systems.yaml";
    static final String HOSTS = "    allowedHosts: [wiki.example.com, \"*.docs.example.com\"]";
    static final String HTTP = "    allowHttp: false";

    private DemoRegistry() {
    }

    /** The example registry as packaged. */
    static String example() throws IOException {
        try (InputStream in = DemoRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the example registry " + RESOURCE + " is missing from the tool's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The demo registry for a documentation host.
     *
     * @param host {@code 127.0.0.1:PORT}
     * @throws IllegalStateException when the example no longer has the lines the demo changes (a test says so)
     */
    static String forHost(String example, String host) {
        int hosts = example.indexOf(HOSTS);
        int http = example.indexOf(HTTP);
        if (hosts < 0 || http < 0) {
            throw new IllegalStateException("the example registry no longer has '" + HOSTS.strip() + "' and '"
                    + HTTP.strip() + "' in its defaults; update DemoRegistry");
        }
        String demo = example.replace(HOSTS, HOSTS.substring(0, HOSTS.length() - 1) + ", \"" + host + "\"]"
                + "   # demo: the tool's own loopback page");
        return demo.replace(HTTP, "    allowHttp: true            # demo: the loopback page is plain http");
    }
}
