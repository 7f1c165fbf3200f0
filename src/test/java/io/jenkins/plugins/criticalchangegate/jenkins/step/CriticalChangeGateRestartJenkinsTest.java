package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures.DocumentationSite;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryFile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowGraphWalker;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * A controller restart while a gate waits loses nothing (modelled on InputStepRestartTest): the approval given
 * before survives, the same person cannot approve twice across the restart, the deadline is the one fixed before,
 * the build resumes when the last approval comes, the pause ends, and program.dat/build.xml hold what they should.
 */
public class CriticalChangeGateRestartJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static void secure(JenkinsRule j) {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("alice", "sre");
        realm.addGroups("bob", "sre");
        realm.addGroups("carol", "checkout-leads");
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "bob", "carol"));
    }

    private static int approve(JenkinsRule j, String user, WorkflowRun b, String gateId) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(wc.createCrumbedUrl(b.getUrl() + GateAction.URL_NAME + "/" + gateId
                + "/approve"), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair("comment", "ok from " + user));
        request.setRequestParameters(parameters);
        Page page = wc.getPage(request);
        return page.getWebResponse().getStatusCode();
    }

    private static GateEntry onlyGate(WorkflowRun b) {
        List<GateEntry> gates = b.getAction(GateAction.class).getGates();
        assertThat(gates.size(), is(1));
        return gates.get(0);
    }

    @Test
    public void aRestartWhilePausedKeepsTheApprovalsTheDeadlineAndThePause() throws Throwable {
        try (GateFixtures.DocumentationSite site = new GateFixtures.DocumentationSite()) {
            String[] gateId = new String[1];
            String[] dueAt = new String[1];
            sessions.then(j -> {
                CriticalChangeGateConfiguration.get()
                        .setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
                secure(j);
                WorkflowJob p = j.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("def gate = criticalChangeGate(system: 'checkout-service',"
                        + " changeId: 'CHG-1234', documentationUrl: '" + site.url("CHG-1234") + "')\n"
                        + "echo \"after restart: approvers=${gate.approvers}\"", true));
                WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
                j.waitForMessage("waiting for approval of CHG-1234", b);
                gateId[0] = onlyGate(b).getGateId();
                dueAt[0] = onlyGate(b).getDueAt();
                assertThat(approve(j, "bob", b, gateId[0]), is(200));
                assertThat(onlyGate(b).getApprovers(), contains("bob"));
            });
            sessions.then(j -> {
                secure(j);
                WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                assertThat(b.isBuilding(), is(true));
                GateEntry gate = onlyGate(b);
                assertThat(gate.getStatus(), is("PENDING"));
                assertThat(gate.getApprovers(), contains("bob"));
                assertThat(gate.getDueAt(), is(dueAt[0]));

                assertThat("bob's approval counted before the restart", approve(j, "bob", b, gateId[0]), is(403));
                assertThat(approve(j, "carol", b, gateId[0]), is(200));
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("after restart: approvers=[bob, carol]", b);

                List<PauseAction> pauses = new ArrayList<>();
                for (FlowNode n : new FlowGraphWalker(b.getExecution())) {
                    pauses.addAll(PauseAction.getPauseActions(n));
                }
                assertThat(pauses.size(), is(1));
                assertThat(pauses.get(0).isPaused(), is(false));
                String xml = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
                // the gate lives in build.xml through the action; the execution belongs to program.dat only
                assertThat(xml, containsString(GateAction.class.getName()));
                assertThat(xml, not(containsString(CriticalChangeGateExecution.class.getName())));
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
