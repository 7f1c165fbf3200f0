package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The registry's policy rules in a running gate (issue 13): a commit written with an AI assistant raises the
 * requirement, as its trailer says, and a freeze in mode hold holds a gate that has its approvals until the freeze
 * ends. The build's commits come from the test harness's {@code FakeChangeLogSCM}, checked out by the Pipeline
 * {@code checkout} step as a real SCM's would be; the script is not sandboxed, so it may construct that SCM. It is
 * saved before security is turned on: script-security approves a script saved on an unsecured Jenkins
 * ({@code ScriptApproval.configuring}), where a secured one would refuse to run it until an administrator approved it.
 */
public class PolicyRulesJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private GateFixtures.DocumentationSite site;
    private boolean secured;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        // security is turned on by start(), once the scripts are saved: see there
    }

    @After
    public void tearDown() {
        site.close();
    }

    /** payments-api needs one approval, two when the change is AI-assisted; checkout-service may be frozen. */
    private String registry(String freezes) {
        return GateFixtures.registry(site.port()).replace("unknownSystems: allow\n", "unknownSystems: allow\n"
                + freezes)
                + "defaults:\n"
                + "  aiAssisted:\n"
                + "    require:\n"
                + "      requiredApprovals: 2\n";
    }

    private static String commitsThenGate(String system, String change, String url, String message,
            String gateOptions) {
        return "def scm = new org.jvnet.hudson.test.FakeChangeLogSCM()\n"
                + "scm.addChange().withAuthor('dave').withMsg('''" + message + "''')\n"
                + "node { checkout(scm) }\n"
                + "def gate = criticalChangeGate(system: '" + system + "', changeId: '" + change + "',\n"
                + "    documentationUrl: '" + url + "'" + gateOptions + ")\n"
                + "echo \"outcome=${gate.outcome} approvers=${gate.approvers}\"\n";
    }

    /** A job running {@code script}, saved while Jenkins is not secured yet (so the script counts as approved). */
    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, false)); // constructs the harness's SCM: not sandboxed
        return p;
    }

    /** Turns security on (the people of {@link #secure}) and starts a build of {@code p} as alice. */
    private WorkflowRun secureAndStart(WorkflowJob p) throws Exception {
        if (!secured) {
            secure(j);
            secured = true;
        }
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
    }

    private WorkflowRun start(String script) throws Exception {
        return secureAndStart(job("p", script));
    }

    @Test
    public void anAiAssistedCommitRaisesTheRequirementAndTheTrailSaysWhy() throws Exception {
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(registry("")));
        WorkflowRun b = start(commitsThenGate(GateFixtures.PAYMENTS, "CHG-77", site.url("CHG-77"),
                "Speed up the ledger\n\nCo-authored-by: Claude <noreply@anthropic.com>", ""));
        j.waitForMessage("waiting for approval of CHG-77", b);
        j.assertLogContains("the stricter rule for AI-assisted changes applies", b);
        GateEntry gate = onlyGate(b);
        assertThat("the AI-assisted rule raised 1 approval to 2", gate.getRequiredApprovals(), is(2));
        assertThat(gate.getAiAssisted(), notNullValue());
        assertThat(gate.getAiAssisted(), containsString("Co-authored-by: Claude <noreply@anthropic.com>"));

        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gate.getGateId()), b);
        assertThat("one approval is not enough for an AI-assisted change", onlyGate(b).getStatus(),
                is(GateStatus.PENDING.name()));
        assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gate.getGateId()), b);
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
        j.assertLogContains("outcome=APPROVED approvers=[bob, carol]", b);

        JournalRecord requested = null;
        for (JournalRecord r : journal(GateFixtures.PAYMENTS)) {
            if (r.type() == AuditEventType.GATE_REQUESTED) {
                requested = r;
            }
        }
        assertThat("the request is journaled", requested, notNullValue());
        Object why = requested.fields().get("aiAssisted");
        assertThat("the journal says why the stricter rule applied", why, notNullValue());
        assertThat(String.valueOf(why), containsString("Co-authored-by: Claude <noreply@anthropic.com>"));
    }

    @Test
    public void aDeclarationMakesTheRuleApplyAndACommitWithoutTrailerLeavesTheUsualOne() throws Exception {
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(registry("")));
        WorkflowJob declaring = job("declaring", commitsThenGate(GateFixtures.PAYMENTS, "CHG-78", site.url("CHG-78"),
                "Plain change\n\nSigned-off-by: Dave <dave@example.com>", ", aiAssisted: true"));
        WorkflowJob plain = job("plain", commitsThenGate(GateFixtures.PAYMENTS, "CHG-79", site.url("CHG-79"),
                "Plain change\n\nSigned-off-by: Dave <dave@example.com>", ""));
        WorkflowRun declared = secureAndStart(declaring);
        j.waitForMessage("waiting for approval of CHG-78", declared);
        assertThat(onlyGate(declared).getRequiredApprovals(), is(2));
        declared.doStop();
        j.waitForCompletion(declared);

        WorkflowRun b = secureAndStart(plain);
        j.waitForMessage("waiting for approval of CHG-79", b);
        assertThat("no trailer, no declaration: the system's own rule", onlyGate(b).getRequiredApprovals(), is(1));
        assertThat(onlyGate(b).getAiAssisted() == null, is(true));
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, onlyGate(b).getGateId()), b);
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
    }

    @Test
    public void aFreezeInModeHoldHoldsAnApprovedGateUntilItEnds() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // long enough for the build to start, check out, fetch the page and take two logged-in approvals on a busy agent
        Instant end = now.plus(Duration.ofSeconds(75));
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(registry(
                "freezes:\n"
                + "  - name: test-freeze\n"
                + "    start: " + now.minus(Duration.ofHours(1)) + "\n"
                + "    end: " + end + "\n"
                + "    systems: {ids: [" + GateFixtures.CHECKOUT + "]}\n"
                + "    mode: hold\n")));
        WorkflowRun b = start(commitsThenGate(GateFixtures.CHECKOUT, "CHG-80", site.url("CHG-80"),
                "Fix the cart", ""));
        j.waitForMessage("waiting for approval of CHG-80", b);
        j.assertLogContains("held: " + GateFixtures.CHECKOUT + " takes no changes now", b);
        GateEntry gate = onlyGate(b);
        assertThat(gate.getStatus(), is(GateStatus.HELD.name()));
        assertThat(gate.isHeld(), is(true));

        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gate.getGateId()), b);
        assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gate.getGateId()), b);
        assertThat("the approvals are complete, but the freeze holds the decision", onlyGate(b).getStatus(),
                is(GateStatus.HELD.name()));
        assertThat(b.isBuilding(), is(true));

        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
        assertThat("it decided when the freeze ended, not before", Instant.now().isBefore(end), is(false));
        j.assertLogContains("outcome=APPROVED approvers=[bob, carol]", b);
        List<String> kinds = new ArrayList<>();
        for (TrailEntry entry : record(b, gate.getGateId()).getTrail()) {
            kinds.add(entry.getKind().name());
        }
        assertThat(kinds, hasItem("HELD"));
        List<TrailEntry> trail = record(b, gate.getGateId()).getTrail();
        TrailEntry passed = trail.get(trail.size() - 1);
        assertThat(passed.getKind().name(), is("PASSED"));
        assertThat("decided at the freeze's end, as the policy dates it", passed.at(), is(end));
        List<String> types = new ArrayList<>();
        for (JournalRecord r : journal(GateFixtures.CHECKOUT)) {
            types.add(r.type().name());
        }
        assertThat(types, hasItem("HELD"));
        assertThat(types.get(types.size() - 1), is("DECIDED"));
    }

    @Test
    public void aFreezeInModeDenyRefusesTheChangeBeforeAnythingIsFetched() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(registry(
                "freezes:\n"
                + "  - name: release-freeze\n"
                + "    start: " + now.minus(Duration.ofHours(1)) + "\n"
                + "    end: " + now.plus(Duration.ofHours(1)) + "\n"
                + "    systems: all\n"
                + "    mode: deny\n")));
        WorkflowRun b = start(commitsThenGate(GateFixtures.CHECKOUT, "CHG-81", site.url("CHG-81"), "Fix", ""));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("the registry denies this change", b);
        j.assertLogContains("release-freeze", b);
        assertThat("no gate opened", b.getAction(GateAction.class) == null, is(true));
        List<String> decisions = new ArrayList<>();
        for (JournalRecord r : journal(GateFixtures.CHECKOUT)) {
            if (r.type() == AuditEventType.DECIDED) {
                decisions.add(r.text("outcome") + ": " + r.text("reason"));
            }
        }
        assertThat(decisions.size(), is(1));
        assertThat(decisions.get(0), containsString("DENIED: "));
        assertThat(decisions.get(0), containsString("release-freeze"));
    }
}
