package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.TimedRequirement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Gates under the registry's time rules (docs/registry.md, "Time rules"): overlays shape the policy a gate takes,
 * a freeze in mode deny refuses it, and a closed system (a freeze, or outside its deployment windows) holds its
 * decision until it opens again, within the deadline.
 */
public class HeldGateTest {
    /** christmas: 2026-12-23T23:00Z to 2026-12-26T23:00Z; new-year: 2026-12-30T23:00Z to 2027-01-01T23:00Z. */
    private static final String REGISTRY = String.join("\n",
            "version: 1",
            "unknownSystems: deny",
            "defaults:",
            "  documentation: {allowedHosts: [wiki.example.com]}",
            "systems:",
            "  - {id: checkout-service, name: Checkout, tier: 1, owners: [t], approvers: [checkout-leads, sre-oncall],"
                    + " approvalTimeout: 7d}",
            "  - {id: payments-ledger, name: Payments, tier: 1, owners: [t], approvers: [payments-leads, sre-oncall],"
                    + " approvalTimeout: 72h}",
            "  - {id: search-frontend, name: Search, tier: 2, owners: [t], approvers: [search-team, sre-oncall],"
                    + " approvalTimeout: 24h}",
            "overlays:",
            "  - {name: reset, start: 2026-03-02, end: 2026-05-31, zone: Europe/Berlin,"
                    + " systems: {ids: [checkout-service]}, tighten: {requiredApprovals: 3}}",
            "freezes:",
            "  - {name: christmas, start: 2026-12-24, end: 2026-12-27, zone: Europe/Berlin, systems: all, mode: hold}",
            "  - {name: new-year, start: 2026-12-31, end: 2027-01-02, zone: Europe/Berlin, systems: all, mode: deny}",
            "windows:",
            "  - {name: business-hours, days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:00\","
                    + " zone: Europe/Berlin, systems: {ids: [payments-ledger]}}",
            "");
    private static final Instant CHRISTMAS_START = utc("2026-12-23T23:00:00Z");
    private static final Instant CHRISTMAS_END = utc("2026-12-26T23:00:00Z");

    private static Registry registry;

    @BeforeClass
    public static void parseRegistry() throws Exception {
        registry = RegistryParser.parse(REGISTRY, "critical.yaml");
    }

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    private static TimedRequirement at(String system, String instant) {
        CriticalSystem listed = registry.resolve(system, null).system().orElseThrow();
        return registry.timeRules().at(listed, utc(instant));
    }

    private static Gate gate(String system, String instant) {
        return Gate.open(new GateRequest(at(system, instant), "CHG-1", "carol", Set.of(), Set.of()),
                IdentityComparison.IGNORING_CASE);
    }

    private static List<String> types(List<GateEvent> events) {
        return events.stream().map(e -> e.type() + "@" + e.at()).collect(Collectors.toList());
    }

    @Test
    public void aGateRequestedInAHoldFreezeCollectsApprovalsAndIsApprovedWhenTheFreezeEnds() {
        Gate gate = gate("checkout-service", "2026-12-24T10:00:00Z");
        assertThat(gate.outcome(), is(Outcome.HELD));
        assertThat(types(gate.state().events()), contains("REQUESTED@2026-12-24T10:00:00Z",
                "HELD@2026-12-24T10:00:00Z"));
        assertThat(gate.state().events().get(1).text().orElseThrow(), is("held: the system is closed (freeze"
                + " 'christmas') until 2026-12-26T23:00:00Z; it decides then: APPROVED if its approvals are complete"));
        assertThat(gate.releaseAt(), is(Optional.of(CHRISTMAS_END)));
        assertThat(gate.nextChangeAt(), is(Optional.of(CHRISTMAS_END)));

        Attempt first = gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        assertThat(first.accepted(), is(true));
        Attempt second = gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T12:00:00Z"));
        assertThat(second.accepted(), is(true));
        assertThat("complete, but held", second.decisive(), is(false));
        assertThat(second.message(), containsString("completes the quorum; the gate is held until"
                + " 2026-12-26T23:00:00Z and decides then"));
        assertThat(gate.outcome(), is(Outcome.HELD));
        assertThat(gate.approvalsStillNeeded(), is(0));
        Attempt third = gate.approve(Person.of("gina", "checkout-leads"), null, utc("2026-12-24T13:00:00Z"));
        assertThat(third.refusal(), is(Optional.of(RefusalReason.QUORUM_MET)));

        assertThat(gate.advance(CHRISTMAS_END.minusSeconds(1)), is(empty()));
        List<GateEvent> released = gate.advance(utc("2026-12-27T05:00:00Z"));
        assertThat("decided at the freeze's end, not when the timer fired", types(released),
                contains("APPROVED@2026-12-26T23:00:00Z"));
        assertThat(released.get(0).text().orElseThrow(), containsString("erin (checkout-leads), frank (sre-oncall);"
                + " released when the system opened again after freeze 'christmas'"));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
        assertThat(gate.nextChangeAt(), is(Optional.empty()));
        assertThat(gate.advance(utc("2026-12-28T00:00:00Z")), is(empty()));
    }

