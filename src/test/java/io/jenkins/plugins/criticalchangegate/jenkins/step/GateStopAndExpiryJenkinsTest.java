package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A gate that ends without a decision: the build is stopped while the documentation is checked or while the gate
 * waits, or nobody decides before the deadline. The documentation site holds the first request until the test
 * releases it (HeldDocumentationSite), so a stop lands during the check at a moment the test knows.
 */
public class GateStopAndExpiryJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private HeldDocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new HeldDocumentationSite(1);
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        config.setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        // a held request must outlast the test's stop by far, not end as a read timeout first
        config.setDocumentationReadTimeoutSeconds(120);
        secure(j);
    }

    @After
    public void tearDown() {
        GateOpening.setApprovalTimeoutForTests(null);
        site.close();
    }

    /** Starts a checkout gate whose documentation check is held at the site, and waits until it is. */
    private WorkflowRun gateInDocumentationCheck() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
        assertThat("the documentation check reached the site", site.awaitRequests(1, PATIENCE), is(true));
        return b;
    }

    /** Stops a build during its documentation check, then lets the site answer, as a slow site finally would. */
    private WorkflowRun stoppedDuringTheDocumentationCheck() throws Exception {
        WorkflowRun b = gateInDocumentationCheck();
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        site.release(); // an opening that ignored the stop would now verify the page and open the gate
        awaitNoGateOpening(PATIENCE);
        return b;
    }

    @Test
    public void aStopDuringTheDocumentationCheckAbortsTheBuildAndNoGateWaits() throws Exception {
        WorkflowRun b = stoppedDuringTheDocumentationCheck();
        GateAction action = b.getAction(GateAction.class);
        if (action != null) {
            for (GateEntry gate : action.getGates()) {
                assertThat(gate.getStatus(), not(is("PENDING")));
                // a gate that never opened (or was closed) is refused: 403; no gate at all: 404
                assertThat(approve(j, "bob", b, gate.getGateId()).getStatusCode(), anyOf(is(403), is(404)));
                assertThat(approve(j, "carol", b, gate.getGateId()).getStatusCode(), anyOf(is(403), is(404)));
            }
            assertThat(action.isWaitingForApproval(), is(false));
            for (GateEntry gate : action.getGates()) {
                assertThat(gate.getApprovers(), is(empty()));
            }
        }
        assertThat("no flow node is left paused", anyOpenPause(b), is(false));
        j.assertLogNotContains("waiting for approval", b);
        j.assertLogNotContains("outcome=", b);
    }

    /**
     * A stopped build's gate says it was aborted, or nothing: the stop interrupts the check, and an interrupted check
     * is not the documentation's fault. (GateOpening keeps an ABORTED record when the stop comes after the check; the
     * same must hold when the stop interrupts it.)
     */
    @Test
    public void aStopDuringTheDocumentationCheckIsNotRecordedAsARefusedDocumentation() throws Exception {
        WorkflowRun b = stoppedDuringTheDocumentationCheck();
        GateAction action = b.getAction(GateAction.class);
        if (action != null) {
            for (GateEntry gate : action.getGates()) {
                List<GateEntry.Event> trail = gate.getTrail();
                String last = trail.isEmpty() ? "" : trail.get(trail.size() - 1).getKind() + ": "
                        + trail.get(trail.size() - 1).getDetail();
                assertThat(last, gate.getStatus(), is(GateStatus.ABORTED.name()));
            }
        }
    }

    /** Stopping a build that waits at the gate closes the gate (ABORTED, journaled) and ends the pause. */
    @Test
    public void stoppingABuildThatWaitsAtTheGateAbortsTheGateAndEndsThePause() throws Exception {
        site.release();
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
        j.waitForMessage("waiting for approval of CHG-1234", b);
        String gateId = onlyGate(b).getGateId();
        assertThat(anyOpenPause(b), is(true));

        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        // the gate is closed, and the pause ended, off the CPS VM thread after the step completed
        await("the gate is closed and the pause ended", () -> !onlyGate(b).isPending() && !anyOpenPause(b));
        assertThat(onlyGate(b).getStatus(), is("ABORTED"));
        assertThat(approve(j, "bob", b, gateId).getStatusCode(), is(403));
        assertThat(onlyGate(b).getApprovers(), is(empty()));
        List<String> outcomes = new ArrayList<>();
        for (JournalRecord record : journal(GateFixtures.CHECKOUT)) {
            if (record.type() == AuditEventType.DECIDED) {
                outcomes.add(record.text("outcome"));
            }
        }
        assertThat(outcomes, hasItem("ABORTED"));
    }

    /**
     * Nobody decides before the deadline: the gate expires, the build stops as ABORTED saying EXPIRED, and the
     * journal has the EXPIRED event and decision. The deadline is shortened to 2 s through the test-only hook.
     */
    @Test
    public void aGateNobodyDecidesExpiresAndAbortsTheBuild() throws Exception {
        site.release();
        GateOpening.setApprovalTimeoutForTests(Duration.ofSeconds(2));
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
        j.waitForMessage("waiting for approval of CHG-1234", b);
        awaitCompletion(b, PATIENCE, "the gate did not expire at its 2 s deadline");
        j.assertBuildStatus(Result.ABORTED, b);
        assertThat(onlyGate(b).getStatus(), is("EXPIRED"));
        j.assertLogContains("(EXPIRED)", b);
        j.assertLogNotContains("outcome=", b);
        assertThat(anyOpenPause(b), is(false));

        List<AuditEventType> types = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (JournalRecord record : journal(GateFixtures.CHECKOUT)) {
            types.add(record.type());
            if (record.type() == AuditEventType.DECIDED) {
                outcomes.add(record.text("outcome"));
            }
        }
        assertThat(types, hasItem(AuditEventType.EXPIRED));
        assertThat(outcomes, hasItem("EXPIRED"));
        assertThat(approve(j, "bob", b, onlyGate(b).getGateId()).getStatusCode(), is(403));
        assertThat(onlyGate(b).getApprovers(), is(empty()));
    }
}
