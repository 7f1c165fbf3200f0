package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.Result;
import io.jenkins.plugins.criticalchangegate.attestation.Subject;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationKey;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationReport;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AttestationEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Issue 15 in a real Jenkins: an approved gate archives {@code critical-change-approval.intoto.jsonl}, whose envelope
 * a deploy target verifies with nothing but the public key Jenkins serves, returns it as {@code gate.attestation}
 * and journals its digest (ATTESTED); a rejected gate attests nothing; {@code subjectFiles} hashes workspace files.
 * payments-api needs one approval from sre: alice (sre) starts the builds, bob (sre) approves, dave (sre) rejects.
 */
public class GateAttestationJenkinsTest extends AbstractAttestationJenkinsTest {
    /** The SHA-256 the pipeline names for app.jar (any 64 hex digits: the gate attests what it is told). */
    static final String APP_JAR_SHA256 = sha256("app.jar as built by the pipeline");

    @Rule
    public JenkinsRule j = new JenkinsRule();

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

    /** A pipeline gating app.jar for payments-api, echoing what the step returned. */
    static String appJarScript(String change, String documentationUrl) {
        return "def gate = criticalChangeGate(system: 'payments-api', changeId: '" + change + "',\n"
                + "    documentationUrl: '" + documentationUrl + "',\n"
                + "    subjects: [[name: 'app.jar', sha256: '" + APP_JAR_SHA256 + "']])\n"
                + "echo \"outcome=${gate.outcome}\"\n"
                + "echo \"attestation=${gate.attestation}\"\n";
    }

    @Test
    public void anApprovedGateArchivesAnEnvelopeThatVerifiesWithThePublicKeyJenkinsServes() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy-payments"),
                appJarScript("CHG-77", site.url("CHG-77")));
        j.waitForMessage("waiting for approval of CHG-77", b);
        String gateId = onlyGate(b).getGateId();
        assertThat("nothing is archived before the approval", archivedAny(b), is(false));
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gateId), b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("outcome=APPROVED", b);

        List<String> lines = archivedEnvelopes(b);
        assertThat(lines.size(), is(1));
        String envelope = lines.get(0);

        // what a deploy target does: download the public key (Overall/Read is enough), verify the envelope with it
        String pem = downloadPem(j, "outsider", "attestationPub");
        VerificationReport report = verify(envelope, pem, APP_JAR_SHA256, GateFixtures.PAYMENTS);
        assertThat(report.toString(), report.verified(), is(true));
        List<String> subjects = new ArrayList<>();
        for (Subject s : report.statement().orElseThrow().subjects()) {
            subjects.add(s.name() + " " + s.digest());
        }
        assertThat(subjects, contains("app.jar {sha256=" + APP_JAR_SHA256 + "}"));

        // gate.attestation is the archived line, and the build keeps it on the gate's record
        j.assertLogContains("attestation=" + envelope, b);
        AttestationEntry kept = record(b, gateId).getAttestation();
        assertThat(kept, notNullValue());
        assertThat(kept.getEnvelope(), is(envelope));
        String keyId = VerificationKey.parse(pem, "attestationPub").keyId();
        assertThat(kept.getKeyId(), is(keyId));

        // the journal's ATTESTED record names this very envelope, by the SHA-256 of its line
        List<JournalRecord> attested = journaled(AuditEventType.ATTESTED);
        assertThat(attested.size(), is(1));
        assertThat(attested.get(0).text("envelopeSha256"), is(sha256(envelope.getBytes(StandardCharsets.UTF_8))));
        assertThat(attested.get(0).text("keyId"), is(keyId));
        assertThat(attested.get(0).text("gateId"), is(gateId));
        assertThat(attested.get(0).text("changeId"), is("CHG-77"));
        j.assertLogContains("approval attested: critical-change-approval.intoto.jsonl (envelope sha256 "
                + kept.getSha256(), b);
    }

    @Test
    public void aRejectedGateArchivesNothingAndJournalsNoAttestation() throws Exception {
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy-payments"),
                appJarScript("CHG-78", site.url("CHG-78")));
        j.waitForMessage("waiting for approval of CHG-78", b);
        String gateId = onlyGate(b).getGateId();
        assertRedirectsToTheApprovalPage(j, reject(j, "dave", b, gateId, "not this week"), b);
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));

        assertThat(archivedAny(b), is(false));
        assertThat(record(b, gateId).getAttestation(), nullValue());
        assertThat(journaled(AuditEventType.ATTESTED), is(empty()));
        assertThat("the rejection itself is journaled", journaled(AuditEventType.REJECTED).size(), is(1));
        j.assertLogNotContains("approval attested", b);
        j.assertLogNotContains("attestation=", b);
    }

    /**
     * {@code subjectFiles} inside {@code node {}}: the workspace file the glob matches is hashed when the gate is
     * requested, named by its path in the workspace, and the attestation is about exactly those bytes. The text is
     * ASCII, so its bytes are the same in whatever charset writeFile uses.
     */
    @Test
    public void subjectFilesHashesTheWorkspaceFileTheGlobMatches() throws Exception {
        String content = "the bytes that are deployed, version 2.3.1";
        WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy-payments"),
                "node {\n"
                + "  writeFile file: 'target/app.jar', text: '" + content + "'\n"
                + "  writeFile file: 'target/notes.txt', text: 'not deployed'\n"
                + "  def gate = criticalChangeGate(system: 'payments-api', changeId: 'CHG-79',\n"
                + "      documentationUrl: '" + site.url("CHG-79") + "', subjectFiles: 'target/*.jar')\n"
                + "  echo \"outcome=${gate.outcome}\"\n"
                + "}\n");
        j.waitForMessage("waiting for approval of CHG-79", b);
        String expected = sha256(content);
        j.assertLogContains("subject target/app.jar sha256:" + expected, b);
        assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, onlyGate(b).getGateId()), b);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        List<String> lines = archivedEnvelopes(b);
        assertThat(lines.size(), is(1));
        VerificationReport report = verify(lines.get(0), downloadPem(j, "alice", "attestationPub"), expected,
                GateFixtures.PAYMENTS);
        assertThat(report.toString(), report.verified(), is(true));
        List<String> subjects = new ArrayList<>();
        for (Subject s : report.statement().orElseThrow().subjects()) {
            subjects.add(s.name() + " " + s.digest());
        }
        assertThat("only the file the glob matches", subjects, contains("target/app.jar {sha256=" + expected + "}"));

        // the request journaled the same subject before anyone approved
        List<JournalRecord> requested = journaled(AuditEventType.GATE_REQUESTED);
        assertThat(requested.size(), is(1));
        assertThat(requested.get(0).fields().get("subjects"),
                is(List.of(Map.of("name", "target/app.jar", "sha256", expected))));
    }
}
