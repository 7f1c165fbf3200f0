package io.jenkins.plugins.criticalchangegate.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The statement of an approved gate: what the predicate records, and that nothing else is attested. */
public class ApprovalAttestationTest {
    @Test
    public void recordsTheGateTheApprovalsAndWhereTheDecisionIs() throws Exception {
        Statement statement = Statement.parse(Fixtures.statement().toJson());
        Map<String, Object> p = statement.predicate();
        assertThat(statement.predicateType(), is("https://github.com/jenkinsci/critical-change-gate-plugin/approval/v1"));
        assertThat(p.get("system"), is("checkout-service"));
        assertThat(p.get("changeId"), is("CHG-1"));
        assertThat(p.get("outcome"), is("APPROVED"));
        assertThat(p.get("startedBy"), is("carol"));
        assertThat(p.get("requestedAt"), is("2026-11-26T10:00:00Z"));
        assertThat(p.get("decidedAt"), is("2026-11-26T10:02:00Z"));
        assertThat(p.get("registryVersion"), is("ab".repeat(32)));
        assertThat(p.get("buildUrl"), is("https://ci.example/job/deploy/7/"));
        assertThat(p.get("journal"), equalTo(Map.of("seq", 12, "hash", "cd".repeat(32))));
        assertThat(p.get("documentation"), nullValue());
        Map<?, ?> requirement = (Map<?, ?>) p.get("requirement");
        assertThat((String) requirement.get("text"), containsString("2 approval(s) from: group checkout-leads"));
        assertThat(requirement.get("approvalsNeeded"), is(2));
        List<?> approvals = (List<?>) p.get("approvals");
        assertThat(approvals.size(), is(2));
        assertThat((Map<String, Object>) approvals.get(0), hasEntry("user", "erin"));
        assertThat((Map<String, Object>) approvals.get(0), hasEntry("group", "checkout-leads"));
        assertThat((Map<String, Object>) approvals.get(0), hasEntry("comment", "looks good"));
        assertThat((Map<String, Object>) approvals.get(1), hasEntry("at", "2026-11-26T10:02:00Z"));
        List<?> refused = (List<?>) p.get("refused");
        assertThat((Map<String, Object>) refused.get(0), hasEntry("user", "carol"));
        assertThat((Map<String, Object>) refused.get(0), hasEntry("reason", "SELF_APPROVAL"));
        assertThat(p.get("uncountedRefusals"), is(0));
    }

    @Test
    public void commitsAreSubjectsWhenNoArtifactsAreGiven() {
        GateState state = Fixtures.approved();
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Statement statement = ApprovalAttestation.of(state, null, null, null, null,
                List.of(Subject.gitCommit(commit.toUpperCase(java.util.Locale.ROOT))), state.decision().get().at());
        assertThat(statement.subjects().get(0).digest(), equalTo(Map.of("gitCommit", commit)));
        assertThrows(IllegalArgumentException.class, () -> Subject.gitCommit("0123abc"));
    }

    @Test
    public void onlyAnApprovedGateIsAttested() {
        Gate pending = Fixtures.gate();
        pending.approve(Person.of("erin", "checkout-leads"), null, Fixtures.T0.plusSeconds(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApprovalAttestation.of(
                pending.state(), null, null, null, null, List.of(Subject.sha256("a", Fixtures.APP_SHA256)),
                Fixtures.T0));
        assertThat(e.getMessage(), is("only an APPROVED gate is attested; this one is PENDING"));
        Gate rejected = Fixtures.gate();
        rejected.reject(Person.of("frank", "sre-oncall"), "not tested", Fixtures.T0.plusSeconds(5));
        assertThrows(IllegalArgumentException.class, () -> ApprovalAttestation.of(rejected.state(), null, null, null,
                null, List.of(Subject.sha256("a", Fixtures.APP_SHA256)), Fixtures.T0));
    }

    @Test
    public void aStatementNeedsASubject() {
        GateState state = Fixtures.approved();
        assertThrows(IllegalArgumentException.class,
                () -> ApprovalAttestation.of(state, null, null, null, null, List.of(), Fixtures.T0));
        assertThrows(IllegalArgumentException.class, () -> Subject.sha256("app.jar", "abc"));
    }

    @Test
    public void theJournalRecordsTheEnvelopesDigest() throws Exception {
        SigningKey key = SigningKey.generate();
        Envelope envelope = new Attestor(key).sign(Fixtures.statement());
        AuditEvent event = AttestationRecord.attested("deploy", 7, "checkout-service", "CHG-1", envelope,
                key.keyId());
        assertThat(event.type(), is(AuditEventType.ATTESTED));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(envelope.toJson()));
        assertThat(event.fields(), hasEntry("envelopeSha256", digest));
        assertThat(event.fields(), hasEntry("keyId", key.keyId()));
        assertThat((List<?>) event.fields().get("subjects"), contains(Map.of("name", "app.jar", "sha256",
                Fixtures.APP_SHA256)));
    }
}
