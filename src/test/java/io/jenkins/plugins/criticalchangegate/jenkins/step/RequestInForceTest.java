package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildCause;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildStarters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CommitAuthors;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/**
 * Which policy a gate opens with (issue 16): during a deny freeze a usual change is denied, at start and when the
 * gate opens, while an emergency one opens with the emergency requirement, the AI-assisted rule applied over it; a
 * system without an emergency path, or an incident id the pattern refuses, is denied with the reason.
 */
public class RequestInForceTest {
    private static final Instant EASTER = Instant.parse("2026-04-05T10:00:00Z");

    private static Registry registry() throws Exception {
        return RegistryParser.parse(String.join("\n",
                "version: 1",
                "unknownSystems: allow",
                "defaults: {documentation: {allowedHosts: [wiki.example.com]}}",
                "systems:",
                "  - id: checkout-service",
                "    name: Checkout",
                "    tier: 1",
                "    owners: [team-checkout]",
                "    approvers: [checkout-leads, sre-oncall]",
                "    requiredApprovals: 2",
                "    aiAssisted: {require: {requiredApprovals: 2}}",
                "    emergency: {approvers: [incident-commanders, user:ian, user:jo], incidentPattern: 'INC-[0-9]+',"
                        + " reviewWithin: 24h, reviewers: [sre-leads]}",
                "  - id: payments-api",
                "    name: Payments",
                "    tier: 1",
                "    owners: [team-payments]",
                "    approvers: [sre-oncall]",
                "freezes:",
                "  - {name: easter, start: 2026-04-03, end: 2026-04-07, zone: Europe/Berlin, systems: all, mode: deny}",
                ""), "reg.yaml");
    }

    private static CriticalSystem system(Registry registry, String id) {
        return registry.resolve(id, null).system().orElseThrow();
    }

    private static RequestInForce at(Registry registry, String system, boolean aiAssisted, String incident) {
        return RequestInForce.at(system(registry, system), registry.timeRules(), EASTER, "CHG-1",
                BuildStarters.of(List.of(BuildCause.user("carol"))), CommitAuthors.of(List.of("dave")), List::of,
                aiAssisted, incident);
    }

    @Test
    public void aUsualChangeIsDeniedDuringADenyFreeze() throws Exception {
        RequestInForce usual = at(registry(), "checkout-service", false, null);
        assertThat(usual.request().isPresent(), is(false));
        assertThat(usual.denial().orElseThrow(), containsString("easter"));
    }

    @Test
    public void anEmergencyOpensDuringADenyFreezeWithTheEmergencyRequirement() throws Exception {
        RequestInForce emergency = at(registry(), "checkout-service", false, "INC-4711");
        GateRequest request = emergency.request().orElseThrow();
        assertThat(request.emergency(), is(true));
        assertThat(request.incidentId().orElseThrow(), is("INC-4711"));
        assertThat("the emergency count, not the usual 2", request.system().approvalsNeeded(), is(1));
        assertThat(request.closedPeriods().isEmpty(), is(true));
        assertThat(emergency.overlays().isEmpty(), is(true));
        assertThat(request.startedBy(), is("carol"));
    }

    @Test
    public void theAiAssistedRuleStillRaisesAnEmergencysCount() throws Exception {
        GateRequest request = at(registry(), "checkout-service", true, "INC-4711").request().orElseThrow();
        assertThat(request.aiAssistance().isPresent(), is(true));
        assertThat(request.system().approvalsNeeded(), is(2));
    }

    @Test
    public void noEmergencyPathOrABadIncidentIdIsDeniedAtStartAndAtOpening() throws Exception {
        Registry registry = registry();
        RequestInForce payments = at(registry, "payments-api", false, "INC-4711");
        assertThat(payments.denial().orElseThrow(), containsString("has no emergency path"));
        assertThat(RequestInForce.refusalAtStart(system(registry, "payments-api"), "INC-4711", registry.timeRules())
                .orElseThrow(), containsString("has no emergency path"));
        assertThat(at(registry, "checkout-service", false, "see INC-1").denial().orElseThrow(),
                containsString("does not match the registry's emergency.incidentPattern"));
        assertThat(RequestInForce.refusalAtStart(system(registry, "checkout-service"), "INC-9",
                registry.timeRules()).isPresent(), is(false));
    }
}
