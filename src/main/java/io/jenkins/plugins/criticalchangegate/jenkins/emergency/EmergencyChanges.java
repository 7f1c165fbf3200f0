package io.jenkins.plugins.criticalchangegate.jenkins.emergency;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The emergency (break-glass) approvals as the administrators' audit page marks them (issue 16, "marked in the audit
 * report"): overdue reviews, open ones, and the latest reviewed ones, from the monitor's snapshot of the journal (the
 * same records {@code audit emergencies} reads). Made per request from an immutable snapshot: nothing here reads the
 * journal, and no getter throws.
 */
public final class EmergencyChanges {
    /** The page lists at most this many reviewed approvals, newest first; the tool lists them all. */
    static final int REVIEWED_SHOWN = 50;

    private final List<EmergencyReviewMonitor.Row> overdue = new ArrayList<>();
    private final List<EmergencyReviewMonitor.Row> open = new ArrayList<>();
    private final List<EmergencyReviewMonitor.Row> reviewed = new ArrayList<>();
    private final int reviewedCount;
    @CheckForNull
    private final String failure;
    private final boolean read;

    EmergencyChanges(OpenReviews snapshot, Instant now) {
        this.failure = snapshot.failure();
        this.read = snapshot.isRead();
        int count = 0;
        for (EmergencyReviews.Entry entry : snapshot.all()) {
            EmergencyReviewMonitor.Row row = new EmergencyReviewMonitor.Row(entry, now);
            if (entry.review().isPresent()) {
                reviewed.add(row);
                count++;
            } else if (row.isOverdue()) {
                overdue.add(row);
            } else {
                open.add(row);
            }
        }
        this.reviewedCount = count;
        Collections.reverse(reviewed); // newest first
        if (reviewed.size() > REVIEWED_SHOWN) {
            reviewed.subList(REVIEWED_SHOWN, reviewed.size()).clear();
        }
    }

    /** Not reviewed, and due before now; oldest approval first. */
    public List<EmergencyReviewMonitor.Row> getOverdue() {
        return Collections.unmodifiableList(overdue);
    }

    /** Not reviewed, not due yet; oldest approval first. */
    public List<EmergencyReviewMonitor.Row> getOpen() {
        return Collections.unmodifiableList(open);
    }

    /** The latest {@link #REVIEWED_SHOWN} reviewed ones, newest approval first. */
    public List<EmergencyReviewMonitor.Row> getReviewed() {
        return Collections.unmodifiableList(reviewed);
    }

    /** How many reviewed approvals the journal holds (the page shows the latest only). */
    public int getReviewedCount() {
        return reviewedCount;
    }

    /** False while the journal's first read is still queued (the lists are then empty, not "none"). */
    public boolean isRead() {
        return read;
    }

    /** Why the journal could not be read (the lists are then empty, not "none"); {@code null} when it was. */
    @CheckForNull
    public String getFailure() {
        return failure;
    }
}
