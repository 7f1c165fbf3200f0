package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.criticalchangegate.attestation.Attestor;
import io.jenkins.plugins.criticalchangegate.attestation.Envelope;
import io.jenkins.plugins.criticalchangegate.attestation.EnvelopeVerifier;
import io.jenkins.plugins.criticalchangegate.attestation.SigningKey;
import io.jenkins.plugins.criticalchangegate.attestation.Statement;
import io.jenkins.plugins.criticalchangegate.attestation.VerificationReport;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Deadline;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStateCodec;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectEntry;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/**
 * The statement Jenkins signs is made from the gate record alone, as build.xml keeps it: the policy's state, the
 * evidence, the decision's journal record and the subjects. Signed here with a fresh key (Jenkins' confidential store
 * needs Jenkins) and verified as a deploy target verifies it.
 */
public class ApprovalAttestorTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String JAR = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    private static GateRecord approvedRecord(List<SubjectEntry> subjects) {
        CriticalSystem checkout = CriticalSystem.builder("checkout-service").name("Checkout")
                .approvers("checkout-leads", "sre").requiredApprovals(2).approvalTimeout(Duration.ofHours(4)).build();
        Gate gate = Gate.open(new GateRequest(checkout, "CHG-1234", "alice", Set.of(), Set.of(), T0),
                IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("bob", "sre"), "fine", T0.plusSeconds(60));
        gate.approve(Person.of("carol", "checkout-leads"), null, T0.plusSeconds(120));
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("requestedUrl", "https://wiki.example.com/CHG-1234");
        evidence.put("finalUrl", "https://wiki.example.com/pages/CHG-1234");
        evidence.put("sha256", "ab".repeat(32));
        evidence.put("fetchedAt", T0.minusSeconds(5).toString());
        return GateRecord.builder("gate-7", "checkout-service").changeId("CHG-1234")
                .requested(T0, Deadline.after(T0, Duration.ofHours(4))).subjects(subjects).build()
                .withEvidence(evidence).withGateState(GateStateCodec.encode(gate.state()))
                .withStatus(GateStatus.APPROVED).withDecisionRecord(42, "cd".repeat(32));
    }

    @Test
    public void theStatementOfARecordVerifiesAndCarriesWhatTheBuildKept() throws Exception {
        GateRecord record = approvedRecord(List.of(SubjectEntry.artifact("app.jar", JAR)));
        Statement statement = ApprovalAttestor.statement(record, "ef".repeat(32),
                "https://ci.example.com/job/deploy/7/").orElseThrow();
        SigningKey key = SigningKey.generate();
        Envelope envelope = new Attestor(key).sign(statement);

        VerificationReport report = EnvelopeVerifier.trusting(List.of(key.publicKey())).subjectSha256(JAR)
                .system("checkout-service").build().verify(envelope);
        assertThat(report.toString(), report.verified(), is(true));

        JsonNode predicate = new ObjectMapper().readTree(envelope.payload()).get("predicate");
        assertThat(predicate.get("changeId").asText(), is("CHG-1234"));
        assertThat(predicate.get("approvals").size(), is(2));
        assertThat(predicate.get("documentation").get("url").asText(), is("https://wiki.example.com/pages/CHG-1234"));
        assertThat(predicate.get("documentation").get("sha256").asText(), is("ab".repeat(32)));
        assertThat(predicate.get("journal").get("seq").asLong(), is(42L));
        assertThat(predicate.get("journal").get("hash").asText(), is("cd".repeat(32)));
        assertThat(predicate.get("buildUrl").asText(), is("https://ci.example.com/job/deploy/7/"));
    }

    @Test
    public void aCommitIsTheSubjectWhenNoArtifactIsNamed() throws Exception {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Statement statement = ApprovalAttestor.statement(approvedRecord(List.of(SubjectEntry.commit(commit))), null,
                null).orElseThrow();
        JsonNode subject = new ObjectMapper().readTree(new Attestor(SigningKey.generate()).sign(statement).payload())
                .get("subject").get(0);
        assertThat(subject.get("digest").get("gitCommit").asText(), is(commit));
    }

    @Test
    public void nothingIsAttestedWithoutASubjectAndNothingButAnApproval() throws Exception {
        assertThat(ApprovalAttestor.statement(approvedRecord(List.of()), null, null), is(Optional.empty()));
        GateRecord pending = GateRecord.builder("gate-8", "checkout-service").changeId("CHG-9")
                .requested(T0, Deadline.after(T0, Duration.ofHours(1)))
                .subjects(List.of(SubjectEntry.artifact("app.jar", JAR))).build();
        assertThat(assertThrows(java.io.IOException.class, () -> ApprovalAttestor.statement(pending, null, null))
                .getMessage(), containsString("no saved state"));
    }

    @Test
    public void documentationIsLeftOutWhenTheEvidenceLacksAField() {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("requestedUrl", "https://wiki.example.com/CHG-1");
        evidence.put("fetchedAt", T0.toString());
        assertThat(ApprovalAttestor.documentation(evidence), is(nullValue()));
    }
}
