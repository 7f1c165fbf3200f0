package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.CredentialUse;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.CredentialUseAction;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.GatedFileCredentials;
import io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.GatedStringCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jenkins.model.ModifiableTopLevelItemGroup;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayAction;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Gated deploy credentials in a real Jenkins (issue 12), driven as credentials-binding's own tests drive
 * withCredentials: a Secret text bound to checkout-service is given to a build only behind an approved gate for
 * checkout-service, masked in the log, and every release and refusal is in the journal and on the build.
 */
public class GatedCredentialsJenkinsTest extends AbstractGateJenkinsTest {
    static final String ID = "checkout-deploy-token";
    static final String SECRET = "s3cr3t-deploy-token-4711";
    static final String REFUSED = "no approved criticalChangeGate for " + GateFixtures.CHECKOUT + " in this build";

    @Rule
    public JenkinsRule j = new JenkinsRule();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private GateFixtures.DocumentationSite site;

    @Before
    public void setUp() throws Exception {
        site = new GateFixtures.DocumentationSite();
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
        SystemCredentialsProvider.getInstance().getCredentials().add(new GatedStringCredentials(
                CredentialsScope.GLOBAL, ID, "checkout deploy", GateFixtures.CHECKOUT, Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().save();
        secure(j);
    }

    @After
    public void tearDown() {
        GateOpening.setApprovalTimeoutForTests(null);
        site.close();
    }

    private String gate(String system) {
        return "criticalChangeGate(system: '" + system + "', changeId: 'CHG-1234', documentationUrl: '"
                + site.url("CHG-1234") + "')\n";
    }

    private static String deploy() {
        return "node { withCredentials([string(credentialsId: '" + ID + "', variable: 'TOKEN')]) {"
                + " echo \"token=$TOKEN\" } }\n";
    }

    /** Approves the build's only gate as carol (checkout-leads) and bob (sre). */
    private static void approveTheGate(JenkinsRule j, WorkflowRun b) throws Exception {
        await("the gate waits for approvals", () -> b.getAction(GateAction.class) != null
                && !b.getAction(GateAction.class).getGates().isEmpty() && onlyGate(b).isPending());
        String gateId = onlyGate(b).getGateId();
        approve(j, "carol", b, gateId);
        approve(j, "bob", b, gateId);
    }

    private static List<String> types(String system) throws Exception {
        return journal(system).stream().map(r -> r.type().name()).collect(Collectors.toList());
    }

    private static List<CredentialUse> uses(WorkflowRun b) {
        CredentialUseAction action = b.getAction(CredentialUseAction.class);
        return action == null ? List.of() : action.getUses();
    }

    @Test
    public void anApprovedGateReleasesTheSecretMasked() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), gate(GateFixtures.CHECKOUT)
                + deploy());
        approveTheGate(j, b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("token=****", b);
        j.assertLogNotContains(SECRET, b);
        assertThat(uses(b).size(), is(1));
        assertThat(uses(b).get(0).isReleased(), is(true));
        assertThat(uses(b).get(0).getGateId(), is(onlyGate(b).getGateId()));
        JournalRecord released = journal(GateFixtures.CHECKOUT).stream()
                .filter(r -> r.type().name().equals("CREDENTIALS_RELEASED")).findFirst().orElseThrow();
        assertThat(released.fields().get("credentialId"), is(ID));
        assertThat(released.fields().get("job"), is("deploy"));
        assertThat(String.valueOf(released.fields().get("build")), is("1"));
        assertThat(released.fields().get("gateId"), is(onlyGate(b).getGateId()));
    }

