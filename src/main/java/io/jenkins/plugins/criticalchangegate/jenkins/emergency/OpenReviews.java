package io.jenkins.plugins.criticalchangegate.jenkins.emergency;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import io.jenkins.plugins.criticalchangegate.notify.GateLinks;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the monitor last read from the journal: every emergency approval with its review, if any (the open ones are
 * the monitor's, all of them the audit page's), or why the journal could not be read. An immutable snapshot; whether
 * a review is overdue is decided when it is shown (the due time is an instant in the journal, so neither the
 * controller's time zone nor a restart changes it).
 */
final class OpenReviews {
    private final Path journal;
    /** Every emergency approval, in journal order. */
    private final EmergencyReviews reviews;
    @CheckForNull
    private final String failure;
    /** False for the stand-in shown while the first read is queued: the page says "not read yet", not "none". */
    private final boolean read;

    private OpenReviews(Path journal, EmergencyReviews reviews, @CheckForNull String failure, boolean read) {
        this.journal = journal;
        this.reviews = reviews;
        this.failure = failure;
        this.read = read;
    }

    /** A journal that holds no approval (it does not exist yet). */
    static OpenReviews none(Path journal) {
        return new OpenReviews(journal, EmergencyReviews.none(), null, true);
    }

    /** Nothing read yet from {@code journal}: a read is queued. */
    static OpenReviews unread(Path journal) {
        return new OpenReviews(journal, EmergencyReviews.none(), null, false);
    }

    boolean isRead() {
        return read;
    }

    /**
     * Reads the journal in {@code journal} (a directory that does not exist yet holds no approval). Scans the whole
     * journal: call it off any request thread.
     */
    static OpenReviews read(Path journal) {
        if (!Files.isDirectory(journal)) {
            return none(journal);
        }
        try {
            return new OpenReviews(journal, EmergencyReviews.read(journal), null, true);
        } catch (IOException | RuntimeException e) {
            // the open reviews are unknown: the monitor says so rather than show none (fail loud)
            return new OpenReviews(journal, EmergencyReviews.none(), "the audit journal in " + journal + " could not be read: "
                    + e.getMessage(), true);
        }
    }

    Path journal() {
        return journal;
    }

    /** Every emergency approval read, reviewed or not, in journal order. */
    List<EmergencyReviews.Entry> all() {
        return reviews.all();
    }

    /** Those without a review. */
    List<EmergencyReviews.Entry> open() {
        return reviews.open();
    }

    List<EmergencyReviews.Entry> overdue(Instant now) {
        return reviews.overdue(now);
    }

    @CheckForNull
    String failure() {
        return failure;
    }

    /**
     * The gate's page relative to Jenkins' root ({@code job/folder/job/name/42/critical-change-gate/#gate-7}), from
     * the job's full name and build number the journal names; {@code null} for a record without a build (a
     * simulation journaled into this journal).
     */
    @CheckForNull
    static String gatePage(EmergencyReviews.Entry entry) {
        if (entry.build() <= 0 || entry.job().isEmpty()) {
            return null;
        }
        StringBuilder url = new StringBuilder(GateLinks.relative(entry.job(), entry.build()).gateUrl());
        entry.gateId().ifPresent(id -> url.append('#').append(segment(id)));
        return url.toString();
    }

    /** A path segment, percent-encoded ({@code my job} becomes {@code my%20job}). */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
