package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.policy.AiAssistedChange;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** GATE_REQUESTED says why a gate was held to the stricter rule for AI-assisted changes (docs/audit.md). */
public class AiAssistedRecordTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static GateRequest request(List<CommitMessage> commits, boolean declared) {
        CriticalSystem system = CriticalSystem.builder("payments").approvers("leads", "sre", "security")
                .aiAssisted(AiAssistedRule.builder().requiredApprovals(3).build()).build();
        AiAssistedChange change = AiAssistedChange.assess(system, commits, declared);
        return new GateRequest(change.system(), "CHG-1", "alice", Set.of(), Set.of(), T0,
                change.aiAssistance().orElse(null));
    }

    private static AuditEvent requested() {
        return AuditEvent.gateRequested("deploy", 12, "payments", "CHG-1", "9f2c1e7", "alice");
    }

    @Test
    public void aTrailerIsRecordedWithItsCommitAndPattern() throws Exception {
        AuditEvent event = AiAssistedRecord.addTo(requested(), request(List.of(CommitMessage.of("9f2c1e7",
                "Subject\n\nAssisted-by: Kiro\n")), true));
        assertThat(event.fields().get("aiAssisted"), is(Map.of("reason", "trailer", "declared", true, "commit",
                "9f2c1e7", "trailer", "Assisted-by: Kiro", "pattern", "Assisted-by (built-in)")));
        // and the journal writes it (no null members, a valid record)
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().build())) {
            journal.appendAll(List.of(event));
        }
        assertThat(JournalVerifier.verify(dir, null).intact(), is(true));
    }

    @Test
    public void aDeclarationIsRecordedWithoutTheMembersThatDoNotApply() {
        AuditEvent event = AiAssistedRecord.addTo(requested(), request(List.of(), true));
        assertThat(event.fields().get("aiAssisted"), is(Map.of("reason", "declared", "declared", true)));
    }

    @Test
    public void aGateHeldToItsOwnRuleHasNoSuchMember() {
        AuditEvent requested = requested();
        AuditEvent event = AiAssistedRecord.addTo(requested, request(List.of(), false));
        assertThat(event, is(sameInstance(requested)));
        assertThat(event.fields(), not(hasKey("aiAssisted")));
    }

    @Test
    public void onlyTheRequestCarriesIt() {
        assertThrows(IllegalArgumentException.class, () -> AiAssistedRecord.addTo(AuditEvent.notCritical("deploy",
                12, "payments", "CHG-1", "alice"), request(List.of(), true)));
    }
}
