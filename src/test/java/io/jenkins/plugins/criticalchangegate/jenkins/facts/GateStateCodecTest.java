package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.policy.Attempt;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Outcome;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.Test;

public class GateStateCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    static Gate openGate() {
        CriticalSystem checkout = CriticalSystem.builder("checkout-service").name("Checkout")
                .approvers("checkout-leads", "sre").requiredApprovals(2).approvalTimeout(Duration.ofHours(4)).build();
        GateRequest request = new GateRequest(checkout, "CHG-1234", "alice", Set.of("hank"), Set.of("erin"), T0);
        return Gate.open(request, IdentityComparison.IGNORING_CASE);
    }

    @Test
    public void aRestartedControllerRebuildsTheSameGateAndKeepsItsApprovals() throws IOException {
        Gate before = openGate();
        Attempt first = before.approve(Person.of("bob", "sre"), "looks fine", T0.plusSeconds(60));
        assertThat(first.accepted(), is(true));

        String saved = GateStateCodec.encode(before.state());
        Gate after = Gate.restore(GateStateCodec.decode(saved), IdentityComparison.IGNORING_CASE);

        assertThat(after.outcome(), is(Outcome.PENDING));
        assertThat(after.approvalsStillNeeded(), is(1));
        Attempt again = after.approve(Person.of("BOB", "sre"), null, T0.plusSeconds(120));
        assertThat("the same person, other case, after the restart", again.accepted(), is(false));
        assertThat("an upstream starter stays refused after the restart",
                after.approve(Person.of("hank", "sre"), null, T0.plusSeconds(150)).accepted(), is(false));
        Attempt second = after.approve(Person.of("carol", "checkout-leads"), null, T0.plusSeconds(180));
        assertThat(second.accepted(), is(true));
        assertThat(after.outcome(), is(Outcome.APPROVED));
    }

    @Test
    public void theRestoredGateKeepsTheDeadlineItWasOpenedWith() throws IOException {
        Gate restored = Gate.restore(GateStateCodec.decode(GateStateCodec.encode(openGate().state())),
                IdentityComparison.IGNORING_CASE);
        assertThat(restored.state().request().deadline(), is(T0.plus(Duration.ofHours(4))));
        assertThat(restored.expireIfDue(T0.plus(Duration.ofHours(4))).isPresent(), is(true));
        assertThat(restored.outcome(), is(Outcome.EXPIRED));
    }

    @Test
    public void aGateOfAParsedRegistryWithEveryPolicyFieldSurvivesTheCodec() throws Exception {
        String yaml = String.join("\n",
                "version: 1",
                "unknownSystems: deny",
                "systems:",
                "  - id: checkout-service",
                "    name: Checkout",
                "    tier: 1",
                "    owners: [team-checkout]",
                "    approvers: [checkout-leads, \"user:carol\"]",
                "    requiredApprovals: 2",
                "    requireDistinctGroups: true",
                "    excludeCommitAuthors: true",
                "    approvalTimeout: 90m",
                "    jobs: [\"deploy/checkout-*\"]",
                "    documentation:",
                "      allowedHosts: [wiki.example.com, \"*.docs.example.com\"]",
                "      requiredSections: [\"Rollback\"]",
                "");
        CriticalSystem parsed = RegistryParser.parse(yaml, "registry").resolve("checkout-service", "deploy/checkout-prod")
                .system().orElseThrow();
        Gate gate = Gate.open(new GateRequest(parsed, "CHG-9", "alice", Set.of(), T0), IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("carol"), null, T0.plusSeconds(1));
        Gate restored = Gate.restore(GateStateCodec.decode(GateStateCodec.encode(gate.state())),
                IdentityComparison.IGNORING_CASE);
        assertThat(restored.state().request().system(), is(parsed));
        assertThat(restored.approvalsStillNeeded(), is(1));
    }

    @Test
    public void aForeignClassInTheSavedStateIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new File("/etc/passwd"));
        }
        String forged = Base64.getEncoder().encodeToString(bytes.toByteArray());
        IOException e = assertThrows(IOException.class, () -> GateStateCodec.decode(forged));
        assertThat(e.getMessage(), containsString("not allowed"));
    }

    @Test
    public void aDamagedSavedStateIsAnErrorNotAGate() {
        IOException notBase64 = assertThrows(IOException.class, () -> GateStateCodec.decode("%%%"));
        assertThat(notBase64.getMessage(), containsString("Base64"));
        String truncated = GateStateCodec.encode(openGate().state()).substring(0, 80);
        assertThrows(IOException.class, () -> GateStateCodec.decode(truncated));
    }

    @Test
    public void theTrailShowsEachPolicyEventWithWhoAndWhy() {
        Gate gate = openGate();
        gate.approve(Person.of("alice", "sre"), null, T0.plusSeconds(1));
        gate.approve(Person.of("bob", "sre"), "ok", T0.plusSeconds(2));
        gate.approve(Person.of("carol", "checkout-leads"), null, T0.plusSeconds(3));
        GateRecord record = GateRecord.builder("gate-3", "checkout-service").build();
        for (var event : gate.state().events()) {
            record = record.with(Trail.entry(event));
        }
        assertThat(record.approverIds(), contains("bob", "carol"));
        assertThat(record.refusals().get(0).getActor(), is("alice"));
        assertThat(record.refusals().get(0).getDetail(), containsString("SELF_APPROVAL"));
        assertThat(record.getTrail().get(record.getTrail().size() - 1).getKind(), is(TrailEntry.Kind.PASSED));
        assertThat(Trail.status(gate.outcome()), is(GateStatus.APPROVED));
    }

    /** A gate whose Jenkins waits less than the registry asks keeps that shorter deadline across a restart. */
    @Test
    public void aShorterApprovalTimeoutSurvivesTheRoundTripAndExpiresTheGateOnTime() throws Exception {
        Instant t0 = Instant.parse("2026-12-07T10:00:00Z");
        CriticalSystem system = CriticalSystem.builder("checkout-service").name("Checkout")
                .approvers("checkout-leads", "sre").approvalTimeout(Duration.ofDays(30)).build();
        GateRequest request = new GateRequest(system, "CHG-1", "alice", java.util.Set.of(), t0)
                .withApprovalTimeout(Duration.ofHours(2));
        Gate gate = Gate.open(request, IdentityComparison.IGNORING_CASE);
        Gate restored = Gate.restore(GateStateCodec.decode(GateStateCodec.encode(gate.state())),
                IdentityComparison.IGNORING_CASE);
        assertThat(restored.state().request().deadline(), is(t0.plus(Duration.ofHours(2))));
        assertThat(restored.expireIfDue(t0.plus(Duration.ofHours(2))).isPresent(), is(true));
        assertThat(restored.outcome(), is(Outcome.EXPIRED));
    }
}
