package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.UnknownSystems;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The records of an open gate's events, as the gate in Jenkins and the tool's simulation both journal them. */
public class GateEventRecordsTest {
    private static final GateEventRecords RECORDS = new GateEventRecords("retail/deploy", 7, "checkout-service",
            "CHG-9");

    /** A real gate's trail: mallory (in no listed group) may not reject, erin approves through leads, frank rejects. */
    private static List<GateEvent> trail() {
        CriticalSystem checkout = CriticalSystem.builder("checkout-service").approvers("leads", "sre").build();
        Simulation simulation = new Simulation(new Registry(UnknownSystems.DENY, List.of(checkout)),
                IdentityComparison.IGNORING_CASE, Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        return simulation.run("checkout-service", null, "CHG-9", "carol", Set.of(), List.of(
                Simulation.Action.reject(Person.of("mallory", "interns"), "mine"),
                Simulation.Action.approve(Person.of("erin", "leads"), "fine"),
                Simulation.Action.reject(Person.of("frank", "sre"), "no rollback plan"))).events();
    }

    @Test
    public void eachEventOfAnOpenGateBecomesItsRecordsAndADecisionAlsoDecided() {
        List<String> written = new ArrayList<>();
        for (GateEvent event : trail()) {
            if (!GateEventRecords.journals(event.type())) {
                assertThat(event.type(), is(GateEvent.Type.REQUESTED));
                assertThrows(IllegalArgumentException.class, () -> RECORDS.of(event, List.of()));
                continue;
            }
            for (AuditEvent record : RECORDS.of(event, List.of("erin"))) {
                written.add(record.type() + " " + record.fields().get("user") + " "
                        + record.fields().getOrDefault("attempt", "-") + " "
                        + record.fields().getOrDefault("group", "-") + " "
                        + record.fields().getOrDefault("reason", "-") + " "
                        + record.fields().getOrDefault("approvers", "-"));
            }
        }
        assertThat(written, contains(
                "APPROVAL_REFUSED mallory reject - NOT_AUTHORIZED -",
                "APPROVAL_ACCEPTED erin - leads - -",
                "REJECTED frank - - no rollback plan -",
                "DECIDED null - - no rollback plan [erin]"));
    }

    /** A held gate's trail: held by a freeze, released still short of approvals, then approved. */
    @Test
    public void aHeldAndReleasedGateIsJournaledWithWhatHeldIt() throws Exception {
        Registry registry = RegistryParser.parse(String.join("\n",
                "version: 1",
                "unknownSystems: deny",
                "systems:",
                "  - {id: checkout-service, name: Checkout, tier: 1, owners: [t], approvers: [leads, sre],"
                        + " approvalTimeout: 7d, documentation: {allowedHosts: [wiki.example.com]}}",
                "freezes:",
                "  - {name: christmas, start: 2026-12-24, end: 2026-12-27, zone: UTC, systems: all, mode: hold}",
                ""), "critical.yaml");
        Simulation simulation = new Simulation(registry, IdentityComparison.IGNORING_CASE,
                Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        List<GateEvent> trail = simulation.run("checkout-service", null, "CHG-9", "carol", Set.of(), List.of(
                Simulation.Action.approve(Person.of("erin", "leads"), null),
                Simulation.Action.approve(Person.of("frank", "sre"), null).at(Instant.parse("2026-12-28T09:00:00Z"))),
                Simulation.Timing.of(Instant.parse("2026-12-24T10:00:00Z"), null)).events();
        List<String> written = new ArrayList<>();
        for (GateEvent event : trail) {
            if (GateEventRecords.journals(event.type())) {
                for (AuditEvent record : RECORDS.of(event, List.of("erin", "frank"))) {
                    written.add(record.type() + " " + record.fields().getOrDefault("reason", "-"));
                }
            }
        }
        assertThat(written, contains(
                "HELD held: the system is closed (freeze 'christmas') until 2026-12-27T00:00:00Z; it decides then:"
                        + " APPROVED if its approvals are complete",
                "APPROVAL_ACCEPTED -",
                "RELEASED the system opened again after freeze 'christmas'; the gate waits for its approvals",
                "APPROVAL_ACCEPTED -",
                "DECIDED 2 distinct authorized approval(s): erin (leads), frank (sre)"));
    }
}
