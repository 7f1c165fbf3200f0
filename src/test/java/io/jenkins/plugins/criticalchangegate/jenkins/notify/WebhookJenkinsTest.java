package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * A webhook in a real Jenkins (issue 14): configured with a Secret text credential, it receives {@code gate.opened}
 * when a gate opens, on a real HTTP server on loopback, signed with the HMAC-SHA256 of the exact body (computed here
 * independently with {@code javax.crypto}); administrators see the delivery on the configuration page. Runs only in
 * the full build.
 */
public class WebhookJenkinsTest {
    private static final String SECRET = "webhook-shared-secret-0123456789";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;
    private HttpServer receiver;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /** One request the receiver got: its headers (lower-cased names) and body. */
    private static final class Received {
        final Map<String, List<String>> headers;
        final byte[] body;

        Received(Map<String, List<String>> headers, byte[] body) {
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("alice", "sre");
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "hook-secret", "webhook secret", Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().save();
    }

    @After
    public void tearDown() {
        receiver.stop(0);
        site.close();
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder("sha256=");
        for (byte b : mac.doFinal(body)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Test
    public void aSignedPayloadIsDeliveredWhenAGateOpens() throws Exception {
        NotificationConfiguration config = NotificationConfiguration.get();
        config.setAllowedHosts("127.0.0.1:" + receiver.getAddress().getPort());
        config.setAllowHttp(true);
        WebhookEndpoint webhook = new WebhookEndpoint(hookUrl());
        webhook.setCredentialsId("hook-secret");
        webhook.setEvents("gate.opened");
        config.setWebhooks(List.of(webhook));

        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy");
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate(system: '" + GateFixtures.CHECKOUT + "',"
                + " changeId: 'CHG-601', documentationUrl: '" + site.url("CHG-601") + "')\n", true));
        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
        j.waitForMessage("waiting for approval of CHG-601", b);

        Received delivery = received.poll(60, TimeUnit.SECONDS);
        assertThat("the webhook received the gate's opening", delivery, notNullValue());
        assertThat(delivery.header("X-Critical-Change-Gate-Signature-256"), is(hmac(delivery.body)));
        assertThat(delivery.header("X-Critical-Change-Gate-Event"), is("gate.opened"));
        JsonNode payload = new ObjectMapper().readTree(delivery.body);
        assertThat(payload.get("schemaVersion").asInt(), is(1));
        assertThat(payload.get("event").asText(), is("gate.opened"));
        assertThat(payload.get("system").asText(), is(GateFixtures.CHECKOUT));
        assertThat(payload.get("changeId").asText(), is("CHG-601"));
        assertThat(payload.get("job").asText(), is("deploy"));
        assertThat(payload.get("build").asInt(), is(b.getNumber()));
        assertThat(payload.get("startedBy").asText(), is("alice"));
        assertThat(payload.get("approvalsNeeded").asInt(), is(2));
        assertThat(payload.get("gateUrl").asText(), containsString(b.getUrl() + "critical-change-gate/"));
        assertThat(payload.get("text").asText(), containsString("CHG-601"));

        // administrators see it among the last deliveries
        JenkinsRule.WebClient wc = j.createWebClient().login("admin");
        String page = wc.goTo("manage/configure").getWebResponse().getContentAsString();
        assertThat(page, containsString("DELIVERED"));
        b.doStop();
        j.waitForCompletion(b);
    }

    @Test
    public void aUrlOnAHostThatIsNotAllowedIsNeverSentAndCountedAsRefused() throws Exception {
        NotificationConfiguration config = NotificationConfiguration.get();
        config.setAllowedHosts("hooks.slack.com");
        config.setAllowHttp(true);
        // as a hand-edited file would hold it: the form and JCasC refuse it before it is saved
        config.setWebhooks(List.of(new WebhookEndpoint(hookUrl())));

        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy");
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate(system: '" + GateFixtures.CHECKOUT + "',"
                + " changeId: 'CHG-602', documentationUrl: '" + site.url("CHG-602") + "')\n", true));
        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
        j.waitForMessage("waiting for approval of CHG-602", b);

        assertThat(received.poll(3, TimeUnit.SECONDS) == null, is(true));
        assertThat(config.getLastDeliveries().get(0).getStatus(), is("REFUSED"));
        b.doStop();
        j.waitForCompletion(b);
    }
}
