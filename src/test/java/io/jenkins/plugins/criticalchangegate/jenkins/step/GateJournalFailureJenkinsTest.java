package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.Result;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A decision the audit journal cannot record never lets the change through. The journal is made to fail, the same
 * way on any file system and for any user (root included), by pointing the configured journal directory at a regular
 * file once the gate is open: the journal reopens in the configured directory on the next append and cannot create it.
 * CriticalChangeGateRestartJenkinsTest shows the same after a restart.
 */
public class GateJournalFailureJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

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

    /** A regular file where the journal's directory should be. */
    static File notADirectory(TemporaryFolder tmp) throws Exception {
        File file = tmp.newFile("journal-is-a-file");
        Files.writeString(file.toPath(), "not a directory", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    public void anApprovalTheJournalCannotRecordFailsTheBuildAndIsAnswered500() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "p"),
                gateScript(GateFixtures.CHECKOUT, "CHG-1234", site.url("CHG-1234")));
        j.waitForMessage("waiting for approval of CHG-1234", b);
        String gateId = onlyGate(b).getGateId();
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gateId), b);
        assertThat(record(b, gateId).getJournalFailure(), nullValue());

        CriticalChangeGateConfiguration.get().setJournalDirectory(notADirectory(tmp).getAbsolutePath());
        assertPlainRefusal(approve(j, "carol", b, gateId), 500, "The audit journal could not record this");
        assertThat("the decision stands, marked", record(b, gateId).getJournalFailure(), notNullValue());
        assertThat(onlyGate(b).getStatus(), is("APPROVED"));
        assertThat(onlyGate(b).getApprovers(), contains("bob", "carol"));

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("CHG-1234 was APPROVED for checkout-service but the audit journal could not record it", b);
        j.assertLogNotContains("outcome=APPROVED", b);
        assertThat(anyOpenPause(b), is(false));
    }
}