    @Test
    public void withoutAGateTheLookupFailsAndIsJournaled() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), deploy());
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains(REFUSED, b);
        j.assertLogNotContains(SECRET, b);
        assertThat(types(GateFixtures.CHECKOUT).contains("CREDENTIALS_REFUSED"), is(true));
        assertThat(uses(b).get(0).isReleased(), is(false));
    }

    @Test
    public void anotherSystemsGateReleasesNothing() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), gate(GateFixtures.PAYMENTS)
                + deploy());
        await("the payments gate waits", () -> b.getAction(GateAction.class) != null
                && !b.getAction(GateAction.class).getGates().isEmpty() && onlyGate(b).isPending());
        approve(j, "carol", b, onlyGate(b).getGateId()); // payments-api needs one approval
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains(REFUSED, b);
        j.assertLogNotContains(SECRET, b);
    }

    /** A lookup while the gate is pending fails; after the approval the same build gets the secret. */
    @Test
    public void aPendingGateReleasesOnlyOnceApproved() throws Exception {
        Path signal = tmp.getRoot().toPath().resolve("gate-pending");
        String script = "parallel gate: {\n" + gate(GateFixtures.CHECKOUT) + deploy() + "}, early: {\n"
                + "  node { waitUntil(initialRecurrencePeriod: 250, quiet: true) { fileExists('" + signal + "') } }\n"
                + "  try {\n" + deploy() + "  } catch (e) { echo \"while pending: ${e.message}\" }\n"
                + "}\n";
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), script);
        await("the gate waits for approvals", () -> b.getAction(GateAction.class) != null
                && !b.getAction(GateAction.class).getGates().isEmpty() && onlyGate(b).isPending());
        Files.writeString(signal, "now");
        j.waitForMessage("while pending: ", b);
        j.assertLogContains(REFUSED, b);
        approveTheGate(j, b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("token=****", b);
        j.assertLogNotContains(SECRET, b);
        assertThat(uses(b).stream().map(CredentialUse::isReleased).collect(Collectors.toList()),
                is(List.of(false, true)));
    }

    @Test
    public void aRejectedGateReleasesNothing() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), "try {\n"
                + gate(GateFixtures.CHECKOUT) + "} catch (e) { echo 'the gate stopped the change' }\n" + deploy());
        await("the gate waits", () -> b.getAction(GateAction.class) != null
                && !b.getAction(GateAction.class).getGates().isEmpty() && onlyGate(b).isPending());
        reject(j, "carol", b, onlyGate(b).getGateId(), "not tested");
        j.waitForCompletion(b);
        j.assertLogContains("the gate stopped the change", b);
        j.assertLogContains("is REJECTED", b);
        j.assertLogNotContains("token=", b);
    }

    @Test
    public void anExpiredGateReleasesNothing() throws Exception {
        GateOpening.setApprovalTimeoutForTests(Duration.ofSeconds(2));
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), "try {\n"
                + gate(GateFixtures.CHECKOUT) + "} catch (e) { echo 'the gate stopped the change' }\n" + deploy());
        j.waitForCompletion(b);
        j.assertLogContains("the gate stopped the change", b);
        j.assertLogContains("is EXPIRED", b);
        j.assertLogNotContains("token=", b);
    }

    /** Replay of an approved build without its gate step: a new build, with no gate, gets nothing. */
    @Test
    public void aReplayOfAnApprovedBuildWithoutTheGateIsRefused() throws Exception {
        WorkflowRun b1 = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), gate(GateFixtures.CHECKOUT)
                + deploy());
        approveTheGate(j, b1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b1));
        // the test thread runs as SYSTEM, as ReplayActionTest drives replays
        WorkflowRun b2 = (WorkflowRun) b1.getAction(ReplayAction.class).run(deploy(), Map.of()).get();
        j.assertBuildStatus(Result.FAILURE, b2);
        j.assertLogContains(REFUSED, b2);
        j.assertLogNotContains(SECRET, b2);
    }

    /** While build 1 holds an approved gate, build 2 of the same job, without one, gets nothing. */
    @Test
    public void anotherBuildOfTheSameJobIsRefused() throws Exception {
        Path done = tmp.getRoot().toPath().resolve("done");
        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy");
        WorkflowRun b1 = startAsAlice(p, gate(GateFixtures.CHECKOUT) + deploy()
                + "node { waitUntil(initialRecurrencePeriod: 250, quiet: true) { fileExists('" + done + "') } }\n");
        approveTheGate(j, b1);
        j.waitForMessage("token=", b1);
        WorkflowRun b2 = startAsAlice(p, deploy());
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b2));
        j.assertLogContains(REFUSED, b2);
        Files.writeString(done, "yes");
        j.assertBuildStatusSuccess(j.waitForCompletion(b1));
    }

    private static String declarative(String stagesBefore) {
        return "pipeline {\n  agent any\n  stages {\n" + stagesBefore
                + "    stage('deploy') {\n      environment { TOKEN = credentials('" + ID + "') }\n"
                + "      steps { echo \"token=${env.TOKEN}\" }\n    }\n  }\n}\n";
    }

    @Test
    public void declarativeEnvironmentBeforeTheGateIsRefused() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), declarative(""));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains(REFUSED, b);
        j.assertLogNotContains(SECRET, b);
    }

    @Test
    public void declarativeEnvironmentAfterTheGateGetsTheSecret() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy"), declarative(
                "    stage('gate') { steps { " + gate(GateFixtures.CHECKOUT).strip() + " } }\n"));
        approveTheGate(j, b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("token=****", b);
        j.assertLogNotContains(SECRET, b);
        // Declarative looks the credential up twice (CredentialsBindingHandler.forId on the CPS VM thread to choose a
        // binding, then withCredentials to bind it); only the second reads the secret, so the use is judged and
        // recorded once, off the CPS VM thread
        assertThat(uses(b).size(), is(1));
        assertThat(types(GateFixtures.CHECKOUT).stream().filter("CREDENTIALS_RELEASED"::equals).count(), is(1L));
    }

    /**
     * Saving a gated Secret file's Update form unchanged keeps its content: the form keeps SecretBytes' own ciphertext
     * (a first version showed it in an f:secretTextarea, which re-encrypts it as a hudson.util.Secret, and saved the
     * bytes of that ciphertext in place of the file).
     */
    @Test
    public void theUpdateFormKeepsAGatedFilesContent() throws Exception {
        byte[] kubeconfig = "apiVersion: v1\nkind: Config\n".getBytes(StandardCharsets.UTF_8);
        SystemCredentialsProvider.getInstance().getCredentials().add(new GatedFileCredentials(CredentialsScope.GLOBAL,
                "checkout-kubeconfig", "kubeconfig", GateFixtures.CHECKOUT, "kubeconfig",
                SecretBytes.fromBytes(kubeconfig)));
        SystemCredentialsProvider.getInstance().save();
        // the path credentials' own BaseStandardCredentialsTest opens; the form is update.jelly's name="update"
        JenkinsRule.WebClient wc = j.createWebClient().login("admin");
        HtmlPage update = wc.goTo("credentials/store/system/domain/_/credential/checkout-kubeconfig/update");
        j.submit(update.getFormByName("update"));
        GatedFileCredentials saved = SystemCredentialsProvider.getInstance().getCredentials().stream()
                .filter(GatedFileCredentials.class::isInstance).map(GatedFileCredentials.class::cast)
                .filter(c -> c.getId().equals("checkout-kubeconfig")).findFirst().orElseThrow();
        assertThat(saved.getSystem(), is(GateFixtures.CHECKOUT));
        assertThat(saved.getFileName(), is("kubeconfig"));
        assertThat(new String(saved.getGatedContent().getPlainData(), StandardCharsets.UTF_8),
                is("apiVersion: v1\nkind: Config\n"));
    }

    /** A credential kept in a folder's store, bound to checkout-service, for a job in that folder. */
    @Test
    public void aFolderScopedCredentialIsGatedToo() throws Exception {
        TopLevelItem folder = j.jenkins.createProjectFromXML("retail", new ByteArrayInputStream(
                "<com.cloudbees.hudson.plugins.folder.Folder/>".getBytes(StandardCharsets.UTF_8)));
        CredentialsStore store = null;
        for (CredentialsStore s : CredentialsProvider.lookupStores((hudson.model.ModelObject) folder)) {
            if (s.getContext() == folder) {
                store = s;
            }
        }
        assertThat("the folder has its own credentials store", store != null, is(true));
        store.addCredentials(Domain.global(), new GatedStringCredentials(CredentialsScope.GLOBAL, "folder-token",
                "in the folder", GateFixtures.CHECKOUT, Secret.fromString("folder-s3cr3t")));
        WorkflowJob p = (WorkflowJob) ((ModifiableTopLevelItemGroup) folder).createProjectFromXML("deploy",
                new ByteArrayInputStream("<flow-definition/>".getBytes(StandardCharsets.UTF_8)));
        String withFolderToken = "node { withCredentials([string(credentialsId: 'folder-token', variable: 'T')]) {"
                + " echo \"t=$T\" } }\n";
        WorkflowRun refused = startAsAlice(p, withFolderToken);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(refused));
        j.assertLogContains("gated credential 'folder-token'", refused);
        WorkflowRun b = startAsAlice(p, gate(GateFixtures.CHECKOUT) + withFolderToken);
        approveTheGate(j, b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("t=****", b);
        j.assertLogNotContains("folder-s3cr3t", b);
    }

    /**
     * The Update form cannot rebind a gated credential to another system: it keeps the stored secret, so someone with
     * Credentials/Update who never knew the secret could otherwise move it to a system whose gate they can get approved.
     */
    @Test
    public void theUpdateFormCannotRebindTheSystem() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login("admin");
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false); // a FormException answers 400 with its page
        HtmlPage update = wc.goTo("credentials/store/system/domain/_/credential/" + ID + "/update");
        HtmlForm form = update.getFormByName("update");
        form.getInputByName("_.system").setValue(GateFixtures.PAYMENTS);
        HtmlPage answer = j.submit(form);
        assertThat(answer.asNormalizedText(), containsString("cannot be bound to '"
                + GateFixtures.PAYMENTS + "' here"));
        GatedStringCredentials kept = SystemCredentialsProvider.getInstance().getCredentials().stream()
                .filter(GatedStringCredentials.class::isInstance).map(GatedStringCredentials.class::cast)
                .filter(c -> c.getId().equals(ID)).findFirst().orElseThrow();
        assertThat(kept.getSystem(), is(GateFixtures.CHECKOUT));
    }

    /** Another plugin or the script console, without a build: the stored credential refuses, and it is journaled. */
    @Test
    public void aLookupWithoutARunGetsNoSecret() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "deploy");
        List<StringCredentials> found = CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, p,
                ACL.SYSTEM2, List.of());
        StringCredentials ours = found.stream().filter(c -> c.getId().equals(ID)).findFirst().orElseThrow();
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class, ours::getSecret);
        assertThat(e.getMessage(), containsString("it was read without a build"));
        assertThat(e.getMessage().contains(SECRET), is(false));
        assertThat(types(GateFixtures.CHECKOUT).contains("CREDENTIALS_REFUSED"), is(true));
    }
}
