package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.inbox.GateKey;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.inbox.GateIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;

/**
 * A listener of the journal that throws does not fail the append (the gate opens and waits, the record is in the
 * journal), and the listeners after it are still told (the inbox's index has the gate). Runs only in the full build.
 */
public class GateJournalListenerJenkinsTest {
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

    /** Told first (the highest ordinal), and always throws. */
    @TestExtension
    public static final class Broken extends GateJournalListener {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public void onAppended(JournalRecord record) {
            CALLS.incrementAndGet();
            throw new IllegalStateException("a listener broken on purpose");
        }
    }

    @Test
    public void aBrokenListenerNeitherFailsTheAppendNorSilencesTheOthers() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy");
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate(system: '" + GateFixtures.PAYMENTS + "',"
                + " changeId: 'CHG-701', documentationUrl: '" + site.url("CHG-701") + "')\n", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("waiting for approval of CHG-701", b);

        assertThat(Broken.CALLS.get(), greaterThan(0));
        List<AuditEventType> types = new ArrayList<>();
        JournalQuery.builder().system(GateFixtures.PAYMENTS).build().forEach(
                CriticalChangeGateConfiguration.get().journalPath(), (record, line) -> types.add(record.type()));
        assertThat(types, hasItem(AuditEventType.GATE_REQUESTED));
        assertThat(GateIndex.get().gates().get(new GateKey("deploy", b.getNumber())).isPresent(), is(true));
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    }
}
