package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.UnknownSystems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

public class SimulationTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** A clock that moves one second on every reading, so each event has its own time. */
    private static final class Ticking extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant t = now;
            now = now.plus(Duration.ofSeconds(1));
            return t;
        }
    }

    private static Simulation simulation(UnknownSystems unknown) {
        CriticalSystem checkout = CriticalSystem.builder("checkout-service").approvers("leads", "sre")
                .jobs(List.of("retail/checkout/**")).build();
        return new Simulation(new Registry(unknown, List.of(checkout)), IdentityComparison.IGNORING_CASE,
                new Ticking());
    }

    @Test
    public void appliesApprovalsAndRejectionsInOrderAndKeepsTheTrail() {
        Simulation.Result result = simulation(UnknownSystems.ALLOW).run("checkout-service", null, "CHG-9", "carol",
                Set.of("dave"), List.of(
                        Simulation.Action.approve(Person.of("carol", "leads"), null),
                        Simulation.Action.approve(Person.of("erin", "leads"), "fine"),
                        Simulation.Action.reject(Person.of("frank", "sre"), "no rollback plan"),
                        Simulation.Action.approve(Person.of("gina", "sre"), null)));
        assertThat(result.verdict(), is(Simulation.Verdict.REJECTED));
        assertThat(result.events().stream().map(e -> e.type() + "@" + e.at().getEpochSecond() % 60)
                .collect(Collectors.toList()), contains("REQUESTED@0", "APPROVAL_REFUSED@1", "APPROVAL_ACCEPTED@2",
                "REJECTED@3", "APPROVAL_REFUSED@4"));
        assertThat(result.attempts().stream().map(a -> a.refusal().map(Enum::name).orElse("ok"))
                .collect(Collectors.toList()), contains("SELF_APPROVAL", "ok", "ok", "GATE_CLOSED"));
        assertThat(result.state().orElseThrow().request().changeId(), is("CHG-9"));
    }

    @Test
    public void aSystemThatIsNotCriticalPassesWithOneEvent() {
        Simulation.Result result = simulation(UnknownSystems.ALLOW).run("inventory", null, "CHG-9", "carol",
                Set.of(), List.of(Simulation.Action.approve(Person.of("erin", "leads"), null)));
        assertThat(result.verdict(), is(Simulation.Verdict.NOT_CRITICAL));
        assertThat(result.state().isPresent(), is(false));
        assertThat(result.events().stream().map(GateEvent::type).collect(Collectors.toList()),
                contains(GateEvent.Type.PASSED_NOT_CRITICAL));
    }

    @Test
    public void aDeniedLookupOpensNoGate() {
        Simulation.Result result = simulation(UnknownSystems.ALLOW).run("inventory", "retail/checkout/deploy",
                "CHG-9", null, Set.of(), List.of());
        assertThat(result.verdict(), is(Simulation.Verdict.DENIED));
        assertThat(result.events().get(0).type(), is(GateEvent.Type.DENIED));
        assertThat(result.events().get(0).text().orElseThrow(), is(result.resolution().message()));
    }

    @Test
    public void withoutEnoughApprovalsTheGateIsPending() {
        Simulation.Result result = simulation(UnknownSystems.DENY).run("Checkout-Service", null, "CHG-9", null,
                Set.of(), List.of(Simulation.Action.approve(Person.of("erin", "leads"), null)));
        assertThat(result.verdict(), is(Simulation.Verdict.PENDING));
        assertThat(result.approvalsStillNeeded(), is(1));
    }
}
