package io.jenkins.plugins.criticalchangegate.jenkins.emergency;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.audit.GateEventRecords;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.policy.Review;
import io.jenkins.plugins.criticalchangegate.policy.ReviewVerdict;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What the administrators' monitor shows, read from a real journal as Jenkins writes it (issue 16): the open reviews,
 * the overdue ones at a given time, a link to each gate's page, and a journal that cannot be read said so.
 */
public class OpenReviewsTest {
    private static final Instant APPROVED = Instant.parse("2026-10-24T23:30:00Z");
    private static final EmergencyPolicy PATH = new EmergencyPolicy(List.of(ApproverRef.group("incident-commanders")),
            1, null, Duration.ofHours(12), List.of(ApproverRef.group("sre-leads")));
    private static final CriticalSystem CHECKOUT = CriticalSystem.builder("checkout-service")
            .approvers("checkout-leads").emergency(PATH).build();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Journals an approved emergency gate of build {@code build} of {@code job}, as AuditEvents does. */
    private static Gate journalApproval(AuditJournal journal, String job, int build, String gateId)
            throws Exception {
        Gate gate = Gate.open(new GateRequest(CHECKOUT, "CHG-" + build, "carol", Set.of(), APPROVED.minusSeconds(60))
                .withEmergency("INC-" + build), IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("ian", "incident-commanders"), null, APPROVED);
        GateEvent approved = gate.state().decision().orElseThrow();
        for (AuditEvent event : new GateEventRecords(job, build, "checkout-service", "CHG-" + build)
                .of(approved, List.of("ian"))) {
            journal.append(event.type() == AuditEventType.DECIDED ? EmergencyRecords.decided(event,
                    gate.state().request(), approved.at()).with(EmergencyRecords.GATE_ID, gateId) : event);
        }
        return gate;
    }

    @Test
    public void listsOpenReviewsWithTheirGatePagesAndDropsReviewedOnes() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journalApproval(journal, "team/hot fix", 7, "gate-12");
            Gate reviewed = journalApproval(journal, "deploy", 8, "gate-3");
            Review review = Review.decide(reviewed.state(), false, Person.of("rita", "sre-leads"),
                    ReviewVerdict.ACCEPTED, null, APPROVED.plusSeconds(60), IdentityComparison.IGNORING_CASE);
            journal.append(EmergencyRecords.review("deploy", 8, "checkout-service", "CHG-8", "INC-8", "gate-3",
                    review));
        }
        OpenReviews reviews = OpenReviews.read(dir);
        assertThat(reviews.failure(), nullValue());
        assertThat(reviews.open().size(), is(1));
        assertThat(reviews.open().get(0).incidentId(), is("INC-7"));
        assertThat(OpenReviews.gatePage(reviews.open().get(0)),
                is("job/team/job/hot%20fix/7/critical-change-gate/#gate-12"));
        assertThat("not due before approval + 12h", reviews.overdue(APPROVED.plus(Duration.ofHours(12))).size(),
                is(0));
        assertThat(reviews.overdue(APPROVED.plus(Duration.ofHours(12)).plusSeconds(1)).size(), is(1));
    }

    /**
     * The audit page's marks (issue 16, "marked in the audit report"): overdue, open and reviewed, from one snapshot,
     * each row with what the page prints (a getter that threw would answer 500 to every administrator).
     */
    @Test
    public void theAuditPageMarksOverdueOpenAndReviewedApprovals() throws Exception {
        Path dir = tmp.newFolder("marks").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journalApproval(journal, "deploy", 1, "gate-1");
            Gate reviewed = journalApproval(journal, "deploy", 2, "gate-2");
            journalApproval(journal, "simulated", 0, "gate-0");
            Review review = Review.decide(reviewed.state(), false, Person.of("rita", "sre-leads"),
                    ReviewVerdict.NEEDS_FOLLOW_UP, "write the post-mortem", APPROVED.plusSeconds(60),
                    IdentityComparison.IGNORING_CASE);
            journal.append(EmergencyRecords.review("deploy", 2, "checkout-service", "CHG-2", "INC-2", "gate-2",
                    review));
        }
        OpenReviews snapshot = OpenReviews.read(dir);
        assertThat(snapshot.all().size(), is(3));
        assertThat(snapshot.open().size(), is(2));

        EmergencyChanges beforeDue = new EmergencyChanges(snapshot, APPROVED.plus(Duration.ofHours(1)));
        assertThat(beforeDue.isRead(), is(true));
        assertThat(beforeDue.getOverdue().size(), is(0));
        assertThat(beforeDue.getOpen().size(), is(2));
        assertThat(beforeDue.getOpen().get(1).getGatePage(), nullValue());
        EmergencyChanges afterDue = new EmergencyChanges(snapshot, APPROVED.plus(Duration.ofHours(13)));
        assertThat(afterDue.getOverdue().size(), is(2));
        assertThat(afterDue.getOpen().size(), is(0));
        assertThat(afterDue.getReviewedCount(), is(1));
        EmergencyReviewMonitor.Row row = afterDue.getReviewed().get(0);
        assertThat(row.getIncidentId(), is("INC-2"));
        assertThat(row.getReviewer(), is("rita"));
        assertThat(row.getVerdict(), is("needs-follow-up"));
        assertThat(row.getReviewText(), is("write the post-mortem"));
        assertThat(row.getReviewedAt(), notNullValue());
        assertThat(row.isOverdue(), is(false));
        assertThat(afterDue.getOverdue().get(0).getReviewer(), nullValue());
    }

    @Test
    public void aSnapshotNotReadYetIsNotShownAsNone() {
        EmergencyChanges unread = new EmergencyChanges(OpenReviews.unread(tmp.getRoot().toPath()), APPROVED);
        assertThat(unread.isRead(), is(false));
        EmergencyChanges none = new EmergencyChanges(OpenReviews.read(tmp.getRoot().toPath().resolve("absent")),
                APPROVED);
        assertThat(none.isRead(), is(true));
        assertThat(none.getOpen().isEmpty(), is(true));
    }

    @Test
    public void aJournalNotWrittenYetHoldsNoReview() {
        OpenReviews reviews = OpenReviews.read(tmp.getRoot().toPath().resolve("absent"));
        assertThat(reviews.open().isEmpty(), is(true));
        assertThat(reviews.failure(), nullValue());
    }

    @Test
    public void aJournalThatCannotBeReadIsSaidSo() throws Exception {
        Path dir = tmp.newFolder("broken").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journalApproval(journal, "deploy", 9, "gate-1");
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".jsonl")) {
                    Files.write(file, "not a record\n".getBytes(StandardCharsets.UTF_8),
                            java.nio.file.StandardOpenOption.APPEND);
                }
            }
        }
        OpenReviews reviews = OpenReviews.read(dir);
        assertThat(reviews.failure(), notNullValue());
        assertThat(reviews.failure(), containsString("could not be read"));
    }
}
