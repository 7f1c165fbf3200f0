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
}
