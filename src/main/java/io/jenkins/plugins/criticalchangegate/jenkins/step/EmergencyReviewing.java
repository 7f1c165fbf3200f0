package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.emergency.EmergencyReviewMonitor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Actor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.EmergencyEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStateCodec;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.ReviewEntry;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Review;
import io.jenkins.plugins.criticalchangegate.policy.ReviewVerdict;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The review of an approved emergency gate (issue 16), made on the build action under its lock. Who may review is the
 * policy's {@link Review}: a listed reviewer who neither approved the emergency, started the build nor wrote a commit
 * of it, once per gate. Unlike an approval it works on a finished build: the build went on long ago, the review is
 * what follows it.
 *
 * <p>An accepted review is journaled before it is kept: the journal is where the open reviews are read from
 * ({@code audit emergencies}, the administrators' monitor), so a review the journal could not record stays open
 * there and the reviewer is told to try again; a review journaled whose build.xml could not be saved counts (the
 * journal is the record) and the reviewer is told so. A refused attempt is journaled too
 * ({@code EMERGENCY_REVIEW_REFUSED}) and changes nothing on the gate.
 */
final class EmergencyReviewing {
    private static final Logger LOGGER = Logger.getLogger(EmergencyReviewing.class.getName());

    private EmergencyReviewing() {
    }

    /** Why the person may not review the gate now; empty when the gate page may offer them the Review form. */
    static Optional<String> whyNot(GateRecord record, Actor actor) {
        GateState state = state(record);
        if (state == null) {
            return Optional.of("only an approved emergency change is reviewed");
        }
        return Review.whyNot(state, record.getReview() != null, actor.person(), RealmIdentityComparison.INSTANCE);
    }

    /**
     * The review by the person the request is authenticated as: kept and journaled, or refused with the reason. Under
     * the build action's lock (the one its synchronized methods take), so that two reviewers cannot both close the
     * obligation, and no approval, expiry or abort swaps the record meanwhile.
     */
    static Decision review(GateAction action, String gateId, Actor actor, ReviewVerdict verdict,
            @CheckForNull String text) throws IOException {
        synchronized (action) {
            GateRecord record = action.record(gateId).orElseThrow(() -> new IllegalArgumentException("this build"
                    + " has no gate " + gateId));
            return review(action, record, actor, verdict, text);
        }
    }

    private static Decision review(GateAction action, GateRecord record, Actor actor, ReviewVerdict verdict,
            @CheckForNull String text) throws IOException {
        GateState state = state(record);
        EmergencyEntry emergency = record.getEmergency();
        if (state == null || emergency == null) {
            return Decision.refused(record, "Only an approved emergency change is reviewed; gate "
                    + record.getGateId() + " is not an emergency gate (" + record.getStatus() + ").");
        }
        Review review = Review.decide(state, record.getReview() != null, actor.person(), verdict, text,
                Instant.now(), RealmIdentityComparison.INSTANCE);
        Run<?, ?> run = action.run();
        String change = record.getChangeId();
        String changeId = change == null ? "" : change;
        try {
            GateJournal.get().append(EmergencyRecords.review(run.getParent().getFullName(), run.getNumber(),
                    record.getSystem(), changeId, emergency.getIncidentId(), record.getGateId(), review));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.SEVERE, "the audit journal could not record " + review + " of " + record, e);
            String failure = "The audit journal could not record this review (" + e.getMessage() + "); it is not"
                    + " kept, try again once the journal works.";
            return review.accepted() ? Decision.refused(record, "Review not recorded.", failure)
                    : Decision.refused(record, review.message(), failure);
        }
        if (!review.accepted()) {
            return Decision.refused(record, review.message());
        }
        GateRecord reviewed = record.withReview(new ReviewEntry(review.reviewer(), review.verdict().label(),
                review.text().orElse(null), review.at()));
        EmergencyReviewMonitor.refreshSoon(); // the journal closed the obligation: the administrators' list changes
        try {
            action.replace(reviewed);
        } catch (IOException | RuntimeException e) {
            // journal first, then build.xml: the review counts (audit emergencies, the monitor), the page lags; said
            // plainly rather than as a stack trace
            LOGGER.log(Level.SEVERE, "the build's record could not keep " + review + " of " + record, e);
            return Decision.refused(record, "The review is recorded in the audit journal, which closes the review"
                    + " obligation,", "but this build's record could not be saved (" + e.getMessage() + "): the gate"
                    + " page may still show the review as open.");
        }
        return Decision.accepted(reviewed, review.message(), false, null);
    }

    /** The policy's state of an approved emergency gate; {@code null} for any other gate (nothing to review). */
    @CheckForNull
    private static GateState state(GateRecord record) {
        String saved = record.getGateState();
        if (record.getEmergency() == null || saved == null) {
            return null;
        }
        try {
            return GateStateCodec.decode(saved);
        } catch (IOException e) {
            // a tampered or unreadable state: nobody reviews it here (fail closed), the administrators see it open
            LOGGER.log(Level.WARNING, "the saved state of " + record + " cannot be read", e);
            return null;
        }
    }
}
