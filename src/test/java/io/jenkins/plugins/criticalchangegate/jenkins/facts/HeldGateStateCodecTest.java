package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Outcome;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/**
 * The gate states of the time rules (a held gate, with its overlays and closed periods) pass the codec's allowlist
 * into build.xml and back; and a state saved before time rules existed still loads and decides as it did.
 */
public class HeldGateStateCodecTest {
    private static final String REGISTRY = String.join("\n",
            "version: 1",
            "unknownSystems: deny",
            "defaults:",
            "  documentation: {allowedHosts: [wiki.example.com]}",
            "systems:",
            "  - {id: checkout-service, name: Checkout, tier: 1, owners: [t], approvers: [checkout-leads, sre-oncall],"
                    + " approvalTimeout: 7d}",
            "overlays:",
            "  - {name: reset, start: 2026-12-01, end: 2027-03-01, zone: Europe/Berlin, systems: all,"
                    + " tighten: {approvalTimeout: 5d}}",
            "freezes:",
            "  - {name: christmas, start: 2026-12-24, end: 2026-12-27, zone: Europe/Berlin, systems: all, mode: hold}",
            "windows:",
            "  - {days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:00\", zone: Europe/Berlin, systems: all}",
            "");

    @Test
    public void aHeldGateWithItsClosedPeriodsPassesTheCodecAndDecidesAfterARestart() throws Exception {
        Registry registry = RegistryParser.parse(REGISTRY, "critical.yaml");
        CriticalSystem checkout = registry.systems().get(0);
        Instant requested = Instant.parse("2026-12-24T10:00:00Z");
        Gate gate = Gate.open(new GateRequest(registry.timeRules().at(checkout, requested), "CHG-1", "carol",
                Set.of(), Set.of()), IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("erin", "checkout-leads"), null, requested.plusSeconds(60));
        gate.approve(Person.of("frank", "sre-oncall"), null, requested.plusSeconds(120));
        assertThat(gate.outcome(), is(Outcome.HELD));

        Gate restored = Gate.restore(GateStateCodec.decode(GateStateCodec.encode(gate.state())),
                IdentityComparison.IGNORING_CASE);
        assertThat(restored.outcome(), is(Outcome.HELD));
        assertThat(restored.state().request().overlays(), contains("reset"));
        assertThat(restored.state().request().closedPeriods(), is(gate.state().request().closedPeriods()));
        // christmas ends on Sunday: the system opens on Monday 28 December, 09:00 CET
        Instant monday = Instant.parse("2026-12-28T08:00:00Z");
        assertThat(restored.releaseAt(), is(Optional.of(monday)));
        assertThat(restored.nextChangeAt(), is(Optional.of(monday)));
        assertThat(restored.advance(monday).get(0).type().name(), is("APPROVED"));
        assertThat(Trail.status(restored.outcome()), is(GateStatus.APPROVED));
    }

    @Test
    public void aStateSavedBeforeTimeRulesExistedLoadsAndDecidesAsBefore() throws IOException {
        String saved;
        try (InputStream in = HeldGateStateCodecTest.class.getResourceAsStream("gate-state-before-time-rules.b64")) {
            saved = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        // written by the plugin at 17fab01: a pending gate of checkout-service (2 of checkout-leads, sre-oncall),
        // requested 2026-11-26T10:00Z with a 24h timeout, approved once by erin
        Gate gate = Gate.restore(GateStateCodec.decode(saved), IdentityComparison.IGNORING_CASE);
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.state().request().overlays(), is(empty()));
        assertThat(gate.state().request().closedPeriods(), is(empty()));
        assertThat(gate.nextChangeAt(), is(Optional.of(Instant.parse("2026-11-27T10:00:00Z"))));
        assertThat(gate.approvalsStillNeeded(), is(1));
        assertThat(gate.approve(Person.of("frank", "sre-oncall"), null, Instant.parse("2026-11-26T12:00:00Z"))
                .decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
    }
}
