package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The journal's key as Jenkins keeps it, and its download from Manage Jenkins (docs/audit.md, "The journal's key in
 * Jenkins"): what an administrator downloads verifies the journal the gate wrote, also after a restart; nobody else
 * gets it, a GET never gives it, and every download is on the record.
 */
public class AuditJournalLinkJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static void secure(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("alice"));
    }

    /** A pipeline whose gate passes at once (the system is not critical) and is journaled. */
    private static void runANotCriticalGate(JenkinsRule j, String jobName) throws Exception {
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(8080)));
        WorkflowJob p = j.createProject(WorkflowJob.class, jobName);
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'internal-wiki'", true));
        j.buildAndAssertSuccess(p);
    }

    private static WebResponse post(JenkinsRule j, String user, String relative) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(wc.createCrumbedUrl(relative), HttpMethod.POST);
        return wc.getPage(request).getWebResponse();
    }

    private static WebResponse get(JenkinsRule j, String user, String relative) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        return wc.getPage(new WebRequest(new java.net.URL(j.getURL(), relative), HttpMethod.GET)).getWebResponse();
    }

    private static List<JournalRecord> records(AuditEventType type) throws Exception {
        List<JournalRecord> found = new ArrayList<>();
        JournalQuery.builder().build().forEach(CriticalChangeGateConfiguration.get().journalPath(), (record, line) -> {
            if (record.type() == type) {
                found.add(record);
            }
        });
        return found;
    }

    /** Downloads the key as admin, checks the response, and saves the file as an auditor would. */
    private Path download(JenkinsRule j, String name) throws Exception {
        WebResponse response = post(j, "admin", AuditJournalLink.URL_NAME + "/verificationKey");
        assertThat(response.getStatusCode(), is(200));
        assertThat(response.getResponseHeaderValue("Content-Disposition"), containsString("attachment;"));
        assertThat(response.getResponseHeaderValue("Content-Disposition"),
                containsString("filename=\"critical-change-gate-audit-key-"));
        assertThat(response.getResponseHeaderValue("Cache-Control"), equalTo("no-store"));
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.writeString(file, response.getContentAsString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    public void anAdministratorDownloadsAKeyThatVerifiesTheJournalTheGateWrote() throws Throwable {
        sessions.then(j -> {
            secure(j);
            runANotCriticalGate(j, "deploy-wiki");
            Path file = download(j, "journal.key");
            byte[] key = JournalKeyFile.read(file);
            Path dir = CriticalChangeGateConfiguration.get().journalPath();
            VerificationResult result = JournalVerifier.verify(dir, key);
            assertThat(result.toString(), result.intact(), is(true));
            assertThat(records(AuditEventType.NOT_CRITICAL).size(), is(1));

            List<JournalRecord> exports = records(AuditEventType.KEY_EXPORTED);
            assertThat(exports.size(), is(1));
            assertThat(exports.get(0).text("user"), is("admin"));
            assertThat(exports.get(0).text("keyId"), is(JournalKeyFile.keyId(key)));

            // the page names the key's id and the directory, never the key
            String page = get(j, "admin", AuditJournalLink.URL_NAME + "/").getContentAsString();
            assertThat(page, containsString(JournalKeyFile.keyId(key)));
            assertThat(page, containsString(dir.toString()));
            assertThat(page, containsString("The journal is keyed with Jenkins"));
            assertThat(page, not(containsString(Base64.getEncoder().encodeToString(key))));
        });
    }

    @Test
    public void someoneWhoIsNotAnAdministratorGetsNeitherThePageNorTheKey() throws Throwable {
        sessions.then(j -> {
            secure(j);
            runANotCriticalGate(j, "deploy-wiki");
            WebResponse response = post(j, "alice", AuditJournalLink.URL_NAME + "/verificationKey");
            assertThat(response.getStatusCode(), is(403));
            assertThat(response.getContentAsString(), not(containsString("hmac-sha256:")));
            assertThat(get(j, "alice", AuditJournalLink.URL_NAME + "/").getStatusCode(), is(403));
            assertThat(records(AuditEventType.KEY_EXPORTED).size(), is(0));
        });
    }

    @Test
    public void aGetNeverDownloadsTheKey() throws Throwable {
        sessions.then(j -> {
            secure(j);
            runANotCriticalGate(j, "deploy-wiki");
            WebResponse response = get(j, "admin", AuditJournalLink.URL_NAME + "/verificationKey");
            assertThat(response.getStatusCode(), is(405));
            assertThat(response.getContentAsString(), not(containsString("hmac-sha256:")));
            assertThat(records(AuditEventType.KEY_EXPORTED).size(), is(0));
        });
    }

    @Test
    public void theKeySurvivesARestartAndTheJournalStillVerifies() throws Throwable {
        byte[][] before = new byte[1][];
        sessions.then(j -> {
            secure(j);
            runANotCriticalGate(j, "before-restart");
            before[0] = JournalKeyFile.read(download(j, "before.key"));
        });
        // kept encrypted by Jenkins' confidential store, not in the clear
        File stored = new File(sessions.getHome(), "secrets/" + JournalKey.ID);
        assertThat(stored.isFile(), is(true));
        String storedText = new String(Files.readAllBytes(stored.toPath()), StandardCharsets.ISO_8859_1);
        assertThat(storedText, not(containsString(new String(before[0], StandardCharsets.ISO_8859_1))));
        sessions.then(j -> {
            secure(j);
            runANotCriticalGate(j, "after-restart");
            byte[] after = JournalKeyFile.read(download(j, "after.key"));
            assertThat(after, equalTo(before[0]));
            VerificationResult result = JournalVerifier.verify(CriticalChangeGateConfiguration.get().journalPath(),
                    before[0]);
            assertThat(result.toString(), result.intact(), is(true));
            assertThat(records(AuditEventType.NOT_CRITICAL).size(), is(2));
            assertThat(records(AuditEventType.KEY_EXPORTED).size(), is(2));
        });
    }

    @Test
    public void anUnkeyedJournalLeftFromBeforeIsNeverAppendedToWithTheKey() throws Throwable {
        sessions.then(j -> {
            Path dir = CriticalChangeGateConfiguration.get().journalPath();
            try (AuditJournal old = AuditJournal.open(dir, JournalOptions.defaults())) {
                assertThat(old.lastSeq(), is(1L));
            }
            CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(8080)));
            WorkflowJob p = j.createProject(WorkflowJob.class, "deploy-wiki");
            p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'internal-wiki'", true));
            WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0).get());
            j.assertLogContains("is an unkeyed sha256 chain", b);
            j.assertLogContains("Move that directory aside", b);
            // the old journal is untouched: still one record, still verifiable without a key
            VerificationResult result = JournalVerifier.verify(dir, null);
            assertThat(result.toString(), result.intact(), is(true));
            assertThat(result.records(), is(1L));
        });
    }

    /**
     * A key file Jenkins cannot decrypt (secrets/ restored without its master.key) looks like "no key" to the
     * confidential store; no new key may be made over it, or the old journals' key would be lost for good.
     */
    @Test
    public void aKeyFileThatCannotBeDecryptedIsNeverReplaced() throws Throwable {
        sessions.then(j -> {
            Path keyFile = j.jenkins.getRootDir().toPath().resolve("secrets").resolve(JournalKey.ID);
            Files.createDirectories(keyFile.getParent());
            byte[] undecryptable = new byte[48];
            new SecureRandom().nextBytes(undecryptable);
            Files.write(keyFile, undecryptable);
            assertThat("the store takes it for no key", JournalKey.get().existing(), nullValue());

            CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(8080)));
            WorkflowJob p = j.createProject(WorkflowJob.class, "deploy-wiki");
            p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'internal-wiki'", true));
            WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0).get());
            j.assertLogContains("exists but Jenkins cannot decrypt it", b);
            assertThat("the undecryptable key is still there, untouched", Files.readAllBytes(keyFile),
                    equalTo(undecryptable));
        });
    }

    @Test
    public void aJournalWrittenWithAnotherKeyFailsClosedAndNoKeyIsHandedOut() throws Throwable {
        sessions.then(j -> {
            secure(j);
            Path dir = CriticalChangeGateConfiguration.get().journalPath();
            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            try (AuditJournal old = AuditJournal.open(dir, JournalOptions.builder().key(other).build())) {
                assertThat(old.lastSeq(), is(1L));
            }
            CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(8080)));
            WorkflowJob p = j.createProject(WorkflowJob.class, "deploy-wiki");
            p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: 'internal-wiki'", true));
            // Jenkins has no key yet: it makes none while a keyed journal is in the directory
            WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0).get());
            j.assertLogContains("was written with key id " + JournalKeyFile.keyId(other)
                    + " but Jenkins holds no journal key", b);
            assertThat(JournalKey.get().existing(), nullValue());

            // the download answers 503 with the reason, and sends no key
            WebResponse response = post(j, "admin", AuditJournalLink.URL_NAME + "/verificationKey");
            assertThat(response.getStatusCode(), is(503));
            assertThat(response.getContentAsString(), not(containsString("hmac-sha256:")));
            assertThat(JournalKey.get().existing(), nullValue());

            // Jenkins has a key of its own, not the journal's
            String jenkinsKeyId = JournalKeyFile.keyId(JournalKey.get().getOrCreate());
            b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0).get());
            j.assertLogContains("was written with key id " + JournalKeyFile.keyId(other)
                    + ", not with Jenkins' journal key (key id " + jenkinsKeyId + ")", b);
            String page = get(j, "admin", AuditJournalLink.URL_NAME + "/").getContentAsString();
            assertThat(page, containsString("The journal was written with key id " + JournalKeyFile.keyId(other)));
            assertThat(page, containsString(jenkinsKeyId));

            // the other key's journal is untouched
            VerificationResult result = JournalVerifier.verify(dir, other);
            assertThat(result.toString(), result.intact(), is(true));
            assertThat(result.records(), is(1L));
        });
    }
}
