package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.documentation.Verdict;
import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/** The emergency (break-glass) path of the gate, issue 16: who may approve, counts, incidents, what still holds. */
public class EmergencyGateTest {
    private static final Instant T0 = Instant.parse("2026-04-04T10:00:00Z");
    private static final EmergencyPolicy PATH = new EmergencyPolicy(List.of(ApproverRef.group("incident-commanders"),
            ApproverRef.user("ivy")), 1, "INC-[0-9]+", Duration.ofHours(24), List.of(ApproverRef.group("sre-leads")));
    private static final CriticalSystem CHECKOUT = CriticalSystem.builder("checkout-service")
            .approvers("checkout-leads", "sre-oncall").requiredApprovals(2).requireDistinctGroups(true)
            .emergency(PATH).build();
    private static final Person COMMANDER = Person.of("ian", "incident-commanders");
    private static final Person LEAD = Person.of("lena", "checkout-leads");

    private static GateRequest emergency(CriticalSystem system, String startedBy, Set<String> authors) {
        return new GateRequest(system, "CHG-1", startedBy, authors, T0).withEmergency("INC-4711");
    }

    @Test
    public void isRefusedAtOnceWithoutAPathOrAGoodIncidentId() {
        CriticalSystem none = CriticalSystem.builder("search").approvers("search-leads").build();
        GateRequest usual = new GateRequest(none, "CHG-1", "carol", Set.of(), T0);
        assertThat(assertThrows(IllegalArgumentException.class, () -> usual.withEmergency("INC-1")).getMessage(),
                containsString("system 'search' has no emergency path"));
        GateRequest checkout = new GateRequest(CHECKOUT, "CHG-1", "carol", Set.of(), T0);
        assertThat(assertThrows(IllegalArgumentException.class, () -> checkout.withEmergency(null)).getMessage(),
                containsString("needs an incident id"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> checkout.withEmergency("4711")).getMessage(),
                containsString("incident id '4711' does not match the registry's emergency.incidentPattern"
                        + " 'INC-[0-9]+'"));
        assertThat(EmergencyRequirement.refusal(CHECKOUT, " INC-9 "), is(Optional.empty()));
    }