    @Test
    public void heldWithoutItsApprovalsAGateWaitsForThemAfterTheFreeze() {
        Gate gate = gate("checkout-service", "2026-12-24T10:00:00Z");
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        assertThat(types(gate.advance(utc("2026-12-27T08:00:00Z"))), contains("RELEASED@2026-12-26T23:00:00Z"));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        Attempt second = gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-27T09:00:00Z"));
        assertThat(second.decisive(), is(true));
        assertThat(types(second.events()), contains("APPROVAL_ACCEPTED@2026-12-27T09:00:00Z",
                "APPROVED@2026-12-27T09:00:00Z"));
    }

    @Test
    public void anAttemptAfterTheFreezeEndedFindsTheGateDecidedAtTheEnd() {
        Gate gate = gate("checkout-service", "2026-12-24T10:00:00Z");
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T12:00:00Z"));
        // no timer fired: the next attempt applies what was due first, at the instant it was due
        Attempt late = gate.reject(Person.of("gina", "checkout-leads"), "too late", utc("2026-12-27T10:00:00Z"));
        assertThat(late.refusal(), is(Optional.of(RefusalReason.GATE_CLOSED)));
        assertThat(types(late.events()), contains("APPROVED@2026-12-26T23:00:00Z",
                "REJECTION_REFUSED@2026-12-27T10:00:00Z"));
        assertThat(late.decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
    }

    @Test
    public void aRejectionOrAnAbortStopsAHeldGate() {
        Gate rejected = gate("checkout-service", "2026-12-24T10:00:00Z");
        Attempt no = rejected.reject(Person.of("frank", "sre-oncall"), "not during the holidays",
                utc("2026-12-24T11:00:00Z"));
        assertThat(no.decisive(), is(true));
        assertThat(rejected.outcome(), is(Outcome.REJECTED));

        Gate aborted = gate("checkout-service", "2026-12-24T10:00:00Z");
        aborted.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        aborted.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T12:00:00Z"));
        assertThat(aborted.abort("carol", "build stopped", utc("2026-12-27T10:00:00Z")).map(GateEvent::type),
                is(Optional.of(GateEvent.Type.ABORTED)));
        assertThat("nothing ships from a stopped build, whatever was due", aborted.outcome(), is(Outcome.ABORTED));
    }

    @Test
    public void aPendingGateIsHeldWhenAFreezeBeginsAndDecidesWhenItEnds() {
        Gate gate = gate("checkout-service", "2026-12-23T10:00:00Z");
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.nextChangeAt(), is(Optional.of(CHRISTMAS_START)));
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-23T12:00:00Z"));
        Attempt second = gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T08:00:00Z"));
        assertThat("held from the freeze's start, then the approval", types(second.events()),
                contains("HELD@2026-12-23T23:00:00Z", "APPROVAL_ACCEPTED@2026-12-24T08:00:00Z"));
        assertThat(gate.outcome(), is(Outcome.HELD));
        assertThat(gate.nextChangeAt(), is(Optional.of(CHRISTMAS_END)));
        assertThat(types(gate.advance(CHRISTMAS_END)), contains("APPROVED@2026-12-26T23:00:00Z"));
    }

    @Test
    public void aPendingGateIsHeldWhenAFreezeBeginsEvenWithoutAnAttempt() {
        Gate gate = gate("checkout-service", "2026-12-23T10:00:00Z");
        assertThat(types(gate.advance(utc("2026-12-24T10:00:00Z"))), contains("HELD@2026-12-23T23:00:00Z"));
        assertThat(gate.outcome(), is(Outcome.HELD));
    }

    @Test
    public void aGateWhoseDeadlineFallsInsideAFreezeExpiresAtTheDeadline() {
        // search-frontend waits 24h: requested the day before christmas, its deadline is inside the freeze
        Gate gate = gate("search-frontend", "2026-12-23T12:00:00Z");
        Instant deadline = utc("2026-12-24T12:00:00Z");
        gate.approve(Person.of("sam", "search-team"), null, utc("2026-12-24T06:00:00Z"));
        Attempt complete = gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T07:00:00Z"));
        assertThat(gate.outcome(), is(Outcome.HELD));
        assertThat(complete.message(), containsString("within its deadline 2026-12-24T12:00:00Z"));
        assertThat(gate.state().events().get(1).text().orElseThrow(), containsString("until 2026-12-26T23:00:00Z,"
                + " after the gate's deadline 2026-12-24T12:00:00Z: it will expire then unless rejected first"));
        assertThat("the release comes after the deadline", gate.nextChangeAt(), is(Optional.of(deadline)));
        assertThat(gate.expireIfDue(deadline.minusSeconds(1)), is(Optional.empty()));
        GateEvent expired = gate.expireIfDue(deadline).orElseThrow();
        assertThat(expired.type(), is(GateEvent.Type.EXPIRED));
        assertThat(expired.text().orElseThrow(), containsString("held since the system closed (freeze 'christmas')"
                + " until 2026-12-26T23:00:00Z"));
        assertThat(gate.outcome(), is(Outcome.EXPIRED));
    }

