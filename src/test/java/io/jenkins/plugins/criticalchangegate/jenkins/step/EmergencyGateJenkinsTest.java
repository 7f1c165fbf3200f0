package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.emergency.EmergencyReviewMonitor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The emergency (break-glass) path in a running Jenkins (issue 16): checkout-service has one, payments-api has none.
 * ian is an incident commander (and, to show that approving excludes reviewing, also in sre-leads); rita is in
 * sre-leads, the reviewers. A freeze in mode deny covers every system throughout, so a gate that opens at all shows
 * that freezes do not apply to an emergency.
 */
public class EmergencyGateJenkinsTest extends AbstractGateJenkinsTest {
    private static final String INCIDENT = "INC-4711";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(emergencyRegistry(site.port())));
        securePeople(j);
    }

    /**
     * The fixtures' registry with an emergency path for checkout-service (incident commanders, one approval,
     * {@code INC-[0-9]+}, reviewed within 24h by sre-leads) and a freeze in mode deny over every system, from an hour
     * ago to two hours from now.
     */
    static String emergencyRegistry(int port) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return GateFixtures.registry(port)
                .replace("    owners: [team-checkout]\n", "    owners: [team-checkout]\n"
                        + "    emergency:\n"
                        + "      approvers: [incident-commanders]\n"
                        + "      requiredApprovals: 1\n"
                        + "      incidentPattern: 'INC-[0-9]+'\n"
                        + "      reviewWithin: 24h\n"
                        + "      reviewers: [sre-leads]\n")
                .replace("unknownSystems: allow\n", "unknownSystems: allow\n"
                        + "freezes:\n"
                        + "  - name: incident-freeze\n"
                        + "    start: " + now.minus(Duration.ofHours(1)) + "\n"
                        + "    end: " + now.plus(Duration.ofHours(2)) + "\n"
                        + "    systems: all\n"
                        + "    mode: deny\n");
    }

    /** The usual people ({@link #secure}), and ian (incident commander, also in sre-leads) and rita (sre-leads). */
    static void securePeople(JenkinsRule j) {
        MockAuthorizationStrategy strategy = secure(j);
        JenkinsRule.DummySecurityRealm realm = (JenkinsRule.DummySecurityRealm) j.jenkins.getSecurityRealm();
        realm.addGroups("ian", "incident-commanders", "sre-leads");
        realm.addGroups("rita", "sre-leads");
        strategy.grant(Jenkins.READ, Item.READ).everywhere().to("ian", "rita");
    }

    @After
    public void tearDown() {
        site.close();
    }

    static String emergencyScript(String system, String change, String url, String incident) {
        return "def gate = criticalChangeGate(system: '" + system + "', changeId: '" + change + "',\n"
                + "    documentationUrl: '" + url + "', emergency: true, incidentId: '" + incident + "')\n"
                + "echo \"outcome=${gate.outcome} approvers=${gate.approvers} emergency=${gate.emergency}"
                + " incident=${gate.incidentId}\"\n";
    }

    /** An emergency change to checkout-service whose documentation page is about something else, approved by ian. */
    private WorkflowRun approvedEmergency(String change) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "hotfix-" + change.toLowerCase(java.util.Locale.ROOT));
        WorkflowRun b = startAsAlice(p, emergencyScript(GateFixtures.CHECKOUT, change, site.url("unrelated"),
                INCIDENT));
        j.waitForMessage("waiting for approval of " + change, b);
        assertRedirectsToTheApprovalPage(j, approve(j, "ian", b, onlyGate(b).getGateId()), b);
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
        return b;
    }

    /** A crumbed POST of a review, as the gate page's Review form sends it. */
    static WebResponse review(JenkinsRule j, String user, WorkflowRun b, String gateId, String verdict, String text)
            throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        wc.getOptions().setRedirectEnabled(false);
        WebRequest request = new WebRequest(wc.createCrumbedUrl(gatePath(b, gateId) + "review"), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair("verdict", verdict));
        parameters.add(new NameValuePair("text", text));
        request.setRequestParameters(parameters);
        return wc.getPage(request).getWebResponse();
    }

    private static List<JournalRecord> ofType(AuditEventType type) throws Exception {
        List<JournalRecord> out = new ArrayList<>();
        for (JournalRecord r : journal(GateFixtures.CHECKOUT)) {
            if (r.type() == type) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    public void oneIncidentCommanderOpensAnEmergencyGateThroughAFreezeAndARefusedDocumentationPage()
            throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "hotfix");
        WorkflowRun b = startAsAlice(p, emergencyScript(GateFixtures.CHECKOUT, "CHG-90", site.url("unrelated"),
                INCIDENT));
        j.waitForMessage("waiting for approval of CHG-90", b);
        j.assertLogContains("EMERGENCY change for incident " + INCIDENT, b);
        j.assertLogContains("the check is advisory on the emergency path", b);
        GateEntry gate = onlyGate(b);
        assertThat(gate.isEmergency(), is(true));
        assertThat(gate.getIncidentId(), is(INCIDENT));
        assertThat("the emergency count, not checkout-service's usual 2", gate.getRequiredApprovals(), is(1));
        List<String> kinds = new ArrayList<>();
        for (TrailEntry e : record(b, gate.getGateId()).getTrail()) {
            kinds.add(e.getKind().name());
        }
        assertThat(kinds, hasItem(TrailEntry.Kind.DOCUMENTATION_ADVISORY.name()));

        // bob approves checkout-service changes usually, but is no incident commander
        assertThat(approve(j, "bob", b, gate.getGateId()).getStatusCode(), is(403));
        assertThat(onlyGate(b).getStatus(), is(GateStatus.PENDING.name()));
        assertRedirectsToTheApprovalPage(j, approve(j, "ian", b, gate.getGateId()), b);
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
        j.assertLogContains("outcome=APPROVED approvers=[ian] emergency=true incident=" + INCIDENT, b);

        JournalRecord checked = ofType(AuditEventType.DOCUMENTATION_CHECKED).get(0);
        assertThat(checked.fields().get("advisory"), is(Boolean.TRUE));
        JournalRecord requested = ofType(AuditEventType.GATE_REQUESTED).get(0);
        assertThat(requested.fields().get("emergency"), is(Boolean.TRUE));
        assertThat(requested.text("incidentId"), is(INCIDENT));
        assertThat(requested.text("gateId"), is(gate.getGateId()));
        JournalRecord decided = ofType(AuditEventType.DECIDED).get(0);
        assertThat(decided.text("outcome"), is("APPROVED"));
        assertThat(decided.fields().get("emergency"), is(Boolean.TRUE));
        assertThat(decided.text("gateId"), is(gate.getGateId()));
        Instant approvedAt = Instant.parse(decided.text("approvedAt"));
        assertThat(Instant.parse(decided.text("reviewDue")), is(approvedAt.plus(Duration.ofHours(24))));
        EmergencyReviews reviews = EmergencyReviews.read(CriticalChangeGateConfiguration.get().journalPath());
        assertThat(reviews.open().size(), is(1));
        assertThat(onlyGate(b).getEmergencyReview().isOpen(), is(true));
        assertThat(onlyGate(b).getEmergencyReview().getDue(), is(approvedAt.plus(Duration.ofHours(24)).toString()));
    }

    @Test
    public void aReviewIsRefusedToTheApproverAndAcceptedFromAReviewerOnTheFinishedBuild() throws Exception {
        WorkflowRun b = approvedEmergency("CHG-91");
        String gateId = onlyGate(b).getGateId();
        assertThat("the build is over: the review follows it", b.isBuilding(), is(false));

        assertPlainRefusal(review(j, "ian", b, gateId, "accepted", "fine"), 403,
                "approved this emergency change and may not review it");
        assertPlainRefusal(review(j, "rita", b, gateId, "needs-follow-up", ""), 403,
                "must say what needs following up");
        assertPlainRefusal(review(j, "bob", b, gateId, "accepted", ""), 403, "neither a listed reviewer");
        assertThat(review(j, "rita", b, gateId, "maybe", "").getStatusCode(), is(400));
        assertThat(record(b, gateId).getReview(), nullValue());

        assertRedirectsToTheApprovalPage(j, review(j, "rita", b, gateId, "needs-follow-up",
                "write the post-mortem"), b);
        GateRecord reviewed = record(b, gateId);
        assertThat(reviewed.getReview(), notNullValue());
        assertThat(reviewed.getReview().getReviewer(), is("rita"));
        assertThat(reviewed.getReview().getVerdict(), is("needs-follow-up"));
        assertThat(onlyGate(b).getEmergencyReview().isOpen(), is(false));
        assertPlainRefusal(review(j, "rita", b, gateId, "accepted", ""), 403, "already been reviewed");

        List<JournalRecord> refused = ofType(AuditEventType.EMERGENCY_REVIEW_REFUSED);
        assertThat(refused.get(0).text("user"), is("ian"));
        assertThat(refused.get(0).text("reason"), is("INVOLVED"));
        List<JournalRecord> accepted = ofType(AuditEventType.EMERGENCY_REVIEWED);
        assertThat(accepted.size(), is(1));
        assertThat(accepted.get(0).text("user"), is("rita"));
        assertThat(accepted.get(0).text("gateId"), is(gateId));
        assertThat(accepted.get(0).text("text"), is("write the post-mortem"));
        assertThat(EmergencyReviews.read(CriticalChangeGateConfiguration.get().journalPath()).open().size(), is(0));

        JenkinsRule.WebClient wc = j.createWebClient();
        wc.login("rita");
        String json = wc.goTo(b.getUrl() + GateAction.URL_NAME + "/api/json?depth=2", "application/json")
                .getWebResponse().getContentAsString();
        assertThat(json, containsString("\"emergency\":true"));
        assertThat(json, containsString("\"incidentId\":\"" + INCIDENT + "\""));
        assertThat(json, containsString("\"verdict\":\"needs-follow-up\""));
        String page = wc.goTo(b.getUrl() + GateAction.URL_NAME + "/").getWebResponse().getContentAsString();
        assertThat(page, containsString("EMERGENCY"));
        assertThat(page, containsString("write the post-mortem"));
    }

    @Test
    public void theMonitorListsAnOpenReviewForAdministratorsUntilItIsReviewed() throws Exception {
        EmergencyReviewMonitor monitor = ExtensionList.lookupSingleton(EmergencyReviewMonitor.class);
        monitor.isActivated(); // reads the (empty) journal in the background
        await("the monitor read the empty journal", () -> !monitor.isActivated() && monitor.getFailure() == null);

        WorkflowRun b = approvedEmergency("CHG-92");
        await("the monitor lists the open review", monitor::isActivated);
        assertThat(monitor.getOpenReviews().size(), is(1));
        EmergencyReviewMonitor.Row row = monitor.getOpenReviews().get(0);
        assertThat(row.getIncidentId(), is(INCIDENT));
        assertThat(row.isOverdue(), is(false));
        assertThat(row.getGatePage(), is(b.getUrl() + GateAction.URL_NAME + "/#" + onlyGate(b).getGateId()));
        JenkinsRule.WebClient admin = j.createWebClient();
        admin.login("admin");
        String manage = admin.goTo("manage/").getWebResponse().getContentAsString();
        assertThat(manage, containsString("emergency (break-glass) changes wait for their review"));
        assertThat(manage, containsString(INCIDENT));

        assertRedirectsToTheApprovalPage(j, review(j, "rita", b, onlyGate(b).getGateId(), "accepted", ""), b);
        await("the monitor drops the reviewed change", () -> !monitor.isActivated());
    }

    @Test
    public void aSystemWithoutAnEmergencyPathOrAnIncidentIdThatDoesNotMatchIsRefusedAndJournaled() throws Exception {
        WorkflowJob payments = j.createProject(WorkflowJob.class, "payments-hotfix");
        WorkflowRun b = startAsAlice(payments, emergencyScript(GateFixtures.PAYMENTS, "CHG-93", site.url("CHG-93"),
                INCIDENT));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("has no emergency path", b);
        assertThat("no gate opened", b.getAction(GateAction.class), nullValue());
        List<String> decisions = new ArrayList<>();
        for (JournalRecord r : journal(GateFixtures.PAYMENTS)) {
            if (r.type() == AuditEventType.DECIDED) {
                decisions.add(r.text("outcome") + ": " + r.text("reason"));
                // an attempt to break the glass is on the record as one, also when the registry refuses it
                assertThat(r.fields().get("emergency"), is(Boolean.TRUE));
                assertThat(r.text("incidentId"), is(INCIDENT));
            }
        }
        assertThat(decisions.size(), is(1));
        assertThat(decisions.get(0), containsString("DENIED: "));

        WorkflowJob checkout = j.createProject(WorkflowJob.class, "checkout-hotfix");
        WorkflowRun bad = startAsAlice(checkout, emergencyScript(GateFixtures.CHECKOUT, "CHG-94", site.url("CHG-94"),
                "see INC-1"));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(bad));
        j.assertLogContains("does not match the registry's emergency.incidentPattern", bad);

        WorkflowRun usual = startAsAlice(checkout, "criticalChangeGate(system: '" + GateFixtures.CHECKOUT
                + "', changeId: 'CHG-95', documentationUrl: '" + site.url("CHG-95") + "', incidentId: 'INC-1')\n");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(usual));
        j.assertLogContains("parameter 'incidentId' is only used with 'emergency: true'", usual);
    }
}
