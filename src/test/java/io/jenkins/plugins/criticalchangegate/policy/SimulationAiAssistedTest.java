package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.UnknownSystems;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/** {@code simulate} with commit messages and a declaration: the stricter rule, and the request that says why. */
public class SimulationAiAssistedTest {
    private static final List<Simulation.Action> TWO = List.of(
            Simulation.Action.approve(Person.of("erin", "leads"), null),
            Simulation.Action.approve(Person.of("frank", "sre"), null));

    private static Simulation simulation() {
        CriticalSystem checkout = CriticalSystem.builder("checkout-service").approvers("leads", "sre", "security")
                .aiAssisted(AiAssistedRule.builder().requiredApprovals(3).build()).build();
        return new Simulation(new Registry(UnknownSystems.ALLOW, List.of(checkout)), IdentityComparison.IGNORING_CASE,
                Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    public void aChangeWithAnAssistantsTrailerNeedsTheStricterRulesApprovals() {
        Simulation.Result result = simulation().run("checkout-service", null, "CHG-1", "carol", Set.of(), TWO,
                List.of(CommitMessage.of("9f2c1e7", "Speed up\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n")),
                false);
        assertThat(result.verdict(), is(Simulation.Verdict.PENDING));
        assertThat(result.approvalsStillNeeded(), is(1));
        GateRequest request = result.state().orElseThrow().request();
        assertThat(request.system().requiredApprovals(), is(3));
        assertThat(request.aiAssistance().orElseThrow().commit(), is(Optional.of("9f2c1e7")));
        assertThat(result.events().get(0).text().orElseThrow(), containsString("commit 9f2c1e7 has the trailer"
                + " 'Co-authored-by: Cursor Agent <cursoragent@cursor.com>'"));
    }

    @Test
    public void withoutAssistanceTheSystemsOwnRuleDecides() {
        Simulation.Result result = simulation().run("checkout-service", null, "CHG-1", "carol", Set.of(), TWO);
        assertThat(result.verdict(), is(Simulation.Verdict.APPROVED));
        assertThat(result.state().orElseThrow().request().aiAssistance(), is(Optional.empty()));
    }

    @Test
    public void aDeclaredChangeNeedsTheStricterRulesApprovals() {
        Simulation.Result result = simulation().run("checkout-service", null, "CHG-1", "carol", Set.of(), TWO,
                List.of(), true);
        assertThat(result.verdict(), is(Simulation.Verdict.PENDING));
        assertThat(result.state().orElseThrow().request().aiAssistance().orElseThrow().reason(),
                is(AiAssistance.Reason.DECLARED));
    }
}
