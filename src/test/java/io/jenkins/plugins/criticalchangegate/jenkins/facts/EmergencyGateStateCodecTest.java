package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.policy.Attempt;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Outcome;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.policy.Review;
import io.jenkins.plugins.criticalchangegate.policy.ReviewVerdict;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * An emergency (break-glass) gate survives a restart as build.xml keeps it (issue 16): the codec's input filter lets
 * its emergency path through (a class it refused would make every emergency gate fail closed after a restart, and its
 * review impossible), and the restored gate still takes the emergency approvers' count, not the usual one, and still
 * refuses the approver as reviewer.
 */
public class EmergencyGateStateCodecTest {
    private static final Instant T0 = Instant.parse("2026-10-25T01:30:00Z");
    private static final EmergencyPolicy PATH = new EmergencyPolicy(List.of(ApproverRef.group("incident-commanders")),
            1, "INC-[0-9]+", Duration.ofHours(24), List.of(ApproverRef.group("sre-leads"),
                    ApproverRef.user("rita")));
    private static final CriticalSystem CHECKOUT = CriticalSystem.builder("checkout-service")
            .approvers("checkout-leads").requiredApprovals(2).emergency(PATH).build();

    private static Gate restored(Gate gate) throws IOException {
        return Gate.restore(GateStateCodec.decode(GateStateCodec.encode(gate.state())),
                IdentityComparison.IGNORING_CASE);
    }

    @Test
    public void aWaitingEmergencyGateIsRestoredOnItsEmergencyPath() throws IOException {
        Gate before = Gate.open(new GateRequest(CHECKOUT, "CHG-96", "alice", Set.of(), T0).withEmergency("INC-4712"),
                IdentityComparison.IGNORING_CASE);
        Gate after = restored(before);
        GateRequest request = after.state().request();
        assertThat(request.emergency(), is(true));
        assertThat(request.incidentId().orElseThrow(), is("INC-4712"));
        assertThat(request.system().emergency().orElseThrow(), is(PATH));
        Attempt usualApprover = after.approve(Person.of("carol", "checkout-leads"), null, T0.plusSeconds(60));
        assertThat("the usual approvers do not approve an emergency", usualApprover.accepted(), is(false));
        Attempt commander = after.approve(Person.of("ian", "incident-commanders"), null, T0.plusSeconds(120));
        assertThat(commander.accepted(), is(true));
        assertThat("one incident commander is enough", after.outcome(), is(Outcome.APPROVED));
    }

    @Test
    public void anApprovedEmergencyGateIsReviewedAfterARestartButNotByItsApprover() throws IOException {
        Gate gate = Gate.open(new GateRequest(CHECKOUT, "CHG-97", "alice", Set.of(), T0).withEmergency("INC-4713"),
                IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("ian", "incident-commanders", "sre-leads"), null, T0.plusSeconds(60));
        Gate after = restored(gate);
        Review byApprover = Review.decide(after.state(), false, Person.of("ian", "incident-commanders", "sre-leads"),
                ReviewVerdict.ACCEPTED, null, T0.plusSeconds(600), IdentityComparison.IGNORING_CASE);
        assertThat(byApprover.accepted(), is(false));
        assertThat(byApprover.message(), containsString("approved this emergency change"));
        Review byRita = Review.decide(after.state(), false, Person.of("rita"), ReviewVerdict.ACCEPTED, null,
                T0.plusSeconds(600), IdentityComparison.IGNORING_CASE);
        assertThat("a listed reviewer user, after the restart", byRita.accepted(), is(true));
    }
}
