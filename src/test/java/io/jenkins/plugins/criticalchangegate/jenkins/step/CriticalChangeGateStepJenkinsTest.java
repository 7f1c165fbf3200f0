package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures.DocumentationSite;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
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
 * The step in a real Jenkins, driven as InputStepTest drives {@code input}: a dummy security realm with groups,
 * MockAuthorizationStrategy, logins and crumbed POSTs from the web client, API-token POSTs, and a documentation page
 * served on loopback. Runs only in the full build.
 *
 * <p>People: alice (sre) starts the builds; bob and dave are in sre, carol in checkout-leads; mallory is in no listed
 * group; admin has Overall/Administer and no listed group; outsider may not read the job.
 */
public class CriticalChangeGateStepJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("alice", "sre");
        realm.addGroups("bob", "sre");
        realm.addGroups("BOB", "sre");
        realm.addGroups("dave", "sre");
        realm.addGroups("carol", "checkout-leads");
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "bob", "BOB", "carol", "dave", "mallory")
                .grant(Jenkins.READ).everywhere().to("outsider"));
    }

    @After
    public void tearDown() {
        site.close();
    }

    private String gateScript(String system, String change) {
        return "def gate = criticalChangeGate(system: '" + system + "', changeId: '" + change + "',\n"
                + "    documentationUrl: '" + site.url(change) + "', message: 'Ship checkout 2.3.1')\n"
                + "echo \"outcome=${gate.outcome} approvers=${gate.approvers} change=${gate.changeId}\"\n";
    }

    private WorkflowRun startAsAlice(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
    }

    private WorkflowRun pausedCheckoutGate() throws Exception {
        WorkflowRun b = startAsAlice(gateScript(GateFixtures.CHECKOUT, "CHG-1234"));
        j.waitForMessage("waiting for approval of CHG-1234", b);
        return b;
    }

    private static GateEntry onlyGate(WorkflowRun b) {
        GateAction action = b.getAction(GateAction.class);
        assertThat(action, notNullValue());
        List<GateEntry> gates = action.getGates();
        assertThat(gates.size(), is(1));
        return gates.get(0);
    }

    /** A browser-like POST: logged in, with the crumb, as the approval page's forms send it. */
    private Page post(String user, WorkflowRun b, String gateId, String verb, String parameter, String value)
            throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(wc.createCrumbedUrl(b.getUrl() + GateAction.URL_NAME + "/" + gateId
                + "/" + verb), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        if (value != null) {
            parameters.add(new NameValuePair(parameter, value));
        }
        request.setRequestParameters(parameters);
        return wc.getPage(request);
    }

    private Page approve(String user, WorkflowRun b, String gateId) throws Exception {
        return post(user, b, gateId, "approve", "comment", "checked by " + user);
    }

    @Test
    public void aSystemThatIsNotCriticalPassesAtOnce() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("def gate = criticalChangeGate system: ' internal-wiki '\n"
                + "echo \"outcome=${gate.outcome}\"", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("internal-wiki is not a critical system", b);
        j.assertLogContains("outcome=NOT_CRITICAL", b);
        assertThat(b.getAction(GateAction.class), nullValue());
    }

    @Test
    public void aTypoOfACriticalSystemIsDeniedAndTheDenialIsJournaled() throws Exception {
        WorkflowRun b = startAsAlice("criticalChangeGate system: 'checkout-servce', changeId: 'CHG-77',\n"
                + "    documentationUrl: '" + site.url("CHG-77") + "'\n");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("the registry denies this change", b);
        j.assertLogContains("did you mean", b);
        assertThat(b.getAction(GateAction.class), nullValue());
        List<JournalRecord> denials = new ArrayList<>();
        JournalQuery.builder().system("checkout-servce").outcome("DENIED").build()
                .forEach(CriticalChangeGateConfiguration.get().journalPath(), (record, line) -> denials.add(record));
        assertThat(denials.size(), is(1));
        assertThat(denials.get(0).type(), is(AuditEventType.DECIDED));
        assertThat(denials.get(0).text("changeId"), is("CHG-77"));
    }

    @Test
    public void aCriticalSystemPausesTheBuildWithThePauseMarkerAndALinkToTheApprovalPage() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        assertThat(b.isBuilding(), is(true));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getStatus(), is("PENDING"));
        assertThat(gate.getRequiredApprovals(), is(2));
        j.assertLogContains("2 approval(s) from: group checkout-leads, group sre", b);
        j.assertLogContains("Approve or reject CHG-1234", b);
        assertThat(b.getAction(GateAction.class).isWaitingForApproval(), is(true));
        HtmlPage page = j.createWebClient().login("bob").getPage(b, GateAction.URL_NAME);
        assertThat(page.getWebResponse().getContentAsString(), containsString("CHG-1234"));
        assertThat(page.getFormByName(gate.getGateId() + "-approve"), notNullValue());
        post("dave", b, gate.getGateId(), "reject", "reason", "cleanup");
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    }

    @Test
    public void thePersonWhoStartedTheBuildCannotApproveIt() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        Page refused = approve("alice", b, gateId);
        assertThat(refused.getWebResponse().getStatusCode(), is(403));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), is(empty()));
        assertThat(gate.getRefusals().get(0).getDetail(), containsString("SELF_APPROVAL"));
        assertThat(b.isBuilding(), is(true));
        post("dave", b, gateId, "reject", "reason", "test over");
        j.waitForCompletion(b);
    }

    @Test
    public void oneApprovalLeavesTheBuildPausedAndTwoDistinctApprovalsLetItFinish() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertThat(approve("bob", b, gateId).getWebResponse().getStatusCode(), is(200));
        assertThat(onlyGate(b).getApprovers(), contains("bob"));
        assertThat(onlyGate(b).getStatus(), is("PENDING"));
        assertThat(b.isBuilding(), is(true));
        j.assertLogNotContains("approved for checkout-service", b);

        assertThat(approve("carol", b, gateId).getWebResponse().getStatusCode(), is(200));
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("approved for checkout-service by bob, carol", b);
        j.assertLogContains("outcome=APPROVED approvers=[bob, carol] change=CHG-1234", b);
        assertThat(onlyGate(b).getStatus(), is("APPROVED"));
    }

    @Test
    public void theSameUserApprovingAgainInAnotherCaseIsRefused() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        approve("bob", b, gateId);
        Page again = approve("BOB", b, gateId);
        assertThat(again.getWebResponse().getStatusCode(), is(403));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), contains("bob"));
        assertThat(gate.getRefusals().get(0).getDetail(), containsString("DUPLICATE_APPROVER"));
        assertThat(b.isBuilding(), is(true));
        post("dave", b, gateId, "reject", "reason", "test over");
        j.waitForCompletion(b);
    }

    @Test
    public void someoneTheRegistryDoesNotListIsRefusedAndAdministratorsGetNoBypass() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertThat(approve("mallory", b, gateId).getWebResponse().getStatusCode(), is(403));
        assertThat(approve("admin", b, gateId).getWebResponse().getStatusCode(), is(403));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), is(empty()));
        assertThat(gate.getRefusals().size(), is(2));
        assertThat(gate.getRefusals().get(1).getUser(), is("admin"));
        assertThat(gate.getRefusals().get(1).getDetail(), containsString("NOT_AUTHORIZED"));
        post("dave", b, gateId, "reject", "reason", "test over");
        j.waitForCompletion(b);
    }

    @Test
    public void someoneWhoCannotReadTheJobCannotApprove() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        int status = approve("outsider", b, gateId).getWebResponse().getStatusCode();
        assertThat(status, anyOf(is(403), is(404)));
        assertThat(onlyGate(b).getApprovers(), is(empty()));
        assertThat(onlyGate(b).getRefusals(), is(empty()));
        post("dave", b, gateId, "reject", "reason", "test over");
        j.waitForCompletion(b);
    }

    @Test
    public void aRejectionAbortsTheBuildWithTheRejecterAndReasonInTheLog() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertThat(post("dave", b, gateId, "reject", "reason", "").getWebResponse().getStatusCode(), is(400));
        assertThat(post("dave", b, gateId, "reject", "reason", "rollback plan missing")
                .getWebResponse().getStatusCode(), is(200));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("CHG-1234 rejected by dave: rollback plan missing", b);
        assertThat(onlyGate(b).getStatus(), is("REJECTED"));
    }

    @Test
    public void aGetNeverApproves() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login("bob");
        Page page = wc.goTo(b.getUrl() + GateAction.URL_NAME + "/" + gateId + "/approve", null);
        assertThat(page.getWebResponse().getStatusCode(), is(405)); // @RequirePOST: a form asking to confirm
        assertThat(onlyGate(b).getApprovers(), is(empty()));
        assertThat(onlyGate(b).getTrail().size(), is(2)); // requested, documentation verified: nothing else
        post("dave", b, gateId, "reject", "reason", "test over");
        j.waitForCompletion(b);
    }

    @Test
    public void aPostWithoutCrumbIsRefusedButAnApiTokenPostApproves() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        URL approveUrl = new URL(j.getURL(), b.getUrl() + GateAction.URL_NAME + "/" + gateId + "/approve");

        JenkinsRule.WebClient browser = j.createWebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.login("bob");
        Page noCrumb = browser.getPage(new WebRequest(approveUrl, HttpMethod.POST));
        assertThat(noCrumb.getWebResponse().getStatusCode(), is(403));
        assertThat(onlyGate(b).getApprovers(), is(empty()));

        JenkinsRule.WebClient script = j.createWebClient().withBasicApiToken("bob");
        script.getOptions().setThrowExceptionOnFailingStatusCode(false);
        Page viaToken = script.getPage(new WebRequest(approveUrl, HttpMethod.POST));
        assertThat(viaToken.getWebResponse().getStatusCode(), is(200));
        assertThat(onlyGate(b).getApprovers(), contains("bob"));
        post("dave", b, gateId, "reject", "reason", "test over");
        j.waitForCompletion(b);
    }

    @Test
    public void theApprovalPageFormsWorkInABrowser() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        for (String user : List.of("bob", "carol")) {
            JenkinsRule.WebClient wc = j.createWebClient().login(user);
            HtmlPage page = wc.getPage(b, GateAction.URL_NAME);
            j.submit(page.getFormByName(gateId + "-approve"), "approve");
        }
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
    }

    @Test
    public void theDocumentationPageIsVerifiedAndItsEvidenceExportedWithoutCredentials() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "wiki-token", "wiki", Secret.fromString(GateFixtures.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        WorkflowRun b = startAsAlice("criticalChangeGate(system: 'payments-api', changeId: 'CHG-77',\n"
                + "    documentationUrl: '" + site.url("private/CHG-77") + "', credentialsId: 'wiki-token')");
        j.waitForMessage("waiting for approval of CHG-77", b);
        j.assertLogContains("documentation verified", b);
        j.assertLogNotContains(GateFixtures.TOKEN, b);

        JenkinsRule.WebClient wc = j.createWebClient().login("bob");
        String json = wc.goTo(b.getUrl() + GateAction.URL_NAME + "/api/json?depth=2", "application/json")
                .getWebResponse().getContentAsString();
        assertThat(json, not(containsString(GateFixtures.TOKEN)));
        JsonNode gate = new ObjectMapper().readTree(json).get("gates").get(0);
        assertThat(gate.get("status").asText(), is("PENDING"));
        assertThat(gate.get("changeId").asText(), is("CHG-77"));
        List<String> evidence = new ArrayList<>();
        for (JsonNode field : gate.get("evidence")) {
            evidence.add(field.get("name").asText() + "=" + field.get("value").asText());
        }
        assertThat(evidence.toString(), containsString("status=200"));
        assertThat(evidence.toString(), containsString("title=CHG-77"));
        assertThat(evidence.toString(), containsString("sha256="));
        assertThat(evidence.toString(), containsString("verdict=VERIFIED"));

        approve("carol", b, gate.get("gateId").asText()); // payments-api: one approval, user:carol listed
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
    }

    @Test
    public void aRefusedDocumentationPageFailsTheStepWithTheReasonCode() throws Exception {
        WorkflowRun b = startAsAlice("criticalChangeGate(system: 'checkout-service', changeId: 'CHG-1234',\n"
                + "    documentationUrl: '" + site.url("unrelated") + "')");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("documentation refused (CHANGE_ID_MISSING)", b);
        GateEntry gate = onlyGate(b);
        assertThat(gate.getStatus(), is("DOCUMENTATION_REFUSED"));
    }

    @Test
    public void badParametersAreRejectedAtTheCallNamingTheParameter() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'checkout-service', changeId: 'CHG-1',"
                + " documentationUrl: 'https://bob:pw@wiki.example.com/CHG-1'", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0).get());
        j.assertLogContains("parameter 'documentationUrl' must not contain a user name or password", b);

        p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'checkout-service'", true));
        WorkflowRun missing = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0).get());
        j.assertLogContains("the parameters 'changeId' and 'documentationUrl' are required", missing);
    }

    @Test
    public void parallelBranchesKeepOneGateEachWithItsOwnState() throws Exception {
        WorkflowRun b = startAsAlice("parallel checkout: {\n"
                + "  criticalChangeGate(system: 'checkout-service', changeId: 'CHG-1', documentationUrl: '"
                + site.url("CHG-1") + "')\n"
                + "}, payments: {\n"
                + "  criticalChangeGate(system: 'payments-api', changeId: 'CHG-2', documentationUrl: '"
                + site.url("CHG-2") + "')\n"
                + "}\n");
        j.waitForMessage("waiting for approval of CHG-1", b);
        j.waitForMessage("waiting for approval of CHG-2", b);
        List<GateEntry> gates = b.getAction(GateAction.class).getGates();
        assertThat(gates.size(), is(2));
        GateEntry payments = gates.stream().filter(g -> g.getSystem().equals("payments-api")).findFirst().get();
        GateEntry checkout = gates.stream().filter(g -> g.getSystem().equals("checkout-service")).findFirst().get();
        approve("carol", b, payments.getGateId());
        assertThat(b.isBuilding(), is(true));
        approve("bob", b, checkout.getGateId());
        approve("carol", b, checkout.getGateId());
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        for (GateEntry gate : b.getAction(GateAction.class).getGates()) {
            assertThat(gate.getSystem(), gate.getStatus(), is("APPROVED"));
        }
    }

    @Test
    public void worksInDeclarativePipeline() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(String.join("\n",
                "pipeline {",
                "  agent none",
                "  stages {",
                "    stage('Deploy') {",
                "      steps {",
                "        criticalChangeGate system: 'internal-wiki'",
                "        script {",
                "          def gate = criticalChangeGate(system: 'internal-wiki', changeId: 'CHG-5')",
                "          echo \"declarative outcome=${gate.outcome} change=${gate.changeId}\"",
                "        }",
                "      }",
                "    }",
                "  }",
                "}"), true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("declarative outcome=NOT_CRITICAL change=CHG-5", b);
    }
}
