package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.Assert.fail;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowGraphWalker;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * What the step's Jenkins tests share; no tests of its own (named *JenkinsTest because it uses the test harness, see
 * ArchitectureTest). Static, so that JenkinsRule tests and JenkinsSessionRule tests (a new JenkinsRule per session)
 * use the same people, requests and checks.
 *
 * <p>Requests are sent as InputStepTest sends them: a logged-in web client, a crumbed POST. Redirects are not
 * followed, so a test sees the endpoint's own answer (a 302 to the approval page when accepted), not the page it
 * redirects to; {@link #assertTheApprovalPageAnswers} fetches that page separately.
 */
abstract class AbstractGateJenkinsTest {
    /** How long a test waits for something that happens in the background (the plugin's pool, the timer). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * The people: alice (sre) starts the builds; bob, BOB (bob in another case) and dave are in sre, carol in
     * checkout-leads; mallory is in no group the registry lists; admin administers Jenkins and is in no listed group.
     * All of these may read every job. outsider may only see Jenkins; discoverer may see Jenkins and discover jobs
     * but not read them; peeker (sre) may see Jenkins only, a test grants more where it needs it.
     *
     * @return the authorization strategy, to which a test may add grants
     */
    static MockAuthorizationStrategy secure(JenkinsRule j) {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("alice", "sre");
        realm.addGroups("bob", "sre");
        realm.addGroups("BOB", "sre");
        realm.addGroups("dave", "sre");
        realm.addGroups("carol", "checkout-leads");
        realm.addGroups("discoverer", "sre");
        realm.addGroups("peeker", "sre");
        j.jenkins.setSecurityRealm(realm);
        MockAuthorizationStrategy strategy = new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "bob", "BOB", "carol", "dave", "mallory")
                .grant(Jenkins.READ).everywhere().to("outsider", "peeker")
                .grant(Jenkins.READ, Item.DISCOVER).everywhere().to("discoverer");
        j.jenkins.setAuthorizationStrategy(strategy);
        return strategy;
    }

    /** A script that calls the gate and echoes what it returned. */
    static String gateScript(String system, String change, String documentationUrl) {
        return "def gate = criticalChangeGate(system: '" + system + "', changeId: '" + change + "',\n"
                + "    documentationUrl: '" + documentationUrl + "', message: 'Ship checkout 2.3.1')\n"
                + "echo \"outcome=${gate.outcome} approvers=${gate.approvers} change=${gate.changeId}\"\n";
    }

    /** Starts a build of {@code p} running {@code script}, started by alice. */
    static WorkflowRun startAsAlice(WorkflowJob p, String script) throws Exception {
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
    }

    /** The only gate of a build. */
    static GateEntry onlyGate(Run<?, ?> b) {
        GateAction action = b.getAction(GateAction.class);
        assertThat("the build has the gate action", action, notNullValue());
        List<GateEntry> gates = action.getGates();
        assertThat(gates.size(), is(1));
        return gates.get(0);
    }

    /** The record of a gate, as build.xml keeps it (journal failure included, which no page shows). */
    static GateRecord record(Run<?, ?> b, String gateId) {
        GateAction action = b.getAction(GateAction.class);
        assertThat("the build has the gate action", action, notNullValue());
        return action.record(gateId).orElseThrow(() -> new AssertionError("no gate " + gateId + " in " + b));
    }

    /** {@code …/critical-change-gate/<gateId>/}, relative to Jenkins. */
    static String gatePath(Run<?, ?> b, String gateId) {
        return b.getUrl() + GateAction.URL_NAME + "/" + gateId + "/";
    }

    /** The approval page of a build: {@code …/critical-change-gate/}. */
    static URL approvalPage(JenkinsRule j, Run<?, ?> b) throws IOException {
        return new URL(j.getURL(), b.getUrl() + GateAction.URL_NAME + "/");
    }

    /**
     * A browser-like POST to a gate's endpoint: logged in, with the crumb, as the approval page's forms send it.
     * Redirects are not followed.
     */
    static WebResponse post(JenkinsRule j, String user, Run<?, ?> b, String gateId, String verb, String parameter,
            @CheckForNull String value) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        wc.getOptions().setRedirectEnabled(false); // after the login, whose form answers with a redirect
        WebRequest request = new WebRequest(wc.createCrumbedUrl(gatePath(b, gateId) + verb), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        if (value != null) {
            parameters.add(new NameValuePair(parameter, value));
        }
        request.setRequestParameters(parameters);
        Page page = wc.getPage(request);
        return page.getWebResponse();
    }

    static WebResponse approve(JenkinsRule j, String user, Run<?, ?> b, String gateId) throws Exception {
        return post(j, user, b, gateId, "approve", "comment", "checked by " + user);
    }

    static WebResponse reject(JenkinsRule j, String user, Run<?, ?> b, String gateId, @CheckForNull String reason)
            throws Exception {
        return post(j, user, b, gateId, "reject", "reason", reason);
    }

    /**
     * The endpoint accepted the request: it answers 302 with a Location that, resolved as a browser resolves it
     * (Stapler sends {@code ..} relative to the endpoint, made absolute by the container), is the approval page.
     */
    static void assertRedirectsToTheApprovalPage(JenkinsRule j, WebResponse response, Run<?, ?> b)
            throws Exception {
        assertThat(response.getContentAsString(), response.getStatusCode(), is(302));
        String location = response.getResponseHeaderValue("Location");
        assertThat("the redirect names its target", location, notNullValue());
        URI target = response.getWebRequest().getUrl().toURI().resolve(location).normalize();
        assertThat(target, is(approvalPage(j, b).toURI()));
    }

    /**
     * The approval page answers 200 to {@code user} and shows the gate: its change and, while it waits, the approval
     * form.
     */
    static void assertTheApprovalPageAnswers(JenkinsRule j, String user, Run<?, ?> b, GateEntry gate)
            throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebResponse page = wc.getPage(new WebRequest(approvalPage(j, b))).getWebResponse();
        String html = page.getContentAsString();
        assertThat(html, page.getStatusCode(), is(200));
        assertThat(html, containsString(gate.getChangeId()));
        if (gate.isPending()) {
            assertThat(html, containsString("name=\"" + gate.getGateId() + "-approve\""));
        }
    }

    /** A refusal the person can read: the status, the plain message, and no stack trace. */
    static void assertPlainRefusal(WebResponse response, int status, String message) {
        String body = response.getContentAsString();
        assertThat(body, response.getStatusCode(), is(status));
        assertThat(body, containsString(message));
        assertThat(body, not(containsString("\tat ")));
        assertThat(body, not(containsString("Exception")));
        assertThat(body, not(containsString("Stack trace")));
    }

    /** The journal's records about {@code system}, from the journal directory configured now. */
    static List<JournalRecord> journal(String system) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        JournalQuery.builder().system(system).build()
                .forEach(CriticalChangeGateConfiguration.get().journalPath(), (record, line) -> out.add(record));
        return out;
    }

    /** Every pause marker of the build's flow nodes. */
    static List<PauseAction> pauses(WorkflowRun b) {
        List<PauseAction> pauses = new ArrayList<>();
        for (FlowNode n : new FlowGraphWalker(b.getExecution())) {
            pauses.addAll(PauseAction.getPauseActions(n));
        }
        return pauses;
    }

    /** Whether a flow node of the build is still marked paused. */
    static boolean anyOpenPause(WorkflowRun b) {
        return pauses(b).stream().anyMatch(PauseAction::isPaused);
    }

    /**
     * Waits for the build to finish, at most {@code timeout}; stops it and fails, saying {@code why}, when it does
     * not (JenkinsRule.waitForCompletion would wait until the test's own timeout, with less to say).
     */
    static void awaitCompletion(WorkflowRun b, Duration timeout, String why) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (b.isBuilding()) {
            if (System.nanoTime() > deadline) {
                b.doStop();
                fail(b + " still runs after " + timeout + ": " + why);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until {@code condition} holds, at most {@link #PATIENCE}; fails saying {@code what} was awaited. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until no thread runs a gate's opening (the documentation check and what follows it, on the plugin's
     * pool), at most {@code timeout}. A test that stops a build during the check needs the opening to be over before
     * it can say no gate opened; the pool offers no other signal, so the threads' stacks are read.
     */
    static void awaitNoGateOpening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (gateOpeningRuns()) {
            if (System.nanoTime() > deadline) {
                fail("a gate's opening still runs after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static boolean gateOpeningRuns() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().equals(CriticalChangeGateExecution.class.getName())
                        && frame.getMethodName().equals("openGate")) {
                    return true;
                }
            }
        }
        return false;
    }
}
