package io.jenkins.plugins.criticalchangegate.attestation;

import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Gates and statements the attestation tests share: real gates, approved through the policy's own code. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String APP_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    private Fixtures() {
    }

    static Gate gate() {
        CriticalSystem system = CriticalSystem.builder("checkout-service").name("Checkout")
                .approvers("checkout-leads", "sre-oncall", "user:alice").requiredApprovals(2)
                .approvalTimeout(Duration.ofHours(24)).build();
        return Gate.open(new GateRequest(system, "CHG-1", "carol", Set.of("dave"), T0),
                IdentityComparison.IGNORING_CASE);
    }

    /** Approved by erin and frank, after carol (the starter) was refused. */
    static GateState approved() {
        Gate gate = gate();
        gate.approve(Person.of("carol", "checkout-leads"), null, T0.plusSeconds(30));
        gate.approve(Person.of("erin", "checkout-leads"), "looks good", T0.plusSeconds(60));
        gate.approve(Person.of("frank", "sre-oncall"), null, T0.plusSeconds(120));
        return gate.state();
    }

    static Statement statement() {
        GateState state = approved();
        return ApprovalAttestation.of(state, null, "ab".repeat(32), "https://ci.example/job/deploy/7/",
                JournalPosition.of(12, "cd".repeat(32)), List.of(Subject.sha256("app.jar", APP_SHA256)),
                state.decision().orElseThrow().at());
    }
}
