package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code docs check} through {@link Main#run}, against a registry file and a real HTTP server on loopback. */
public class DocsCommandTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private HttpServer server;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    /** The last run of the tool: each run starts with empty output. */
    private ToolRun last;
    private Path registry;

    @Before
    public void startServerAndWriteRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
            String path = exchange.getRequestURI().getPath();
            int status = path.startsWith("/wiki/") ? 200 : 404;
            byte[] body = ("<html><head><title>Change " + path.substring(path.lastIndexOf('/') + 1)
                    + "</title></head><body><h2>Rollback plan</h2><p>revert</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        registry = tmp.getRoot().toPath().resolve("critical-systems.yaml");
        Files.writeString(registry, String.join("\n",
                "version: 1",
                "unknownSystems: allow",
                "systems:",
                "  - id: checkout-service",
                "    name: Checkout",
                "    tier: 1",
                "    owners: [team-checkout]",
                "    approvers: [sre, release-managers]",
                "    documentation:",
                "      allowedHosts: ['127.0.0.1:" + port() + "']",
                "      allowHttp: true",
                "      requiredSections: [Rollback plan]",
                ""));
    }

    @After
    public void stopServer() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private int run(Map<String, String> env, String... args) {
        last = ToolRun.in(tmp.getRoot().toPath(), env, args);
        return last.exit;
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String out() {
        return last.out;
    }

    private String err() {
        return last.err;
    }

    private JsonNode json() throws IOException {
        String text = out().strip();
        assertThat("one JSON object on one line", text.lines().count(), is(1L));
        return new ObjectMapper().readTree(text);
    }

    @Test
    public void printsTheEvidenceOfAVerifiedPageAndExits0() throws IOException {
        int code = run("docs", "check", "--registry", "critical-systems.yaml", "--system", "checkout-service",
                "--change", "CHG-1234", url("/wiki/CHG-1234"));
        assertThat(err(), code, is(0));
        JsonNode json = json();
        assertThat(json.get("verdict").asText(), is("VERIFIED"));
        assertThat(json.get("reason").asText(), is("VERIFIED"));
        assertThat(json.get("finalUrl").asText(), is(url("/wiki/CHG-1234")));
        assertThat(json.get("status").asInt(), is(200));
        assertThat(json.get("sha256").asText(), matchesPattern("[0-9a-f]{64}"));
        assertThat(json.get("title").asText(), is("Change CHG-1234"));
        assertThat(err(), containsString("VERIFIED"));
    }

    @Test
    public void printsTheEvidenceOfARefusedPageAndExits1() throws IOException {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "Checkout-Service",
                "--change", "CHG-123", url("/wiki/CHG-1234"));
        assertThat(code, is(1));
        JsonNode json = json();
        assertThat(json.get("verdict").asText(), is("REFUSED"));
        assertThat(json.get("reason").asText(), is("CHANGE_ID_MISSING"));
        assertThat(json.get("status").asInt(), is(200));
    }

    @Test
    public void refusesAHostTheSystemDoesNotAllowWithoutFetchingIt() throws IOException {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1", "http://localhost:" + port() + "/wiki/CHG-1");
        assertThat(code, is(1));
        assertThat(json().get("reason").asText(), is("HOST_NOT_ALLOWED"));
        assertThat(json().get("finalUrl").isNull(), is(true));
        assertThat(paths, is(empty()));
    }

    @Test
    public void reportsAnErrorStatus() throws IOException {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1", url("/missing/CHG-1"));
        assertThat(code, is(1));
        assertThat(json().get("reason").asText(), is("HTTP_STATUS"));
        assertThat(json().get("status").asInt(), is(404));
    }

    @Test
    public void sendsTheAuthorizationFromTheNamedVariableAndNeverPrintsIt() throws IOException {
        int code = run(Map.of("WIKI_AUTH", "Bearer tok-9f8e7d"), "docs", "check", "--registry", registry.toString(),
                "--system", "checkout-service", "--change", "CHG-5", "--auth-env", "WIKI_AUTH", url("/wiki/CHG-5"));
        assertThat(err(), code, is(0));
        assertThat(authorizations, is(List.of("Bearer tok-9f8e7d")));
        assertThat(out() + err(), not(containsString("tok-9f8e7d")));
    }

    @Test
    public void refusesAnUnsetAuthVariableAsAUsageError() {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-5", "--auth-env", "NOT_SET", url("/wiki/CHG-5"));
        assertThat(code, is(2));
        assertThat(err(), containsString("NOT_SET"));
        assertThat(paths, is(empty()));
    }

    @Test
    public void checksNothingForASystemThatIsNotCritical() {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "reporting",
                "--change", "CHG-5", url("/wiki/CHG-5"));
        assertThat("NOT_CRITICAL is 0, as in simulate: the gate passes it at once (issue 17)", code, is(0));
        assertThat(out(), is(""));
        assertThat(err(), containsString("not checked"));
        assertThat(err(), containsString("'reporting' is not in the critical-systems registry"));
        assertThat("no request for a system the registry does not vouch for", paths, is(empty()));
    }

    @Test
    public void reportsADeniedSystemWithTheRegistrysMessage() {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "checkout-servic",
                "--change", "CHG-5", url("/wiki/CHG-5"));
        assertThat(code, is(1));
        assertThat(err(), containsString("denied"));
        assertThat(err(), containsString("did you mean 'checkout-service'"));
        assertThat(paths, is(empty()));
    }

    @Test
    public void reportsAnInvalidRegistryAsInEveryCommandAndAMissingOneAsUnreadable() throws IOException {
        Files.writeString(registry, "version: 1\nsystems: []\n");
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-5", url("/wiki/CHG-5"));
        assertThat("an invalid registry is 1, as in registry show and simulate (issue 17)", code, is(1));
        assertThat(err(), containsString(registry + ":"));
        assertThat(run("docs", "check", "--registry", "no-such.yaml", "--system", "x", "--change", "y", url("/")),
                is(2));
        assertThat(err(), containsString("no such file"));
    }

    @Test
    public void rejectsBadArguments() {
        assertThat(run("docs"), is(2));
        assertThat(run("docs", "fetch"), is(2));
        assertThat(err(), containsString("unknown subcommand"));
        assertThat(run("docs", "check", "--system", "checkout-service", "--change", "CHG-1", url("/wiki/CHG-1")),
                is(2));
        assertThat(err(), containsString("--registry is required"));
        assertThat(run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1"), is(2));
        assertThat(run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1", url("/a"), url("/b")), is(2));
        assertThat(run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1", "--read-timeout", "0", url("/a")), is(2));
        assertThat(err(), containsString("--read-timeout must be between 1 and 300"));
        assertThat(run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1", "--connect-timeout", "soon", url("/a")), is(2));
        assertThat(run("docs", "check", "--registry", "bad\u0000name", "--system", "checkout-service",
                "--change", "CHG-1", url("/a")), is(2));
        assertThat(err(), containsString("is not a valid path"));
        assertThat(paths, is(empty()));
    }

    @Test
    public void printsHelp() {
        assertThat(run("docs", "--help"), is(0));
        assertThat(out(), containsString("docs check --registry FILE"));
        assertThat(run("docs", "check", "--help"), is(0));
        assertThat(out(), containsString("Exit codes"));
    }

    @Test
    public void honoursShorterTimeouts() throws IOException {
        int code = run("docs", "check", "--registry", registry.toString(), "--system", "checkout-service",
                "--change", "CHG-1", "--connect-timeout", "1", "--read-timeout", "1", url("/wiki/CHG-1"));
        assertThat(err(), code, is(0));
        assertThat(json().get("durationMillis").asLong() < 2000, is(true));
        assertThat(paths, hasSize(1));
        assertThat(json().get("title"), not(nullValue()));
    }
}