    @Test
    public void aHeldGateWhoseReleaseComesBeforeTheDeadlineIsApprovedNotExpired() {
        Gate gate = gate("checkout-service", "2026-12-24T10:00:00Z");
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T12:00:00Z"));
        // the controller was down from before the release until after the deadline (2026-12-31T10:00Z)
        GateEvent decision = gate.expireIfDue(utc("2027-01-05T00:00:00Z")).orElseThrow();
        assertThat(decision.type(), is(GateEvent.Type.APPROVED));
        assertThat(decision.at(), is(CHRISTMAS_END));
    }

    @Test
    public void aDenyFreezeRefusesTheRequestWithItsName() {
        TimedRequirement newYear = at("checkout-service", "2026-12-31T10:00:00Z");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GateRequest(newYear, "CHG-1", "carol", Set.of(), Set.of()));
        assertThat(e.getMessage(), is("system 'checkout-service' is in freeze 'new-year' (mode deny) from"
                + " 2026-12-30T23:00:00Z until 2027-01-01T23:00:00Z: changes requested in it are refused; request"
                + " the change after the freeze"));
    }

    @Test
    public void aDenyFreezeThatBeginsWhileAGateWaitsHoldsItRatherThanRefusingIt() {
        Gate gate = gate("checkout-service", "2026-12-30T12:00:00Z");
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-30T13:00:00Z"));
        Attempt second = gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-31T08:00:00Z"));
        assertThat(types(second.events()), contains("HELD@2026-12-30T23:00:00Z",
                "APPROVAL_ACCEPTED@2026-12-31T08:00:00Z"));
        assertThat(second.events().get(0).text().orElseThrow(), containsString("(freeze 'new-year')"));
        assertThat(types(gate.advance(utc("2027-01-02T00:00:00Z"))), contains("APPROVED@2027-01-01T23:00:00Z"));
    }

    @Test
    public void outsideItsDeploymentWindowsAGateIsHeldUntilTheNextWindowOpens() {
        Gate gate = gate("payments-ledger", "2026-03-06T17:30:00Z"); // Friday 18:30 CET
        assertThat(gate.outcome(), is(Outcome.HELD));
        assertThat(gate.state().events().get(1).text().orElseThrow(), containsString("(outside its deployment"
                + " windows) until 2026-03-09T08:00:00Z"));
        gate.approve(Person.of("paula", "payments-leads"), null, utc("2026-03-07T10:00:00Z"));
        gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-03-08T10:00:00Z"));
        assertThat(types(gate.advance(utc("2026-03-09T09:00:00Z"))), contains("APPROVED@2026-03-09T08:00:00Z"));
    }

    @Test
    public void aGateApprovedInsideAWindowDecidesAtOnceAndIsHeldWhenTheWindowCloses() {
        Gate gate = gate("payments-ledger", "2026-03-09T10:00:00Z"); // Monday 11:00 CET
        assertThat(gate.nextChangeAt(), is(Optional.of(utc("2026-03-09T16:00:00Z")))); // 17:00 CET
        gate.approve(Person.of("paula", "payments-leads"), null, utc("2026-03-09T11:00:00Z"));
        Attempt evening = gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-03-09T18:00:00Z"));
        assertThat(types(evening.events()), contains("HELD@2026-03-09T16:00:00Z",
                "APPROVAL_ACCEPTED@2026-03-09T18:00:00Z"));
        assertThat(gate.releaseAt(), is(Optional.of(utc("2026-03-10T08:00:00Z"))));

        Gate daytime = gate("payments-ledger", "2026-03-09T10:00:00Z");
        daytime.approve(Person.of("paula", "payments-leads"), null, utc("2026-03-09T11:00:00Z"));
        assertThat(daytime.approve(Person.of("frank", "sre-oncall"), null, utc("2026-03-09T12:00:00Z")).decisive(),
                is(true));
    }

    @Test
    public void theOverlaysInForceShapeThePolicyAndAreRecorded() {
        Gate gate = gate("checkout-service", "2026-04-01T10:00:00Z");
        GateRequest request = gate.state().request();
        assertThat(request.overlays(), contains("reset"));
        assertThat(request.system().requiredApprovals(), is(3));
        assertThat(gate.state().events().get(0).text().orElseThrow(), containsString("(overlays in force: reset)"));
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-04-01T11:00:00Z"));
        gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-04-01T12:00:00Z"));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.approvalsStillNeeded(), is(1));

        GateRequest after = gate("checkout-service", "2026-06-01T10:00:00Z").state().request();
        assertThat(after.overlays(), is(empty()));
        assertThat(after.system().requiredApprovals(), is(2));
    }

    @Test
    public void aHeldGateSurvivesSerializationAndDecidesAfterItIsRestored() throws Exception {
        Gate gate = gate("checkout-service", "2026-12-24T10:00:00Z");
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T12:00:00Z"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(gate.state());
        }
        GateState saved;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            saved = (GateState) in.readObject();
        }
        Gate restored = Gate.restore(saved, IdentityComparison.IGNORING_CASE);
        assertThat(restored.outcome(), is(Outcome.HELD));
        assertThat(restored.releaseAt(), is(Optional.of(CHRISTMAS_END)));
        assertThat(saved.request().closedPeriods(), is(gate.state().request().closedPeriods()));
        assertThat(types(restored.advance(CHRISTMAS_END)), contains("APPROVED@2026-12-26T23:00:00Z"));
    }

    @Test
    public void aGateWithoutTimeRulesNeverHolds() {
        CriticalSystem checkout = registry.resolve("checkout-service", null).system().orElseThrow();
        Gate gate = Gate.open(new GateRequest(checkout, "CHG-1", "carol", Set.of(), utc("2026-12-24T10:00:00Z")),
                IdentityComparison.IGNORING_CASE);
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.state().request().closedPeriods(), is(empty()));
        assertThat(gate.nextChangeAt(), is(Optional.of(utc("2026-12-31T10:00:00Z"))));
        gate.approve(Person.of("erin", "checkout-leads"), null, utc("2026-12-24T11:00:00Z"));
        assertThat(gate.approve(Person.of("frank", "sre-oncall"), null, utc("2026-12-24T12:00:00Z")).decisive(),
                is(true));
    }

    @Test
    public void aSimulationAppliesTheTimeRulesAtTheRequestsInstant() {
        Simulation simulation = new Simulation(registry, IdentityComparison.IGNORING_CASE,
                Clock.fixed(utc("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        List<Simulation.Action> approvals = List.of(Simulation.Action.approve(Person.of("erin", "checkout-leads"), null),
                Simulation.Action.approve(Person.of("frank", "sre-oncall"), null));

        Simulation.Result held = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(), approvals,
                Simulation.Timing.of(utc("2026-12-24T10:00:00Z"), null));
        assertThat(held.verdict(), is(Simulation.Verdict.HELD));
        assertThat(held.approvalsStillNeeded(), is(0));
        assertThat(held.timed().orElseThrow().closed().orElseThrow().to(), is(CHRISTMAS_END));

        Simulation.Result released = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(), approvals,
                Simulation.Timing.of(utc("2026-12-24T10:00:00Z"), utc("2026-12-27T00:00:00Z")));
        assertThat(released.verdict(), is(Simulation.Verdict.APPROVED));
        assertThat(released.state().orElseThrow().decision().orElseThrow().at(), is(CHRISTMAS_END));

        Simulation.Result denied = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(), approvals,
                Simulation.Timing.of(utc("2026-12-31T10:00:00Z"), null));
        assertThat(denied.verdict(), is(Simulation.Verdict.DENIED));
        assertThat(denied.message(), containsString("freeze 'new-year'"));
        assertThat(types(denied.events()), contains("DENIED@2026-12-31T10:00:00Z"));

        Simulation.Result ownTimes = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(), List.of(
                approvals.get(0), approvals.get(1).at(utc("2026-12-27T10:00:00Z"))),
                Simulation.Timing.of(utc("2026-12-24T10:00:00Z"), null));
        assertThat(types(ownTimes.events()), contains("REQUESTED@2026-12-24T10:00:00Z", "HELD@2026-12-24T10:00:00Z",
                "APPROVAL_ACCEPTED@2026-12-24T10:00:00Z", "RELEASED@2026-12-26T23:00:00Z",
                "APPROVAL_ACCEPTED@2026-12-27T10:00:00Z", "APPROVED@2026-12-27T10:00:00Z"));

        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class, () -> simulation.run(
                "checkout-service", null, "CHG-1", "carol", Set.of(), List.of(approvals.get(0).at(
                        utc("2026-12-24T09:00:00Z"))), Simulation.Timing.of(utc("2026-12-24T10:00:00Z"), null)));
        assertThat(backwards.getMessage(), containsString("time only moves forward"));
    }
}
