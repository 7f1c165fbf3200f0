package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.release.BuildGate;
import io.jenkins.plugins.criticalchangegate.release.GateStanding;
import java.time.Instant;
import java.util.Optional;
import org.junit.Test;

/** Every GateStatus has its GateStanding, and an approved gate's decision time is its PASSED entry's. */
public class BuildGateFactsTest {
    @Test
    public void everyStatusHasTheStandingOfTheSameName() {
        for (GateStatus status : GateStatus.values()) {
            assertThat(BuildGateFacts.standing(status).name(), is(status.name()));
        }
        assertThat(GateStanding.values().length, is(GateStatus.values().length));
    }

    @Test
    public void theDecisionTimeIsThePassedEntrys() {
        Instant requested = Instant.parse("2026-12-01T09:00:00Z");
        Instant passed = Instant.parse("2026-12-01T09:30:00Z");
        GateRecord record = GateRecord.builder("g1", "checkout-service").build()
                .with(TrailEntry.of(TrailEntry.Kind.REQUESTED, requested, "carol", null))
                .with(TrailEntry.of(TrailEntry.Kind.PASSED, passed, null, null))
                .withStatus(GateStatus.APPROVED);
        BuildGate gate = BuildGateFacts.of(record);
        assertThat(gate.gateId(), is("g1"));
        assertThat(gate.system(), is("checkout-service"));
        assertThat(gate.standing(), is(GateStanding.APPROVED));
        assertThat(gate.decidedAt(), is(Optional.of(passed)));
        assertThat(gate.emergency(), is(false));
        GateRecord pending = GateRecord.builder("g2", "checkout-service").build()
                .with(TrailEntry.of(TrailEntry.Kind.REQUESTED, requested, "carol", null));
        assertThat(BuildGateFacts.of(pending).decidedAt(), is(Optional.empty()));
    }
}
