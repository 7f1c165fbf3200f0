package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.release.BuildGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * What a gate record keeps of an emergency (issue 16): the incident and review obligation from the request, the due
 * time from the approval, the review once given (once), and what the step returns and the credentials see.
 */
public class EmergencyRecordTest {
    private static final Instant T0 = Instant.parse("2026-10-24T23:00:00Z");
    private static final Instant APPROVED = Instant.parse("2026-10-24T23:30:00Z");

    private static GateRecord requested(boolean emergency) {
        GateRecordBuilder b = GateRecord.builder("gate-7", "checkout-service").changeId("CHG-1")
                .requirement("1 emergency approval", 1).requested(T0, Deadline.after(T0, Duration.ofHours(2)));
        if (emergency) {
            b.emergency("INC-4711", Duration.ofHours(24), List.of("sre-leads"));
        }
        return b.build();
    }

    private static GateRecord approved(boolean emergency) {
        return requested(emergency).with(TrailEntry.of(TrailEntry.Kind.APPROVED, APPROVED, "ian", null))
                .with(TrailEntry.of(TrailEntry.Kind.PASSED, APPROVED, null, null)).withStatus(GateStatus.APPROVED);
    }

    @Test
    public void theReviewIsDueReviewWithinAfterTheApprovalAndOnlyOnceApproved() {
        assertThat(EmergencyEntry.reviewDue(requested(true)), is(Optional.empty()));
        assertThat(EmergencyEntry.reviewDue(approved(true)), is(Optional.of(APPROVED.plus(Duration.ofHours(24)))));
        assertThat(EmergencyEntry.reviewDue(approved(false)), is(Optional.empty()));
        assertThat(approved(true).getEmergency().getReviewers(), is(List.of("sre-leads")));
    }

    @Test
    public void aReviewIsKeptOnceAndOnlyOnAnApprovedEmergencyGate() {
        ReviewEntry review = new ReviewEntry("rita", "accepted", null, APPROVED.plusSeconds(3600));
        GateRecord reviewed = approved(true).withReview(review);
        assertThat(reviewed.getReview().getReviewer(), is("rita"));
        assertThat("the copy keeps the emergency", reviewed.with(TrailEntry.of(TrailEntry.Kind.APPROVED, APPROVED,
                "x", null)).getEmergency().getIncidentId(), is("INC-4711"));
        assertThat(assertThrows(IllegalStateException.class, () -> reviewed.withReview(review)).getMessage(),
                containsString("reviewed"));
        assertThat(assertThrows(IllegalStateException.class, () -> requested(true).withReview(review)).getMessage(),
                containsString("PENDING"));
        assertThat(assertThrows(IllegalStateException.class, () -> approved(false).withReview(review)).getMessage(),
                containsString("not an emergency"));
    }

    @Test
    public void theStepReturnsEmergencyAndIncidentId() {
        Map<String, Object> emergency = StepResult.of(approved(true));
        assertThat(emergency.get("emergency"), is(true));
        assertThat(emergency.get("incidentId"), is("INC-4711"));
        Map<String, Object> usual = StepResult.of(approved(false));
        assertThat(usual.get("emergency"), is(false));
        assertThat(usual.get("incidentId"), nullValue());
        assertThat(StepResult.notCritical("x", null).get("emergency"), is(false));
    }

    @Test
    public void theCredentialsSeeAnEmergencyGateAsOne() {
        BuildGate gate = BuildGateFacts.of(approved(true));
        assertThat(gate.emergency(), is(true));
        assertThat(BuildGateFacts.of(requested(true)).emergency(), is(true));
        assertThat(BuildGateFacts.of(approved(false)).emergency(), is(false));
    }
}
