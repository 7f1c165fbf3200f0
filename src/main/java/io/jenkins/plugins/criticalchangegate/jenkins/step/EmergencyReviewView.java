package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Actor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.EmergencyEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.ReviewEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The review obligation of one emergency gate (issue 16), as the gate page and {@code api/json} show it
 * ({@code emergencyReview}): who must review, by when (once approved), and the review once given. A view over the
 * gate's record, made per request.
 */
@ExportedBean(defaultVisibility = 3)
public final class EmergencyReviewView {
    private final GateRecord record;
    private final EmergencyEntry emergency;

    EmergencyReviewView(GateRecord record) {
        this.record = record;
        EmergencyEntry e = record.getEmergency();
        if (e == null) {
            throw new IllegalArgumentException(record + " is not an emergency gate");
        }
        this.emergency = e;
    }

    /** The registry's {@code emergency.reviewers} when the gate was requested: groups and {@code user:<id>}. */
    @Exported
    public List<String> getReviewers() {
        return emergency.getReviewers();
    }

    /** When the review is due (ISO-8601): the approval plus {@code reviewWithin}; null until the gate is APPROVED. */
    @Exported
    @CheckForNull
    public String getDue() {
        return EmergencyEntry.reviewDue(record).map(Instant::toString).orElse(null);
    }

    /** Approved and not reviewed yet. */
    @Exported
    public boolean isOpen() {
        return EmergencyEntry.reviewDue(record).isPresent() && record.getReview() == null;
    }

    /** Open, and due before now. */
    @Exported
    public boolean isOverdue() {
        Optional<Instant> due = EmergencyEntry.reviewDue(record);
        return record.getReview() == null && due.isPresent() && due.get().isBefore(Instant.now());
    }

    @Exported
    @CheckForNull
    public String getReviewer() {
        ReviewEntry review = record.getReview();
        return review == null ? null : review.getReviewer();
    }

    /** {@code accepted} or {@code needs-follow-up}; null before the review. */
    @Exported
    @CheckForNull
    public String getVerdict() {
        ReviewEntry review = record.getReview();
        return review == null ? null : review.getVerdict();
    }

    @Exported
    @CheckForNull
    public String getText() {
        ReviewEntry review = record.getReview();
        return review == null ? null : review.getText();
    }

    /** When the review was given (ISO-8601); null before. */
    @Exported
    @CheckForNull
    public String getReviewedAt() {
        ReviewEntry review = record.getReview();
        return review == null ? null : review.at().toString();
    }

    /**
     * Why the person viewing the page may not review the gate now (the page shows it instead of the form); null when
     * they may. Not exported: it depends on who asks.
     */
    @CheckForNull
    public String getWhyNotReviewer() {
        Optional<Actor> actor = Actor.from(new JenkinsFacade().authentication());
        if (actor.isEmpty()) {
            return "Log in to review an emergency change.";
        }
        return EmergencyReviewing.whyNot(record, actor.get()).orElse(null);
    }
}
