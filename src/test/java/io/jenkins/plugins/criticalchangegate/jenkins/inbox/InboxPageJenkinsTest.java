package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.step.GateAction;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
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
 * The approvals inbox in a real Jenkins (issue 14): a gate on checkout-service (two approvals, from checkout-leads and
 * sre) started by alice. bob (sre) may approve it: it waits for him. alice started it: it waits on others, for the
 * policy's reason. outsider may not read the job: the inbox shows him nothing, not even that it exists. Runs only in
 * the full build.
 */
public class InboxPageJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;
    private WorkflowJob p;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        p = j.createProject(WorkflowJob.class, "deploy");
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("alice", "sre");
        realm.addGroups("bob", "sre");
        realm.addGroups("carol", "checkout-leads");
        realm.addGroups("outsider", "sre");
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("alice", "bob", "carol", "outsider")
                .grant(Item.READ).onItems(p).to("alice", "bob", "carol"));
    }

    @After
    public void tearDown() {
        site.close();
    }

    private WorkflowRun waitingGate() throws Exception {
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate(system: '" + GateFixtures.CHECKOUT + "',"
                + " changeId: 'CHG-501', documentationUrl: '" + site.url("CHG-501") + "')\n", true));
        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
        // the request is journaled (and so in the index) before this line is logged
        j.waitForMessage("waiting for approval of CHG-501", b);
        return b;
    }

    private JsonNode inbox(String user) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login(user);
        String json = wc.goTo(InboxPage.URL_NAME + "/api/json?depth=2", "application/json").getWebResponse()
                .getContentAsString();
        return new ObjectMapper().readTree(json);
    }

    private static List<String> changes(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("changeId").asText()));
        return out;
    }

    @Test
    public void anApproverFindsTheGateWaitingForHimWithWhatHeNeedsAndOneClickToIt() throws Exception {
        WorkflowRun b = waitingGate();
        JsonNode bob = inbox("bob");
        assertThat(bob.toString(), changes(bob.get("waitingForMe")), is(List.of("CHG-501")));
        assertThat(changes(bob.get("waitingOnOthers")), is(List.of()));
        JsonNode gate = bob.get("waitingForMe").get(0);
        assertThat(gate.get("system").asText(), is(GateFixtures.CHECKOUT));
        assertThat(gate.get("job").asText(), is("deploy"));
        assertThat(gate.get("build").asInt(), is(b.getNumber()));
        assertThat(gate.get("startedBy").asText(), is("alice"));
        assertThat(gate.get("documentationUrl").asText(), is(site.url("CHG-501")));
        assertThat(gate.get("approvalsNeeded").asInt(), is(2));
        assertThat(gate.get("approvalsStillNeeded").asInt(), is(2));
        assertThat(gate.get("approvals").size(), is(0));
        assertThat(gate.get("deadline").isTextual(), is(true));
        assertThat(gate.get("gateUrl").asText(), is(b.getUrl() + "critical-change-gate/"));

        // the page: the change, a link to the gate page, and the link in the side panel of Jenkins' home page
        JenkinsRule.WebClient wc = j.createWebClient().login("bob");
        String html = wc.goTo(InboxPage.URL_NAME + "/").getWebResponse().getContentAsString();
        assertThat(html, containsString("CHG-501"));
        assertThat(html, containsString(b.getUrl() + "critical-change-gate/"));
        assertThat(wc.goTo("").getWebResponse().getContentAsString(), containsString(InboxPage.URL_NAME));

        // one click: the gate page answers him
        WebResponse gatePage = wc.goTo(gate.get("gateUrl").asText()).getWebResponse();
        assertThat(gatePage.getStatusCode(), is(200));
        assertThat(gatePage.getContentAsString(), containsString("CHG-501"));
        end(b);
    }

    @Test
    public void theStarterIsExcludedTheGateWaitsOnOthersWithThePolicysReason() throws Exception {
        WorkflowRun b = waitingGate();
        JsonNode alice = inbox("alice");
        assertThat(alice.toString(), changes(alice.get("waitingForMe")), is(List.of()));
        assertThat(changes(alice.get("waitingOnOthers")), is(List.of("CHG-501")));
        assertThat(alice.get("waitingOnOthers").get(0).get("refusal").asText(), is("SELF_APPROVAL"));
        // nothing waits for her: no link in her side panel
        JenkinsRule.WebClient wc = j.createWebClient().login("alice");
        assertThat(wc.goTo("").getWebResponse().getContentAsString(), not(containsString(InboxPage.URL_NAME)));
        end(b);
    }

    @Test
    public void someoneWithoutItemReadSeesNoGateOfThatJob() throws Exception {
        WorkflowRun b = waitingGate();
        JsonNode outsider = inbox("outsider");
        // he is in sre, so the policy would let him approve: only Item.READ keeps the gate from him
        assertThat(outsider.toString(), changes(outsider.get("waitingForMe")), is(List.of()));
        assertThat(changes(outsider.get("waitingOnOthers")), is(List.of()));
        JenkinsRule.WebClient wc = j.createWebClient().login("outsider");
        String html = wc.goTo(InboxPage.URL_NAME + "/others").getWebResponse().getContentAsString();
        assertThat(html, not(containsString("CHG-501")));
        assertThat(wc.goTo("").getWebResponse().getContentAsString(), not(containsString(InboxPage.URL_NAME)));
        // nor through a tree= query, nor once decided (the auditors' tab)
        String tree = wc.goTo(InboxPage.URL_NAME + "/api/json?tree=waitingOnOthers[changeId,job],recentlyDecided[job]",
                "application/json").getWebResponse().getContentAsString();
        assertThat(tree, not(containsString("deploy")));
        end(b);
        assertThat(changes(inbox("outsider").get("recentlyDecided")), is(List.of()));
        assertThat(changes(inbox("carol").get("recentlyDecided")), is(List.of("CHG-501")));
    }

    @Test
    public void aDecidedGateLeavesTheOpenListsAndIsListedAsRecentlyDecided() throws Exception {
        WorkflowRun b = waitingGate();
        end(b);
        JsonNode carol = inbox("carol");
        assertThat(changes(carol.get("waitingForMe")), is(List.of()));
        assertThat(changes(carol.get("recentlyDecided")), is(List.of("CHG-501")));
        assertThat(carol.get("recentlyDecided").get(0).get("outcome").asText(), is("REJECTED"));
    }

    /** Rejects the gate as carol (a crumbed POST, as the gate page's form sends it) and waits for the build. */
    private void end(WorkflowRun b) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login("carol");
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setRedirectEnabled(false);
        String gateId = b.getAction(GateAction.class).getGates()
                .get(0).getGateId();
        WebRequest reject = new WebRequest(wc.createCrumbedUrl(b.getUrl() + "critical-change-gate/" + gateId
                + "/reject"), HttpMethod.POST);
        reject.setRequestParameters(List.of(new NameValuePair("reason", "test over")));
        assertThat(wc.getPage(reject).getWebResponse().getStatusCode(), is(302));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    }
}
