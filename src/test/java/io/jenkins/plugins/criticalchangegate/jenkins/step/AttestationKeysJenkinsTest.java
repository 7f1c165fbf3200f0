package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.attestation.Check;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationKey;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationReport;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.attestation.AttestationKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The attestation public keys page ({@code /critical-change-gate-attestation/}: anyone with Overall/Read, nobody
 * without) and the rotation of the signing key from the audit page (administrators, by POST, journaled first): the
 * retired key stays listed with the time it stopped signing, and what it signed still verifies with {@code keysPem}.
 * outsider may only see Jenkins (Overall/Read); admin administers it; anonymous may do nothing (see secure()).
 */
public class AttestationKeysJenkinsTest extends AbstractAttestationJenkinsTest {
    private static final String ROTATE = AUDIT_PAGE + "rotateAttestationKey";

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

    @Test
    public void thePublicKeyIsForAnyoneWithOverallReadAndNobodyWithout() throws Exception {
        WebResponse page = get(j, "outsider", KEYS_PAGE);
        assertThat(page.getContentAsString(), page.getStatusCode(), is(200));
        String keyId = AttestationKeys.currentKeyId(); // made by the page's first view
        assertThat(page.getContentAsString(), containsString(keyId));
        assertThat(page.getContentAsString(), containsString("(current)"));
        assertThat(page.getContentAsString(), containsString("-----BEGIN PUBLIC KEY-----"));
        assertThat(page.getContentAsString(), not(containsString("PRIVATE KEY")));

        String pub = downloadPem(j, "outsider", "attestationPub");
        assertThat(VerificationKey.parse(pub, "attestationPub").keyId(), is(keyId));
        assertThat(get(j, "outsider", KEYS_PAGE + "attestationPub").getResponseHeaderValue("Content-Disposition"),
                is("attachment; filename=\"attestation-" + keyId + ".pub\""));
        List<VerificationKey> all = VerificationKey.parseAll(downloadPem(j, "outsider", "keysPem"), "keysPem");
        assertThat(all.size(), is(1));
        assertThat(all.get(0).keyId(), is(keyId));

        WebResponse json = get(j, "outsider", KEYS_PAGE + "keysJson");
        assertThat(json.getStatusCode(), is(200));
        assertThat(json.getContentType(), is("application/json"));
        assertThat(json.getContentAsString(), containsString("\"current\":\"" + keyId + "\""));
        assertThat(json.getContentAsString(), containsString("\"algorithm\":\"Ed25519\""));

        // anonymous has not even Overall/Read: Jenkins.getTarget() refuses before the action is reached
        for (String path : List.of(KEYS_PAGE, KEYS_PAGE + "attestationPub", KEYS_PAGE + "keysPem",
                KEYS_PAGE + "keysJson")) {
            WebResponse refused = get(j, null, path);
            assertThat(path, refused.getStatusCode(), anyOf(is(403), is(302)));
            assertThat(path, refused.getContentAsString(), not(containsString("BEGIN PUBLIC KEY")));
            assertThat(path, refused.getContentAsString(), not(containsString(keyId)));
        }
    }

