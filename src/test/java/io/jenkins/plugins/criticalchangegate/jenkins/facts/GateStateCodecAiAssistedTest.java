package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.policy.AiAssistedChange;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * A gate held to the stricter rule for AI-assisted changes is kept in build.xml and read back whole: the system's rule
 * (its trailer patterns kept as text, not as {@link java.util.regex.Pattern}, which the codec's filter refuses) and the
 * reason, so that a restarted controller goes on with the stricter requirement.
 */
public class GateStateCodecAiAssistedTest {
    @Test
    public void theStricterRuleAndItsReasonSurviveARestart() throws Exception {
        CriticalSystem system = RegistryParser.parse(String.join("\n",
                "version: 1",
                "unknownSystems: deny",
                "systems:",
                "  - id: payments",
                "    name: Payments",
                "    tier: 1",
                "    owners: [team-payments]",
                "    approvers: [payments-leads, sre, security]",
                "    documentation: {allowedHosts: [wiki.example.com]}",
                "    aiAssisted:",
                "      trailers: [built-in, {key: AI-Tool, value: codegen}]",
                "      require:",
                "        requiredApprovals: 3",
                "        approvers: [payments-leads, security]",
                "        approvalRules: [{group: security, count: 1}]",
                ""), "reg.yaml").systems().get(0);
        AiAssistedChange change = AiAssistedChange.assess(system, List.of(CommitMessage.of("9f2c1e7",
                "Subject\n\nCo-authored-by: Gemini <noreply@google.com>\n")), false);
        GateState state = Gate.open(new GateRequest(change.system(), "CHG-1", "alice", Set.of(), Set.of(),
                Instant.parse("2026-11-26T10:00:00Z"), change.aiAssistance().orElseThrow()),
                IdentityComparison.IGNORING_CASE).state();

        GateState back = GateStateCodec.decode(GateStateCodec.encode(state));

        assertThat(back.request().system(), is(change.system()));
        assertThat(back.request().system().requiredApprovals(), is(3));
        assertThat(back.request().aiAssistance(), is(change.aiAssistance()));
        assertThat(back.events(), is(state.events()));
    }
}
