package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gate record keeps of an emergency (break-glass) request, issue 16: the incident, and the review the registry
 * asked for when the gate was requested (within how long after the approval, by whom). Plain fields, so Jenkins'
 * XStream keeps it in build.xml; the review itself is a {@link ReviewEntry}, added after the decision.
 */
public final class EmergencyEntry {
    private final String incidentId;
    private final long reviewWithinMillis;
    // @CheckForNull: never null when written by this class, but XStream leaves a field missing from build.xml null
    @CheckForNull
    private final ArrayList<String> reviewers;

    EmergencyEntry(String incidentId, long reviewWithinMillis, List<String> reviewers) {
        this.incidentId = Objects.requireNonNull(incidentId, "incidentId");
        this.reviewWithinMillis = reviewWithinMillis;
        this.reviewers = new ArrayList<>(reviewers);
    }

    public String getIncidentId() {
        return incidentId;
    }

    /** The groups and {@code user:<id>} the registry named as reviewers ({@code emergency.reviewers}). */
    public List<String> getReviewers() {
        return reviewers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(reviewers));
    }

    public Duration reviewWithin() {
        return Duration.ofMillis(reviewWithinMillis);
    }

    /**
     * When the review of an approved emergency gate is due: the approval (the trail's PASSED entry, the instant the
     * journal's {@code approvedAt} also names) plus {@code reviewWithin}; empty while the gate is not APPROVED.
     */
    public static Optional<Instant> reviewDue(GateRecord record) {
        EmergencyEntry emergency = record.getEmergency();
        if (emergency == null || record.getStatus() != GateStatus.APPROVED) {
            return Optional.empty();
        }
        Instant approved = null;
        for (TrailEntry entry : record.getTrail()) {
            if (entry.getKind() == TrailEntry.Kind.PASSED) {
                approved = entry.at();
            }
        }
        return approved == null ? Optional.empty() : Optional.of(approved.plus(emergency.reviewWithin()));
    }

    @Override
    public String toString() {
        return "emergency (incident " + incidentId + ", review within " + reviewWithin() + " by " + getReviewers()
                + ")";
    }
}
