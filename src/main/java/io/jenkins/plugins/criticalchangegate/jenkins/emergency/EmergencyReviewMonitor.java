package io.jenkins.plugins.criticalchangegate.jenkins.emergency;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells administrators, on Manage Jenkins and in the header's monitor count, which emergency (break-glass) approvals
 * still wait for their review, and which of those are overdue (issue 16): active while any review is open, with a link
 * to each gate's page, where the registry's reviewers give it. Also active, and saying so, when the journal cannot be
 * read: the open reviews are then unknown.
 *
 * <p>Jenkins asks {@link #isActivated()} while it renders pages (AdministrativeMonitor's javadoc: "called from the
 * HTML rendering thread, so it should run efficiently"), and {@code EmergencyReviews.read} scans the whole journal.
 * So the monitor only reads a cached snapshot; the journal is read on the plugin's pool ({@link BackgroundWork})
 * after each emergency approval and each review ({@link #refreshSoon()}), when the snapshot is missing or names
 * another journal directory than the one configured, and periodically ({@link EmergencyReviewRefresh}). The snapshot
 * is static because the gate's classes that change the journal have no reference to this extension; it names its
 * journal directory, so a snapshot of another Jenkins' journal (tests in one JVM) is never shown.
 *
 * <p>Visible with Administer, the default {@code getRequiredPermission()}: the list names jobs, systems and incidents
 * across the whole controller.
 */
@Extension
public final class EmergencyReviewMonitor extends AdministrativeMonitor {
    private static final Logger LOGGER = Logger.getLogger(EmergencyReviewMonitor.class.getName());

    private static final AtomicReference<OpenReviews> SNAPSHOT = new AtomicReference<>();
    /**
     * When the refresh now queued was queued ({@code System.nanoTime()}), or {@link #NONE}: further requests join it.
     * One queued longer than {@link #LOST_AFTER} counts as lost (a pool shut down before it ran, as Jenkins' shutdown
     * may drop queued work) and is queued again; reading twice is harmless.
     */
    private static final long NONE = Long.MIN_VALUE;
    private static final AtomicLong QUEUED_AT = new AtomicLong(NONE);
    private static final Duration LOST_AFTER = Duration.ofMinutes(1);

    public EmergencyReviewMonitor() {
        super(EmergencyReviewMonitor.class.getName());
    }

    @Override
    public String getDisplayName() {
        return "Critical change gate: emergency changes to review";
    }

    /** Any emergency approval without its review, or a journal that could not be read. */
    @Override
    public boolean isActivated() {
        OpenReviews reviews = current();
        return !reviews.open().isEmpty() || reviews.failure() != null;
    }

    /**
     * Each start of Jenkins forgets a refresh an earlier start in this JVM queued (JenkinsSessionRule restarts; the
     * pool that held it is gone, and the refresh would otherwise count as queued for {@link #LOST_AFTER}, so a review
     * given meanwhile would stay listed), and reads the journal once, so the monitor is right from the start.
     */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void startUp() {
        QUEUED_AT.set(NONE);
        refreshSoon();
    }

    /**
     * Reads the journal again on the plugin's pool, soon; requests while one is queued join it. Never blocks, never
     * throws: a full pool leaves the last snapshot, which the next request or the periodic refresh replaces.
     */
    public static void refreshSoon() {
        long now = System.nanoTime();
        long queued = QUEUED_AT.get();
        if (queued != NONE && now - queued < LOST_AFTER.toNanos() || !QUEUED_AT.compareAndSet(queued, now)) {
            return;
        }
        try {
            BackgroundWork.submit(() -> {
                QUEUED_AT.set(NONE); // a change journaled from now on queues another read
                refreshNow();
            });
        } catch (RejectedExecutionException e) {
            QUEUED_AT.set(NONE);
            LOGGER.log(Level.FINE, "the emergency reviews will be read later: the plugin's pool is full or stopping",
                    e);
        }
    }

    /**
     * Reads the configured journal now, on the calling thread (the plugin's pool). One read at a time, so that the
     * snapshot set last is always from the read that started last (a slow read never replaces a newer one).
     */
    static synchronized void refreshNow() {
        SNAPSHOT.set(OpenReviews.read(journal()));
    }

    /** The snapshot of the configured journal; none (and a refresh queued) while it has not been read. */
    private static OpenReviews current() {
        Path journal = journal();
        OpenReviews reviews = SNAPSHOT.get();
        if (reviews == null || !reviews.journal().equals(journal)) {
            refreshSoon();
            return OpenReviews.unread(journal);
        }
        return reviews;
    }

    private static Path journal() {
        return CriticalChangeGateConfiguration.get().journalPath();
    }

    /** The open reviews, oldest approval first, for {@code message.jelly}. */
    public List<Row> getOpenReviews() {
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (EmergencyReviews.Entry entry : current().open()) {
            rows.add(new Row(entry, now));
        }
        return rows;
    }

    /** How many of them are overdue now. */
    public int getOverdueCount() {
        return current().overdue(Instant.now()).size();
    }

    /** Why the journal could not be read; {@code null} when it was. */
    @CheckForNull
    public String getFailure() {
        return current().failure();
    }

    /** One open review, as {@code message.jelly} lists it. */
    public static final class Row {
        private final EmergencyReviews.Entry entry;
        private final boolean overdue;

        Row(EmergencyReviews.Entry entry, Instant now) {
            this.entry = entry;
            this.overdue = entry.overdue(now);
        }

        public String getSystem() {
            return entry.system();
        }

        public String getChangeId() {
            return entry.changeId();
        }

        public String getIncidentId() {
            return entry.incidentId();
        }

        public String getJob() {
            return entry.job();
        }

        public long getBuild() {
            return entry.build();
        }

        public String getApprovedAt() {
            return entry.approvedAt().toString();
        }

        public String getReviewDue() {
            return entry.reviewDue().toString();
        }

        public boolean isOverdue() {
            return overdue;
        }

        /** The reviewers the registry named, as the approval's record lists them. */
        public String getReviewers() {
            return String.join(", ", entry.reviewers());
        }

        /** The gate's page, relative to Jenkins' root; {@code null} for a record without a build. */
        @CheckForNull
        public String getGatePage() {
            return OpenReviews.gatePage(entry);
        }

        /** Who reviewed it; {@code null} while it is open. */
        @CheckForNull
        public String getReviewer() {
            return entry.review().map(EmergencyReviews.ReviewRecord::reviewer).orElse(null);
        }

        /** {@code accepted} or {@code needs-follow-up}; {@code null} while it is open. */
        @CheckForNull
        public String getVerdict() {
            return entry.review().map(EmergencyReviews.ReviewRecord::verdict).orElse(null);
        }

        /** What the reviewer wrote; {@code null} when nothing, or while it is open. */
        @CheckForNull
        public String getReviewText() {
            return entry.review().flatMap(EmergencyReviews.ReviewRecord::text).orElse(null);
        }

        /** When the review was journaled (ISO-8601); {@code null} while it is open. */
        @CheckForNull
        public String getReviewedAt() {
            return entry.review().map(r -> r.at().toString()).orElse(null);
        }
    }

    /**
     * The emergency approvals of the last snapshot, open, overdue and reviewed, for the administrators' audit page
     * ({@code AuditJournalLink}); like the monitor, it never reads the journal on the request thread.
     */
    public static EmergencyChanges changes() {
        return new EmergencyChanges(current(), Instant.now());
    }
}
