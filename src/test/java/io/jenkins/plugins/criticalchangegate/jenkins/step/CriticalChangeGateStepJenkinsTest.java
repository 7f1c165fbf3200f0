package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The step in a real Jenkins, driven as InputStepTest drives {@code input}: a dummy security realm with groups,
 * MockAuthorizationStrategy, logins and crumbed POSTs from the web client, API-token POSTs, and a documentation page
 * served on loopback. Who may do what is in {@link AbstractGateJenkinsTest#secure}. The endpoints' answers to
 * requests they refuse are in GateEndpointsJenkinsTest, the step's parameters in StepParametersJenkinsTest, stops and
 * expiry in GateStopAndExpiryJenkinsTest, journal failures in GateJournalFailureJenkinsTest, restarts in
 * CriticalChangeGateRestartJenkinsTest. Runs only in the full build.
 */
public class CriticalChangeGateStepJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        secure(j);
    }

    @After
    public void tearDown() {
        site.close();
    }

    private WorkflowRun startAsAlice(String script) throws Exception {
        return startAsAlice(j.createProject(WorkflowJob.class, "p"), script);
    }

    private WorkflowRun pausedCheckoutGate() throws Exception {
        WorkflowRun b = startAsAlice(gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
        j.waitForMessage("waiting for approval of CHG-1234", b);
        return b;
    }

    /** Ends a test whose build still waits at the gate. */
    private void rejectToEnd(WorkflowRun b, String gateId) throws Exception {
        assertRedirectsToTheApprovalPage(j, reject(j, "dave", b, gateId, "test over"), b);
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    }

    @Test
    public void aSystemThatIsNotCriticalPassesAtOnceAndIsJournaled() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("def gate = criticalChangeGate system: ' internal-wiki '\n"
                + "echo \"outcome=${gate.outcome}\"", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("internal-wiki is not a critical system", b);
        j.assertLogContains("outcome=NOT_CRITICAL", b);
        assertThat(b.getAction(GateAction.class), nullValue());
        List<JournalRecord> records = journal("internal-wiki");
        assertThat(records.size(), is(1));
        assertThat(records.get(0).type(), is(AuditEventType.NOT_CRITICAL));
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
        for (JournalRecord record : journal("checkout-servce")) {
            if ("DENIED".equals(record.text("outcome"))) {
                denials.add(record);
            }
        }
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
        assertThat(b.getAction(GateAction.class).isWaitingForApproval(), is(true));
        j.assertLogContains("2 approval(s) from: group checkout-leads, group sre", b);
        assertThat("the step's flow node is marked paused, as input marks it", anyOpenPause(b), is(true));

        // the log line is a link to the approval page (HyperlinkNote, rendered app-relative in the console)
        String console = j.createWebClient().login("bob").goTo(b.getUrl() + "logText/progressiveHtml", null)
                .getWebResponse().getContentAsString();
        assertThat(console, containsString("<a href='" + j.getURL().getPath() + b.getUrl() + GateAction.URL_NAME
                + "/'>Approve or reject CHG-1234</a>"));
        assertTheApprovalPageAnswers(j, "bob", b, gate);

        rejectToEnd(b, gate.getGateId());
        assertThat("the pause ended with the gate", anyOpenPause(b), is(false));
        assertThat(b.getAction(GateAction.class).isWaitingForApproval(), is(false));
    }

    @Test
    public void thePersonWhoStartedTheBuildCannotApproveIt() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        WebResponse refused = approve(j, "alice", b, gateId);
        assertThat(refused.getStatusCode(), is(403));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), is(empty()));
        assertThat(gate.getRefusals().get(0).getDetail(), containsString("SELF_APPROVAL"));
        assertThat(b.isBuilding(), is(true));
        rejectToEnd(b, gateId);
    }

    @Test
    public void oneApprovalLeavesTheBuildPausedAndTwoDistinctApprovalsLetItFinish() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gateId), b);
        assertThat(onlyGate(b).getApprovers(), contains("bob"));
        assertThat(onlyGate(b).getStatus(), is("PENDING"));
        assertThat(b.isBuilding(), is(true));
        j.assertLogNotContains("approved for checkout-service", b);
        assertTheApprovalPageAnswers(j, "carol", b, onlyGate(b));

        assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gateId), b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("approved for checkout-service by bob, carol", b);
        j.assertLogContains("outcome=APPROVED approvers=[bob, carol] change=CHG-1234", b);
        assertThat(onlyGate(b).getStatus(), is("APPROVED"));
        assertThat(anyOpenPause(b), is(false));
        assertTheApprovalPageAnswers(j, "bob", b, onlyGate(b));
    }

    @Test
    public void theSameUserApprovingAgainInAnotherCaseIsRefused() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gateId), b);
        assertThat(approve(j, "BOB", b, gateId).getStatusCode(), is(403));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), contains("bob"));
        assertThat(gate.getRefusals().get(0).getDetail(), containsString("DUPLICATE_APPROVER"));
        assertThat(b.isBuilding(), is(true));
        rejectToEnd(b, gateId);
    }

    @Test
    public void someoneTheRegistryDoesNotListIsRefusedAndAdministratorsGetNoBypass() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertThat(approve(j, "mallory", b, gateId).getStatusCode(), is(403));
        assertThat(approve(j, "admin", b, gateId).getStatusCode(), is(403));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), is(empty()));
        assertThat(gate.getRefusals().size(), is(2));
        assertThat(gate.getRefusals().get(1).getUser(), is("admin"));
        assertThat(gate.getRefusals().get(1).getDetail(), containsString("NOT_AUTHORIZED"));
        rejectToEnd(b, gateId);
    }

    @Test
    public void aRejectionAbortsTheBuildWithTheRejecterAndReasonInTheLog() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        assertPlainRefusal(reject(j, "dave", b, gateId, ""), 400, "A rejection needs a reason");
        assertRedirectsToTheApprovalPage(j, reject(j, "dave", b, gateId, "rollback plan missing"), b);
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("rejected by dave: rollback plan missing", b);
        j.assertLogNotContains("outcome=", b);
        assertThat(onlyGate(b).getStatus(), is("REJECTED"));
    }

    @Test
    public void aGetNeverApproves() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login("bob");
        WebResponse page = wc.goTo(gatePath(b, gateId) + "approve", null).getWebResponse();
        assertThat(page.getStatusCode(), is(405)); // @RequirePOST: a form asking to confirm
        assertThat(onlyGate(b).getApprovers(), is(empty()));
        assertThat(onlyGate(b).getTrail().size(), is(2)); // requested, documentation verified: nothing else
        rejectToEnd(b, gateId);
    }

    @Test
    public void aPostWithoutCrumbIsRefusedButAnApiTokenPostApproves() throws Exception {
        WorkflowRun b = pausedCheckoutGate();
        String gateId = onlyGate(b).getGateId();
        URL approveUrl = new URL(j.getURL(), gatePath(b, gateId) + "approve");

        JenkinsRule.WebClient browser = j.createWebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.login("bob");
        WebResponse noCrumb = browser.getPage(new WebRequest(approveUrl, HttpMethod.POST)).getWebResponse();
        assertThat(noCrumb.getStatusCode(), is(403));
        assertThat(onlyGate(b).getApprovers(), is(empty()));

        JenkinsRule.WebClient script = j.createWebClient().withBasicApiToken("bob");
        script.getOptions().setThrowExceptionOnFailingStatusCode(false);
        script.getOptions().setRedirectEnabled(false);
        WebResponse viaToken = script.getPage(new WebRequest(approveUrl, HttpMethod.POST)).getWebResponse();
        assertRedirectsToTheApprovalPage(j, viaToken, b);
        assertThat(onlyGate(b).getApprovers(), contains("bob"));
        rejectToEnd(b, gateId);
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
        assertThat(onlyGate(b).getApprovers(), contains("bob", "carol"));
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

        // payments-api: one approval, user:carol listed
        assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gate.get("gateId").asText()), b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
    }

    @Test
    public void aRefusedDocumentationPageFailsTheStepWithTheReasonCode() throws Exception {
        WorkflowRun b = startAsAlice("criticalChangeGate(system: 'checkout-service', changeId: 'CHG-1234',\n"
                + "    documentationUrl: '" + site.url("unrelated") + "')");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("the documentation page was refused: CHANGE_ID_MISSING", b);
        j.assertLogContains("documentation of CHG-1234 refused: CHANGE_ID_MISSING", b);
        j.assertLogNotContains("waiting for approval", b);
        GateEntry gate = onlyGate(b);
        assertThat(gate.getStatus(), is("DOCUMENTATION_REFUSED"));
        assertThat(anyOpenPause(b), is(false));
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
        assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, payments.getGateId()), b);
        assertThat(b.isBuilding(), is(true));
        assertThat(onlyPending(b), is(checkout.getGateId()));
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, checkout.getGateId()), b);
        assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, checkout.getGateId()), b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        for (GateEntry gate : b.getAction(GateAction.class).getGates()) {
            assertThat(gate.getSystem(), gate.getStatus(), is("APPROVED"));
        }
    }

    private static String onlyPending(WorkflowRun b) {
        List<String> pending = new ArrayList<>();
        for (GateEntry gate : b.getAction(GateAction.class).getGates()) {
            if (gate.isPending()) {
                pending.add(gate.getGateId());
            }
        }
        assertThat(pending.size(), is(1));
        return pending.get(0);
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
