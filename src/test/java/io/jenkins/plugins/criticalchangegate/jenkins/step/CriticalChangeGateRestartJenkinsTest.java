package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryFile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * Controller restarts (modelled on InputStepRestartTest): while a gate waits, nothing is lost and the build completes
 * from build.xml; during the documentation check, the resumed step checks again; a gate the journal missed before
 * the restart still fails its build after it. Between sessions Jenkins is down, so the test reads build.xml and
 * program.dat as the restart will.
 */
public class CriticalChangeGateRestartJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static WorkflowRun firstBuild(JenkinsRule j) {
        return j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
    }

    /** The text between {@code start} and {@code end} (both included); fails when there is none. */
    private static String section(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, Math.max(from, 0));
        assertThat("has " + start + "…" + end + ":\n" + text, from >= 0 && to > from, is(true));
        return text.substring(from, to + end.length());
    }

    @Test
    public void aRestartWhilePausedKeepsTheApprovalsTheDeadlineAndThePause() throws Throwable {
        try (GateFixtures.DocumentationSite site = new GateFixtures.DocumentationSite()) {
            String[] gateId = new String[1];
            long[] dueAtMillis = new long[1];
            File[] buildDir = new File[1];
            sessions.then(j -> {
                CriticalChangeGateConfiguration.get()
                        .setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
                secure(j);
                WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                        "def gate = criticalChangeGate(system: 'checkout-service', changeId: 'CHG-1234',"
                        + " documentationUrl: '" + site.url("CHG-1234") + "')\n"
                        + "echo \"after restart: approvers=${gate.approvers}\"");
                j.waitForMessage("waiting for approval of CHG-1234", b);
                gateId[0] = onlyGate(b).getGateId();
                dueAtMillis[0] = record(b, gateId[0]).getDueAtMillis();
                buildDir[0] = b.getRootDir();
                assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gateId[0]), b);
                assertThat(onlyGate(b).getApprovers(), contains("bob"));
            });

            // Jenkins is down. The gate's state is the build action's record in build.xml (with bob's approval and
            // the deadline); the waiting step is in program.dat, holding only the gate's id, never the record.
            String xml = Files.readString(new File(buildDir[0], "build.xml").toPath(), StandardCharsets.UTF_8);
            String action = section(xml, "<" + GateAction.class.getName(), "</" + GateAction.class.getName() + ">");
            assertThat(action, containsString("<" + GateRecord.class.getName() + ">"));
            assertThat(action, containsString("<gateId>" + gateId[0] + "</gateId>"));
            assertThat(action, containsString("<status>PENDING</status>"));
            assertThat(action, containsString("<dueAtMillis>" + dueAtMillis[0] + "</dueAtMillis>"));
            assertThat(action, containsString("<kind>APPROVED</kind>"));
            assertThat(action, containsString("<actor>bob</actor>"));
            assertThat(xml, not(containsString(CriticalChangeGateExecution.class.getName())));
            // River writes class names and strings as (modified) UTF-8: ASCII text appears as is
            String program = new String(Files.readAllBytes(new File(buildDir[0], "program.dat").toPath()),
                    StandardCharsets.ISO_8859_1);
            assertThat(program, containsString(CriticalChangeGateExecution.class.getName()));
            assertThat(program, containsString(gateId[0]));
            assertThat(program, not(containsString(GateRecord.class.getName())));
            assertThat(program, not(containsString(GateAction.class.getName())));

            sessions.then(j -> {
                secure(j);
                WorkflowRun b = firstBuild(j);
                assertThat(b.isBuilding(), is(true));
                GateEntry gate = onlyGate(b);
                assertThat(gate.getStatus(), is("PENDING"));
                assertThat(gate.getApprovers(), contains("bob"));
                assertThat(record(b, gateId[0]).getDueAtMillis(), is(dueAtMillis[0]));
                assertThat("the pause survived the restart", anyOpenPause(b), is(true));

                assertThat("bob's approval counted before the restart",
                        approve(j, "bob", b, gateId[0]).getStatusCode(), is(403));
                assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gateId[0]), b);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("after restart: approvers=[bob, carol]", b);

                List<PauseAction> pauses = pauses(b);
                assertThat(pauses.size(), is(1));
                assertThat(pauses.get(0).isPaused(), is(false));
                String after = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
                assertThat(section(after, "<" + GateAction.class.getName(), "</" + GateAction.class.getName() + ">"),
                        containsString("<status>APPROVED</status>"));
                assertThat(after, not(containsString(CriticalChangeGateExecution.class.getName())));
            });
        }
    }

    /**
     * Jenkins stops while the documentation site has not answered yet: the step has its gate id but no record. When
     * Jenkins is back, the step checks the documentation again (a second request to the site) and opens the gate,
     * which then works as any other.
     */
    @Test
    public void aRestartDuringTheDocumentationCheckChecksAgainAndOpensTheGate() throws Throwable {
        try (HeldDocumentationSite site = new HeldDocumentationSite(1)) {
            sessions.then(j -> {
                CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
                config.setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
                config.setDocumentationReadTimeoutSeconds(120); // the held request outlasts the restart
                secure(j);
                WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                        gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
                assertThat("the documentation check reached the site", site.awaitRequests(1, PATIENCE), is(true));
                GateAction action = b.getAction(GateAction.class);
                assertThat("no gate yet", action == null || action.getGates().isEmpty(), is(true));
                // the session ends with the request still held: Jenkins shuts down during the check
            });
            sessions.then(j -> {
                secure(j);
                WorkflowRun b = firstBuild(j);
                j.waitForMessage("waiting for approval of CHG-1234", b);
                assertThat("checked again after the restart", site.requests(), is(2));
                GateEntry gate = onlyGate(b);
                assertThat(gate.getStatus(), is("PENDING"));
                assertThat(anyOpenPause(b), is(true));
                assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gate.getGateId()), b);
                assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gate.getGateId()), b);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("outcome=APPROVED approvers=[bob, carol] change=CHG-1234", b);
            });
        }
    }

    /**
     * The journal could not record bob's approval before the restart: the record says so in build.xml, and after the
     * restart the gate is approved with a journal that works again, yet the build fails, as it would have without
     * the restart.
     */
    @Test
    public void aGateTheJournalMissedBeforeARestartStillFailsTheBuildAfterIt() throws Throwable {
        File notADirectory = GateJournalFailureJenkinsTest.notADirectory(tmp);
        try (GateFixtures.DocumentationSite site = new GateFixtures.DocumentationSite()) {
            String[] gateId = new String[1];
            sessions.then(j -> {
                CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
                config.setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
                secure(j);
                WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                        gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
                j.waitForMessage("waiting for approval of CHG-1234", b);
                gateId[0] = onlyGate(b).getGateId();

                config.setJournalDirectory(notADirectory.getAbsolutePath());
                assertPlainRefusal(approve(j, "bob", b, gateId[0]), 500, "The audit journal could not record this");
                assertThat(onlyGate(b).getApprovers(), contains("bob"));
                assertThat(record(b, gateId[0]).getJournalFailure(), notNullValue());
            });
            sessions.then(j -> {
                secure(j);
                CriticalChangeGateConfiguration.get().setJournalDirectory(null); // the journal works again
                WorkflowRun b = firstBuild(j);
                assertThat(b.isBuilding(), is(true));
                assertThat("the failure was kept in build.xml", record(b, gateId[0]).getJournalFailure(),
                        notNullValue());
                assertRedirectsToTheApprovalPage(j, approve(j, "carol", b, gateId[0]), b);
                j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
                j.assertLogContains("CHG-1234 was APPROVED for checkout-service but the audit journal could not"
                        + " record it", b);
                j.assertLogNotContains("outcome=", b);

                List<String> approvalsJournaled = new ArrayList<>();
                for (JournalRecord record : journal(GateFixtures.CHECKOUT)) {
                    if (record.type() == AuditEventType.APPROVAL_ACCEPTED) {
                        approvalsJournaled.add(record.text("user"));
                    }
                }
                assertThat("bob's approval is missing from the journal", approvalsJournaled, contains("carol"));
            });
        }
    }

    /**
     * The last good registry is kept on disk: a Jenkins that restarts while the registry's source is gone still
     * decides with it (and says the source fails), rather than failing every gate or, worse, passing them.
     */
    @Test
    public void theLastGoodRegistrySurvivesARestartWithoutItsSource() throws Throwable {
        Path dir = Files.createTempDirectory("registry-source");
        Path file = dir.resolve("critical-systems.yaml");
        String good = GateFixtures.registry(8443);
        try {
            Files.writeString(file, good, StandardCharsets.UTF_8);
            String[] version = new String[1];
            sessions.then(j -> {
                CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
                config.setRegistry(new RegistryFile(file.toString()));
                version[0] = config.registry().sha256();
                assertThat(config.isRegistryFailing(), is(false));
            });
            Files.delete(file);
            sessions.then(j -> {
                CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
                assertThat(config.registry().sha256(), is(version[0]));
                assertThat("the source's failure is shown", config.isRegistryFailing(), is(true));
                WorkflowJob p = j.createProject(WorkflowJob.class, "after-restart");
                p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'internal-wiki'", true));
                WorkflowRun b = j.buildAndAssertSuccess(p);
                j.assertLogContains("sha256:" + version[0].substring(0, 12), b);
            });
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