    /**
     * After a rotation the old key is listed with the time it stopped signing; an envelope it signed before still
     * verifies with {@code keysPem} (every key), no longer with {@code attestationPub} (the new key only); the journal
     * says who rotated which key to which; the audit page shows the new key id.
     */
    @Test
    public void afterARotationTheOldKeyStaysListedAndWhatItSignedStillVerifies() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy-payments"),
                GateAttestationJenkinsTest.appJarScript("CHG-80", site.url("CHG-80")));
        j.waitForMessage("waiting for approval of CHG-80", b);
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, onlyGate(b).getGateId()), b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        String envelope = archivedEnvelopes(b).get(0);
        String oldKeyId = AttestationKeys.currentKeyId();

        WebResponse rotated = post(j, "admin", ROTATE);
        assertThat(rotated.getContentAsString(), rotated.getStatusCode(), is(302));
        String newKeyId = AttestationKeys.currentKeyId();
        assertThat(newKeyId, not(is(oldKeyId)));

        List<JournalRecord> rotations = journaled(AuditEventType.ATTESTATION_KEY_ROTATED);
        assertThat(rotations.size(), is(1));
        assertThat(rotations.get(0).text("user"), is("admin"));
        assertThat(rotations.get(0).text("oldKeyId"), is(oldKeyId));
        assertThat(rotations.get(0).text("newKeyId"), is(newKeyId));

        String keysPem = downloadPem(j, "outsider", "keysPem");
        assertThat(keysPem, containsString("# keyid " + newKeyId + " valid from "));
        assertThat(keysPem, containsString(" (current)"));
        assertThat("the retired key is listed with the end of its validity", keysPem.matches(
                "(?s).*# keyid " + oldKeyId + " valid from \\S+ until \\d{4}-\\d\\d-\\d\\dT\\S+Z\n.*"), is(true));
        VerificationReport withAll = verify(envelope, keysPem, GateAttestationJenkinsTest.APP_JAR_SHA256,
                GateFixtures.PAYMENTS);
        assertThat(withAll.toString(), withAll.verified(), is(true));
        VerificationReport withNew = verify(envelope, downloadPem(j, "outsider", "attestationPub"),
                GateAttestationJenkinsTest.APP_JAR_SHA256, GateFixtures.PAYMENTS);
        assertThat(withNew.toString(), withNew.failed(Check.SIGNATURE), is(true));

        String listing = get(j, "outsider", KEYS_PAGE).getContentAsString();
        assertThat(listing, containsString(oldKeyId));
        assertThat(listing, containsString(newKeyId));
        String audit = get(j, "admin", AUDIT_PAGE).getContentAsString();
        assertThat(audit, containsString(newKeyId));
        assertThat(audit, containsString("Rotate attestation key"));
    }

    @Test
    public void onlyAnAdministratorRotatesAndOnlyByPost() throws Exception {
        String keyId = keyIdMadeByTheKeysPage();
        assertThat(post(j, "outsider", ROTATE).getStatusCode(), is(403));
        assertThat(post(j, "alice", ROTATE).getStatusCode(), is(403));
        // @RequirePOST: a GET (a link, an image) is answered 405 and rotates nothing
        assertThat(get(j, "admin", ROTATE).getStatusCode(), is(405));
        assertThat(AttestationKeys.currentKeyId(), is(keyId));
        assertThat(journaled(AuditEventType.ATTESTATION_KEY_ROTATED), is(empty()));
    }

    /** No record, no rotation: when the journal cannot record it, the key that signs stays the same. */
    @Test
    public void aRotationTheJournalCannotRecordDoesNotHappen() throws Exception {
        String keyId = keyIdMadeByTheKeysPage();
        File notADirectory = tmp.newFile("journal-is-a-file");
        Files.writeString(notADirectory.toPath(), "not a directory", StandardCharsets.UTF_8);
        CriticalChangeGateConfiguration.get().setJournalDirectory(notADirectory.getAbsolutePath());
        WebResponse refused = post(j, "admin", ROTATE);
        assertPlainRefusal(refused, 503, "The attestation key was not rotated");
        assertThat(AttestationKeys.currentKeyId(), is(keyId));
        assertThat(downloadPem(j, "outsider", "keysPem"), not(containsString(" until ")));
    }

    /**
     * A ring stored under another master.key (random bytes here, as an undecryptable file is to Jenkins): nothing is
     * signed, an approval naming an artifact fails its step, the page says why instead of an error page, and the file
     * is never replaced by a new key.
     */
    @Test
    public void aRingThatCannotBeDecryptedFailsClosedAndIsNeverReplaced() throws Exception {
        File secrets = new File(j.jenkins.getRootDir(), "secrets");
        Files.createDirectories(secrets.toPath());
        File ring = new File(secrets, "io.jenkins.plugins.criticalchangegate.attestation-keys");
        byte[] garbage = new byte[64];
        new SecureRandom().nextBytes(garbage);
        Files.write(ring.toPath(), garbage);

        WebResponse page = get(j, "outsider", KEYS_PAGE);
        assertThat(page.getContentAsString(), page.getStatusCode(), is(200));
        assertThat(page.getContentAsString(), containsString("The attestation keys cannot be read"));
        assertThat(page.getContentAsString(), not(containsString("BEGIN PUBLIC KEY")));
        assertPlainRefusal(get(j, "outsider", KEYS_PAGE + "attestationPub"), 503,
                "The attestation keys cannot be read");

        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy-payments"),
                GateAttestationJenkinsTest.appJarScript("CHG-82", site.url("CHG-82")));
        j.waitForMessage("waiting for approval of CHG-82", b);
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, onlyGate(b).getGateId()), b);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("CHG-82 was APPROVED for payments-api but the approval could not be attested", b);
        j.assertLogNotContains("outcome=APPROVED", b);
        assertThat(archivedAny(b), is(false));
        assertThat(journaled(AuditEventType.ATTESTED), is(empty()));

        assertThat(post(j, "admin", ROTATE).getStatusCode(), is(503));
        assertThat("the stored ring is never replaced", Files.readAllBytes(ring.toPath()), is(garbage));
    }

    private String keyIdMadeByTheKeysPage() throws Exception {
        assertThat(get(j, "outsider", KEYS_PAGE).getStatusCode(), is(200));
        return AttestationKeys.currentKeyId();
    }
}
