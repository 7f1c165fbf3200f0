package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.jenkins.plugins.criticalchangegate.attestation.VerificationReport;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AttestationEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectRequest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * An approval given after a restart is attested as one given before it: the subjects the step was given live in
 * program.dat (the execution's {@link SubjectRequest}) and on the gate's record in build.xml, the key ring in the
 * confidential store; the attestation written to build.xml reads back after another restart.
 */
public class GateAttestationRestartJenkinsTest extends AbstractAttestationJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static WorkflowRun firstBuild(JenkinsRule j) {
        return j.jenkins.getItemByFullName("deploy-payments", WorkflowJob.class).getBuildByNumber(1);
    }

    @Test
    public void anApprovalAfterARestartIsAttestedAndTheAttestationSurvivesTheNext() throws Throwable {
        try (GateFixtures.DocumentationSite site = new GateFixtures.DocumentationSite()) {
            String[] gateId = new String[1];
            File[] buildDir = new File[1];
            sessions.then(j -> {
                CriticalChangeGateConfiguration.get()
                        .setRegistry(new InlineRegistry(GateFixtures.registry(site.port())));
                secure(j);
                WorkflowRun b = startAsAlice(j.createProject(WorkflowJob.class, "deploy-payments"),
                        GateAttestationJenkinsTest.appJarScript("CHG-81", site.url("CHG-81")));
                j.waitForMessage("waiting for approval of CHG-81", b);
                gateId[0] = onlyGate(b).getGateId();
                buildDir[0] = b.getRootDir();
            });

            // Jenkins is down: the subjects are in build.xml (the gate's record) and in program.dat (the request)
            String xml = Files.readString(new File(buildDir[0], "build.xml").toPath(), StandardCharsets.UTF_8);
            assertThat(xml, containsString("<subjects>"));
            assertThat(xml, containsString("<" + SubjectEntry.class.getName() + ">"));
            assertThat(xml, containsString("<digest>" + GateAttestationJenkinsTest.APP_JAR_SHA256 + "</digest>"));
            String program = new String(Files.readAllBytes(new File(buildDir[0], "program.dat").toPath()),
                    StandardCharsets.ISO_8859_1);
            assertThat(program, containsString(SubjectRequest.class.getName()));
            assertThat(program, containsString(GateAttestationJenkinsTest.APP_JAR_SHA256));

            String[] envelope = new String[1];
            sessions.then(j -> {
                secure(j);
                WorkflowRun b = firstBuild(j);
                assertThat(b.isBuilding(), is(true));
                assertRedirectsToTheApprovalPage(j, approve(j, "bob", b, gateId[0]), b);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                envelope[0] = archivedEnvelopes(b).get(0);
                j.assertLogContains("attestation=" + envelope[0], b);
                VerificationReport report = verify(envelope[0], downloadPem(j, "outsider", "attestationPub"),
                        GateAttestationJenkinsTest.APP_JAR_SHA256, GateFixtures.PAYMENTS);
                assertThat(report.toString(), report.verified(), is(true));
                assertThat(journaled(AuditEventType.ATTESTED).size(), is(1));
            });

            sessions.then(j -> {
                secure(j);
                WorkflowRun b = firstBuild(j);
                AttestationEntry kept = record(b, gateId[0]).getAttestation();
                assertThat("the attestation read back from build.xml", kept, notNullValue());
                assertThat(kept.getEnvelope(), is(envelope[0]));
                assertThat(kept.getSha256(), is(sha256(envelope[0].getBytes(StandardCharsets.UTF_8))));
                assertThat(record(b, gateId[0]).getDecisionRecord(), notNullValue());
                // the key ring survived both restarts: the same key still verifies it
                VerificationReport report = verify(envelope[0], downloadPem(j, "outsider", "attestationPub"),
                        GateAttestationJenkinsTest.APP_JAR_SHA256, GateFixtures.PAYMENTS);
                assertThat(report.toString(), report.verified(), is(true));
            });
        }
    }
}