    @Test
    public void theEmergencyApproversApproveAndTheUsualOnesDoNot() {
        Gate gate = Gate.open(emergency(CHECKOUT, "carol", Set.of()), IdentityComparison.IGNORING_CASE);
        assertThat(gate.state().request().emergency(), is(true));
        assertThat(gate.state().request().incidentId(), is(Optional.of("INC-4711")));
        Attempt lead = gate.approve(LEAD, null, T0.plusSeconds(60));
        assertThat(lead.refusal(), is(Optional.of(RefusalReason.NOT_AUTHORIZED)));
        Attempt commander = gate.approve(COMMANDER, "rolling back the bad config", T0.plusSeconds(120));
        assertThat(commander.decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
    }

    @Test
    public void separationOfDutiesStillHolds() {
        EmergencyPolicy two = new EmergencyPolicy(List.of(ApproverRef.group("incident-commanders")), 2, null,
                Duration.ofHours(4), List.of(ApproverRef.group("sre-leads")));
        CriticalSystem system = CHECKOUT.toBuilder().emergency(two).build();
        Gate gate = Gate.open(emergency(system, "ian", Set.of("jo")), IdentityComparison.IGNORING_CASE);
        assertThat(gate.approve(COMMANDER, null, T0).refusal(), is(Optional.of(RefusalReason.SELF_APPROVAL)));
        assertThat(gate.approve(Person.of("jo", "incident-commanders"), null, T0).refusal(),
                is(Optional.of(RefusalReason.COMMIT_AUTHOR)));
        Person kim = Person.of("kim", "incident-commanders");
        assertThat(gate.approve(kim, null, T0).refusal(), is(Optional.empty()));
        assertThat(gate.approve(Person.of("KIM", "incident-commanders"), null, T0).refusal(),
                is(Optional.of(RefusalReason.DUPLICATE_APPROVER)));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        // distinct groups are not required on the emergency path: one commander group gives both approvals
        assertThat(gate.approve(Person.of("lou", "incident-commanders"), null, T0).decisive(), is(true));
        assertThat(gate.state().request().system().approvalsNeeded(), is(2));
    }

    @Test
    public void anAiAssistedChangeNeedsTheStricterCount() {
        CriticalSystem system = CHECKOUT.toBuilder().aiAssisted(AiAssistedRule.builder().requiredApprovals(3)
                .excludeCommitAuthors(true).build()).build();
        GateRequest request = new GateRequest(system, "CHG-1", "carol", Set.of(), T0);
        request = request.withAiAssistance(AiAssistedChange.assess(system, List.of(), true)).withEmergency("INC-1");
        assertThat(request.system().approvalsNeeded(), is(3));
        assertThat(request.system().approvers(), is(PATH.approvers()));
        assertThat(request.aiAssistance().isPresent(), is(true));
        // not AI-assisted: the emergency count alone
        GateRequest plain = new GateRequest(system, "CHG-1", "carol", Set.of(), T0)
                .withAiAssistance(AiAssistedChange.assess(system, List.of(), false)).withEmergency("INC-1");
        assertThat(plain.system().approvalsNeeded(), is(1));
    }

    @Test
    public void theDocumentationCheckIsAdvisoryOnlyForAnEmergency() {
        GateRequest usual = new GateRequest(CHECKOUT, "CHG-1", "carol", Set.of(), T0);
        GateRequest emergency = usual.withEmergency("INC-1");
        for (Verdict verdict : Verdict.values()) {
            assertThat(verdict.name(), EmergencyRequirement.documentationBlocks(usual, verdict),
                    is(verdict != Verdict.VERIFIED));
            assertThat(verdict.name(), EmergencyRequirement.documentationBlocks(emergency, verdict), is(false));
        }
    }

    @Test
    public void freezesDoNotApplyToAnEmergency() throws Exception {
        Registry registry = RegistryParser.parse(String.join("\n",
                "version: 1",
                "unknownSystems: allow",
                "defaults: {documentation: {allowedHosts: [wiki.example.com]}}",
                "systems:",
                "  - id: checkout-service",
                "    name: Checkout",
                "    tier: 1",
                "    owners: [team-checkout]",
                "    approvers: [checkout-leads, sre-oncall]",
                "    emergency: {approvers: [incident-commanders], reviewWithin: 24h, reviewers: [sre-leads]}",
                "freezes:",
                "  - {name: easter, start: 2026-04-03, end: 2026-04-07, zone: Europe/Berlin, systems: all, mode: deny}",
                "windows:",
                "  - {name: office, days: [mon], from: '09:00', to: '10:00', zone: UTC, systems: all}",
                ""), "reg.yaml");
        Simulation simulation = new Simulation(registry, IdentityComparison.IGNORING_CASE,
                Clock.fixed(T0, ZoneOffset.UTC));
        List<Simulation.Action> commander = List.of(Simulation.Action.approve(COMMANDER, null));
        Simulation.Result usual = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(), commander,
                Simulation.Timing.of(T0, null), List.of(), false, null);
        assertThat(usual.verdict(), is(Simulation.Verdict.DENIED));
        Simulation.Result emergency = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(),
                commander, Simulation.Timing.of(T0, null), List.of(), false, "INC-4711");
        assertThat(emergency.verdict(), is(Simulation.Verdict.APPROVED));
        assertThat(emergency.state().orElseThrow().request().closedPeriods(), is(List.of()));
        Simulation.Result noIncident = simulation.run("checkout-service", null, "CHG-1", "carol", Set.of(),
                commander, Simulation.Timing.of(T0, null), List.of(), false, "");
        assertThat(noIncident.verdict(), is(Simulation.Verdict.DENIED));
        assertThat(noIncident.message(), containsString("needs an incident id"));
    }

    @Test
    public void anEmergencyRequestSurvivesJavaSerialization() throws Exception {
        GateRequest request = emergency(CHECKOUT, "carol", Set.of("jo"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            GateRequest back = (GateRequest) in.readObject();
            assertThat(back.emergency(), is(true));
            assertThat(back.incidentId(), is(Optional.of("INC-4711")));
            assertThat(back.system().emergency(), is(Optional.of(PATH)));
        }
    }
}
