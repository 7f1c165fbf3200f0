package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/** Who may review an approved emergency change, and with what (issue 16). */
public class ReviewTest {
    private static final Instant T0 = Instant.parse("2026-04-04T10:00:00Z");
    /** The commanders may also be SRE leads: the people who approved are still refused as reviewers. */
    private static final EmergencyPolicy PATH = new EmergencyPolicy(List.of(ApproverRef.group("incident-commanders")),
            1, null, Duration.ofHours(24), List.of(ApproverRef.group("sre-leads"), ApproverRef.user("rita")));
    private static final CriticalSystem CHECKOUT = CriticalSystem.builder("checkout-service")
            .approvers("checkout-leads").emergency(PATH).build();
    private static final IdentityComparison CMP = IdentityComparison.IGNORING_CASE;

    private static GateState approved() {
        Gate gate = Gate.open(new GateRequest(CHECKOUT, "CHG-1", "carol", Set.of("dan"), T0).withEmergency("INC-1"),
                CMP);
        gate.approve(Person.of("ian", "incident-commanders", "sre-leads"), null, T0.plusSeconds(5));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
        return gate.state();
    }

    @Test
    public void aListedReviewerWhoWasNotInvolvedMayReview() {
        GateState state = approved();
        assertThat(Review.whyNot(state, false, Person.of("sam", "SRE-Leads"), CMP), is(Optional.empty()));
        assertThat(Review.whyNot(state, false, Person.of("Rita"), CMP), is(Optional.empty()));
        Review review = Review.decide(state, false, Person.of("sam", "sre-leads"), ReviewVerdict.ACCEPTED, " ",
                T0.plusSeconds(3600), CMP);
        assertThat(review.accepted(), is(true));
        assertThat(review.text(), is(Optional.empty()));
        assertThat(review.verdict().label(), is("accepted"));
    }

    @Test
    public void theEmergencyApproverTheStarterAndTheAuthorsMayNot() {
        GateState state = approved();
        assertThat(Review.whyNot(state, false, Person.of("IAN", "sre-leads"), CMP).orElseThrow(),
                containsString("IAN approved this emergency change")); // compared as the realm compares ids
        assertThat(Review.decide(state, false, Person.of("carol", "sre-leads"), ReviewVerdict.ACCEPTED, null, T0,
                CMP).refusal(), is(Optional.of(Review.Refusal.INVOLVED)));
        assertThat(Review.decide(state, false, Person.of("dan", "sre-leads"), ReviewVerdict.ACCEPTED, null, T0,
                CMP).refusal(), is(Optional.of(Review.Refusal.INVOLVED)));
        assertThat(Review.decide(state, false, Person.of("otto", "checkout-leads"), ReviewVerdict.ACCEPTED, null,
                T0, CMP).refusal(), is(Optional.of(Review.Refusal.NOT_A_REVIEWER)));
        assertThat(Review.decide(state, false, Person.ANONYMOUS, ReviewVerdict.ACCEPTED, null, T0, CMP).refusal(),
                is(Optional.of(Review.Refusal.NOT_A_REVIEWER)));
    }

    @Test
    public void needsFollowUpNeedsATextAndOneReviewClosesIt() {
        GateState state = approved();
        Review noText = Review.decide(state, false, Person.of("sam", "sre-leads"), ReviewVerdict.NEEDS_FOLLOW_UP, "",
                T0, CMP);
        assertThat(noText.refusal(), is(Optional.of(Review.Refusal.TEXT_REQUIRED)));
        Review withText = Review.decide(state, false, Person.of("sam", "sre-leads"), ReviewVerdict.NEEDS_FOLLOW_UP,
                "post-mortem and a proper change", T0, CMP);
        assertThat(withText.accepted(), is(true));
        assertThat(withText.verdict().label(), is("needs-follow-up"));
        assertThat(Review.decide(state, true, Person.of("rita"), ReviewVerdict.ACCEPTED, null, T0, CMP).refusal(),
                is(Optional.of(Review.Refusal.ALREADY_REVIEWED)));
    }

    @Test
    public void onlyAnApprovedEmergencyGateIsReviewed() {
        Gate pending = Gate.open(new GateRequest(CHECKOUT, "CHG-1", "carol", Set.of(), T0).withEmergency("INC-1"),
                CMP);
        assertThat(Review.decide(pending.state(), false, Person.of("sam", "sre-leads"), ReviewVerdict.ACCEPTED, null,
                T0, CMP).refusal(), is(Optional.of(Review.Refusal.NOTHING_TO_REVIEW)));
        Gate usual = Gate.open(new GateRequest(CHECKOUT, "CHG-1", "carol", Set.of(), T0), CMP);
        usual.approve(Person.of("lena", "checkout-leads"), null, T0);
        usual.approve(Person.of("leo", "checkout-leads"), null, T0);
        assertThat(usual.outcome(), is(Outcome.APPROVED));
        assertThat(Review.whyNot(usual.state(), false, Person.of("sam", "sre-leads"), CMP).orElseThrow(),
                containsString("not an emergency one"));
    }

    @Test
    public void verdictsAreReadByTheirLabels() {
        assertThat(ReviewVerdict.of("needs-follow-up"), is(ReviewVerdict.NEEDS_FOLLOW_UP));
        assertThat(ReviewVerdict.of(" accepted "), is(ReviewVerdict.ACCEPTED));
        assertThat(assertThrows(IllegalArgumentException.class, () -> ReviewVerdict.of("ok")).getMessage(),
                containsString("'accepted' or 'needs-follow-up'"));
    }
}
