package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import hudson.ExtensionList;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.emergency.EmergencyReviewMonitor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import java.time.Duration;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * An emergency (break-glass) gate across controller restarts (issue 16, modelled on InputStepRestartTest): it waits
 * through a restart still on the emergency path (the incident commander's one approval, not the usual two), and its
 * review obligation, kept in build.xml and the journal, is given after another restart, still refused to the
 * approver.
 */
public class EmergencyGateRestartJenkinsTest extends AbstractGateJenkinsTest {
    private static final String INCIDENT = "INC-4712";

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static WorkflowRun firstBuild(JenkinsRule j) {
        return j.jenkins.getItemByFullName("hotfix", WorkflowJob.class).getBuildByNumber(1);
    }

    @Test
    public void anEmergencyGateWaitsAcrossARestartAndIsReviewedAfterAnother() throws Throwable {
        try (GateFixtures.DocumentationSite site = new GateFixtures.DocumentationSite()) {
            String[] gateId = new String[1];
            sessions.then(j -> {
                CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(
                        EmergencyGateJenkinsTest.emergencyRegistry(site.port())));
                EmergencyGateJenkinsTest.securePeople(j);
                WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "hotfix"),
                        EmergencyGateJenkinsTest.emergencyScript(GateFixtures.CHECKOUT, "CHG-96",
                                site.url("unrelated"), INCIDENT));
                j.waitForMessage("waiting for approval of CHG-96", b);
                gateId[0] = onlyGate(b).getGateId();
                assertThat(onlyGate(b).isEmergency(), is(true));
            });
            sessions.then(j -> {
                EmergencyGateJenkinsTest.securePeople(j);
                WorkflowRun b = firstBuild(j);
                GateEntry gate = onlyGate(b);
                assertThat("still waiting after the restart", gate.getStatus(), is("PENDING"));
                assertThat(gate.isEmergency(), is(true));
                assertThat(gate.getIncidentId(), is(INCIDENT));
                assertThat("the emergency count survives the restart", gate.getRequiredApprovals(), is(1));
                // bob may approve checkout-service usually; the restored gate is still the emergency one
                assertThat(approve(j, "bob", b, gateId[0]).getStatusCode(), is(403));
                assertRedirectsToTheApprovalPage(j, approve(j, "ian", b, gateId[0]), b);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("outcome=APPROVED approvers=[ian] emergency=true incident=" + INCIDENT, b);
                Instant due = Instant.parse(onlyGate(b).getEmergencyReview().getDue());
                EmergencyReviews reviews = EmergencyReviews.read(CriticalChangeGateConfiguration.get().journalPath());
                assertThat(reviews.open().size(), is(1));
                assertThat("build.xml and the journal agree on the due time", reviews.open().get(0).reviewDue(),
                        is(due));
                assertThat(due, is(reviews.open().get(0).approvedAt().plus(Duration.ofHours(24))));
            });
            sessions.then(j -> {
                EmergencyGateJenkinsTest.securePeople(j);
                WorkflowRun b = firstBuild(j);
                EmergencyReviewMonitor monitor = ExtensionList.lookupSingleton(EmergencyReviewMonitor.class);
                monitor.isActivated(); // queues the first read of this session's journal
                await("the monitor lists the review still open after the restart", monitor::isActivated);
                assertThat(monitor.getOpenReviews().get(0).getIncidentId(), is(INCIDENT));
                assertThat(onlyGate(b).getEmergencyReview().isOpen(), is(true));
                assertPlainRefusal(EmergencyGateJenkinsTest.review(j, "ian", b, gateId[0], "accepted", "ok"), 403,
                        "approved this emergency change and may not review it");
                assertRedirectsToTheApprovalPage(j, EmergencyGateJenkinsTest.review(j, "rita", b, gateId[0],
                        "accepted", "root cause fixed"), b);
                GateRecord reviewed = record(b, gateId[0]);
                assertThat(reviewed.getReview(), notNullValue());
                assertThat(reviewed.getReview().getReviewer(), is("rita"));
                assertThat(EmergencyReviews.read(CriticalChangeGateConfiguration.get().journalPath()).open().size(),
                        is(0));
                await("the monitor drops the reviewed change", () -> !monitor.isActivated());
                JenkinsRule.WebClient admin = j.createWebClient();
                admin.login("admin");
                String audit = admin.goTo("critical-change-gate-audit/").getWebResponse().getContentAsString();
                assertThat(audit, containsString("Emergency changes"));
                assertThat(audit, containsString(INCIDENT));
                assertThat(audit, containsString("root cause fixed"));
            });
            sessions.then(j -> {
                EmergencyGateJenkinsTest.securePeople(j);
                GateRecord kept = record(firstBuild(j), gateId[0]);
                assertThat("the review is kept in build.xml", kept.getReview(), notNullValue());
                assertThat(kept.getReview().getVerdict(), is("accepted"));
                assertThat(kept.getReview().getText(), is("root cause fixed"));
                assertThat(kept.getEmergency().getIncidentId(), is(INCIDENT));
                EmergencyReviewView view = onlyGate(firstBuild(j)).getEmergencyReview();
                assertThat(view.isOpen(), is(false));
                assertThat(view.getReviewer(), is("rita"));
                assertPlainRefusal(EmergencyGateJenkinsTest.review(j, "dave", firstBuild(j), gateId[0], "accepted",
                        ""), 403, "already been reviewed");
            });
        }
    }
}
