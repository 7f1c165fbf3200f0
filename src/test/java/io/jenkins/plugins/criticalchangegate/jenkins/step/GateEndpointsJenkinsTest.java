package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.model.AbstractItem;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import java.util.List;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;

/**
 * The approval endpoints' answers to requests they must refuse, and what reaches the gate's own permission check.
 *
 * <p>How Jenkins routes {@code job/p/1/critical-change-gate/<gateId>/approve} before the gate sees the request
 * (jenkins 2.479.3): {@code Jenkins.getItem} returns {@code null} (404) for a job the user may not discover and throws
 * {@code AccessDeniedException} (403) for one they may discover but not read; {@code AbstractItem.getTarget} and
 * {@code Run.getTarget} (StaplerProxy) check Item.READ again on the job and the build. So over HTTP a user without
 * Item.READ on the job never reaches {@code GateAction.checkRead()}, unless the job sits in an item group that does
 * not filter its children (the test harness's MockFolder) and an administrator turned off the StaplerProxy checks
 * with the {@code SKIP_PERMISSION_CHECK} escape hatches: then the gate's own check is all that stands.
 */
public class GateEndpointsJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
    }

    @After
    public void tearDown() {
        site.close();
    }

    private WorkflowRun pausedCheckoutGate(WorkflowJob p) throws Exception {
        WorkflowRun b = startAsAlice(p, gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
        j.waitForMessage("waiting for approval of CHG-1234", b);
        return b;
    }

    private void rejectToEnd(WorkflowRun b, String gateId) throws Exception {
        assertRedirectsToTheApprovalPage(j, reject(j, "dave", b, gateId, "test over"), b);
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    }

    /** Nothing of the attempt was kept: no approval, no refused attempt, the trail as the gate opened. */
    private static void assertNothingRecorded(Run<?, ?> b) {
        GateEntry gate = onlyGate(b);
        assertThat(gate.getApprovers(), is(empty()));
        assertThat(gate.getRefusals(), is(empty()));
        assertThat(gate.getTrail().size(), is(2)); // requested, documentation verified
        assertThat(gate.getStatus(), is("PENDING"));
    }

    @Test
    public void anAcceptedApprovalAndAnAcceptedRejectionRedirectToTheApprovalPageWhichAnswers200() throws Exception {
        secure(j);
        WorkflowRun b = pausedCheckoutGate(j.createProject(WorkflowJob.class, "p"));
        String gateId = onlyGate(b).getGateId();

        WebResponse approved = approve(j, "bob", b, gateId);
        assertRedirectsToTheApprovalPage(j, approved, b);
        // the page the redirect leads to, as the approver who was sent there sees it
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login("bob");
        WebResponse page = wc.getPage(new WebRequest(approved.getWebRequest().getUrl().toURI()
                .resolve(approved.getResponseHeaderValue("Location")).toURL())).getWebResponse();
        assertThat(page.getContentAsString(), page.getStatusCode(), is(200));
        assertThat(page.getContentAsString(), containsString("CHG-1234"));
        assertThat(page.getContentAsString(), containsString("name=\"" + gateId + "-approve\""));

        WebResponse rejected = reject(j, "dave", b, gateId, "rollback plan missing");
        assertRedirectsToTheApprovalPage(j, rejected, b);
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertTheApprovalPageAnswers(j, "dave", b, onlyGate(b));
    }

    /** {@code Jenkins.getItem} hides a job its user may not discover: 404, before any code of the plugin runs. */
    @Test
    public void someoneWhoCannotDiscoverTheJobGets404() throws Exception {
        secure(j);
        WorkflowRun b = pausedCheckoutGate(j.createProject(WorkflowJob.class, "p"));
        String gateId = onlyGate(b).getGateId();
        assertThat(approve(j, "outsider", b, gateId).getStatusCode(), is(404));
        assertThat(reject(j, "outsider", b, gateId, "no").getStatusCode(), is(404));
        assertNothingRecorded(b);
        rejectToEnd(b, gateId);
    }

    /**
     * Item.DISCOVER without Item.READ: {@code Jenkins.getItem} throws AccessDeniedException, answered 403 by Jenkins'
     * AccessDeniedHandlerImpl, before any code of the plugin runs. discoverer is in sre, so the registry would have
     * let them approve.
     */
    @Test
    public void someoneWhoCanDiscoverButNotReadTheJobIsRefusedByJenkins() throws Exception {
        secure(j);
        WorkflowRun b = pausedCheckoutGate(j.createProject(WorkflowJob.class, "p"));
        String gateId = onlyGate(b).getGateId();
        assertThat(approve(j, "discoverer", b, gateId).getStatusCode(), is(403));
        assertThat(reject(j, "discoverer", b, gateId, "no").getStatusCode(), is(403));
        assertNothingRecorded(b);
        rejectToEnd(b, gateId);
    }

    /**
     * The gate checks Item.READ itself ({@code GateAction.checkRead()}, first thing in both endpoints). Reached here
     * as it can be in a real Jenkins: a job in a folder that does not filter its children (MockFolder.getItem), with
     * the StaplerProxy checks of jobs and builds turned off by their escape hatches. peeker (sre, whom the registry
     * would authorize) may read the folder but not the job: Jenkins routes the request to the gate (the action's REST
     * API answers, proving it), and the gate refuses with 403 (AccessDeniedException3 for Item.READ) and keeps
     * nothing.
     */
    @Test
    public void someoneWhoReachesTheGateWithoutReadingTheJobIsRefusedByTheGate() throws Exception {
        MockFolder folder = j.createFolder("f");
        secure(j).grant(Item.READ).onItems(folder).to("peeker");
        WorkflowRun b = pausedCheckoutGate(folder.createProject(WorkflowJob.class, "p"));
        String gateId = onlyGate(b).getGateId();
        boolean items = AbstractItem.SKIP_PERMISSION_CHECK;
        boolean runs = Run.SKIP_PERMISSION_CHECK;
        AbstractItem.SKIP_PERMISSION_CHECK = true;
        Run.SKIP_PERMISSION_CHECK = true;
        try {
            JenkinsRule.WebClient wc = j.createWebClient();
            wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
            wc.login("peeker");
            WebResponse api = wc.goTo(b.getUrl() + GateAction.URL_NAME + "/api/json", null).getWebResponse();
            assertThat("Jenkins routes peeker to the gate's action", api.getStatusCode(), is(200));

            for (WebResponse refused : List.of(approve(j, "peeker", b, gateId),
                    reject(j, "peeker", b, gateId, "no"))) {
                assertThat(refused.getContentAsString(), refused.getStatusCode(), is(403));
                assertThat(refused.getResponseHeaderValue("X-Required-Permission"), is(Item.READ.getId()));
                assertThat(refused.getResponseHeaderValue("X-You-Are-Authenticated-As"), is("peeker"));
            }
            assertNothingRecorded(b);
        } finally {
            AbstractItem.SKIP_PERMISSION_CHECK = items;
            Run.SKIP_PERMISSION_CHECK = runs;
        }
        rejectToEnd(b, gateId);
    }

    /**
     * A gate whose documentation was refused never waited for approvals: a POST to it is refused with 403 and a
     * message saying so, without a stack trace, and changes nothing.
     */
    @Test
    public void aPostToAGateWhoseDocumentationWasRefusedIsAPlain403() throws Exception {
        secure(j);
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("unrelated")));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        GateEntry gate = onlyGate(b);
        assertThat(gate.getStatus(), is("DOCUMENTATION_REFUSED"));
        int trail = gate.getTrail().size();

        String closed = "This gate is closed (DOCUMENTATION_REFUSED): it never waited for approvals";
        assertPlainRefusal(approve(j, "bob", b, gate.getGateId()), 403, closed);
        assertPlainRefusal(reject(j, "dave", b, gate.getGateId(), "no"), 403, closed);
        assertThat(onlyGate(b).getStatus(), is("DOCUMENTATION_REFUSED"));
        assertThat(onlyGate(b).getTrail().size(), is(trail));
        assertThat(onlyGate(b).getApprovers(), is(empty()));
    }

    /** An unknown gate id is not found; it is not an error page with a stack trace either. */
    @Test
    public void aPostToAGateThatDoesNotExistIs404() throws Exception {
        secure(j);
        WorkflowRun b = pausedCheckoutGate(j.createProject(WorkflowJob.class, "p"));
        String gateId = onlyGate(b).getGateId();
        assertThat(approve(j, "bob", b, "gate-999999").getStatusCode(), is(404));
        assertNothingRecorded(b);
        rejectToEnd(b, gateId);
    }
}
