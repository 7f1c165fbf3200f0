package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The emergency records and the review obligations read back from a real journal (issue 16). */
public class EmergencyReviewsTest {
    private static final Instant APPROVED = Instant.parse("2026-10-24T23:30:00Z");
    private static final EmergencyPolicy PATH = new EmergencyPolicy(List.of(ApproverRef.group("incident-commanders")),
            1, null, Duration.ofHours(12), List.of(ApproverRef.group("sre-leads")));
    private static final CriticalSystem CHECKOUT = CriticalSystem.builder("checkout-service")
            .approvers("checkout-leads").emergency(PATH).build();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Gate approvedGate(String change) {
        Gate gate = Gate.open(new GateRequest(CHECKOUT, change, "carol", Set.of(), APPROVED.minusSeconds(60))
                .withEmergency("INC-1"), IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("ian", "incident-commanders"), null, APPROVED);
        return gate;
    }

    /** Journals an approved emergency gate as Jenkins does, in a journal opened (and closed) for it alone. */
    private static void journalApproval(Path dir, Gate gate, Instant clock) throws IOException {
        GateRequest request = gate.state().request();
        GateEvent approved = gate.state().decision().orElseThrow();
        GateEventRecords records = new GateEventRecords("deploy", 7, "checkout-service", request.changeId());
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder()
                .clock(Clock.fixed(clock, ZoneOffset.UTC)).build())) {
            journal.append(EmergencyRecords.requested(AuditEvent.gateRequested("deploy", 7, "checkout-service",
                    request.changeId(), null, "carol"), request));
            journal.append(EmergencyRecords.documentationChecked(AuditEvent.documentationChecked("deploy", 7,
                    "checkout-service", request.changeId(), "https://wiki.example.com/x", "UNREACHABLE", Map.of()),
                    request));
            for (AuditEvent event : records.of(approved, List.of("ian"))) {
                journal.append(event.type() == AuditEventType.DECIDED
                        ? EmergencyRecords.decided(event, request, approved.at()) : event);
            }
        }
    }

    @Test
    public void theRecordsSayEmergencyAndTheDueTimeSurvivesAReopenedJournal() throws Exception {
        Path dir = tmp.getRoot().toPath();
        // the journal's own clock is a day later (a slow writer): the due time is the approval's plus reviewWithin
        journalApproval(dir, approvedGate("CHG-1"), APPROVED.plus(Duration.ofDays(1)));
        EmergencyReviews reviews = EmergencyReviews.read(dir);
        assertThat(reviews.all().size(), is(1));
        EmergencyReviews.Entry entry = reviews.all().get(0);
        assertThat(entry.approvedAt(), is(APPROVED));
        assertThat(entry.reviewDue(), is(Instant.parse("2026-10-25T11:30:00Z")));
        assertThat(entry.approvers(), contains("ian"));
        assertThat(entry.reviewers(), contains("sre-leads"));

        List<String> types = new ArrayList<>();
        List<Map<String, Object>> fields = new ArrayList<>();
        JournalQuery.builder().build().forEach(dir, (r, line) -> {
            types.add(r.type().name());
            fields.add(r.fields());
        });
        assertThat(types, contains("JOURNAL_CREATED", "GATE_REQUESTED", "DOCUMENTATION_CHECKED", "DECIDED"));
        assertThat(fields.get(1).get("emergency"), is(true));
        assertThat(fields.get(1).get("incidentId"), is("INC-1"));
        assertThat(fields.get(1).get("emergencyRequirement").toString(), containsString("reviewWithin=12h"));
        assertThat(fields.get(2).get("advisory"), is(true));
        assertThat(fields.get(3).get("reviewDue"), is("2026-10-25T11:30:00Z"));

        // a review appended after a restart (a new journal handle) closes it
        Review review = Review.decide(approvedGate("CHG-1").state(), false, Person.of("sam", "sre-leads"),
                ReviewVerdict.ACCEPTED, "fine", APPROVED.plusSeconds(3600), IdentityComparison.IGNORING_CASE);
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(EmergencyRecords.review("deploy", 7, "checkout-service", "CHG-1", "INC-1", "gate-1",
                    review));
        }
        EmergencyReviews after = EmergencyReviews.read(dir);
        assertThat(after.open().size(), is(0));
        assertThat(after.all().get(0).review().orElseThrow().reviewer(), is("sam"));
        assertThat(JournalVerifier.verify(dir, null).intact(), is(true));
    }

    @Test
    public void overdueDependsOnTheInstantNeverOnTheZoneItIsWrittenIn() throws Exception {
        Path dir = tmp.getRoot().toPath();
        journalApproval(dir, approvedGate("CHG-2"), APPROVED); // the night the clocks go back in Europe
        EmergencyReviews.Entry entry = EmergencyReviews.read(dir).all().get(0);
        for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham")) {
            ZonedDateTime due = entry.reviewDue().atZone(ZoneId.of(zone));
            assertThat(zone, entry.overdue(due.minusSeconds(1).toInstant()), is(false));
            assertThat(zone, entry.overdue(due.toInstant()), is(false));
            assertThat(zone, entry.overdue(due.plusSeconds(1).toInstant()), is(true));
        }
        // 12 hours of elapsed time, though Berlin's wall clock moves 11 that night
        assertThat(Duration.between(entry.approvedAt(), entry.reviewDue()), is(Duration.ofHours(12)));
        assertThat(EmergencyReviews.read(dir).overdue(Instant.parse("2026-10-25T11:30:01Z")).size(), is(1));
    }

    @Test
    public void aUsualGateOpensNoReviewAndBrokenTimesAreRefused() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(AuditEvent.decided("deploy", 1, "checkout-service", "CHG-3", "APPROVED", List.of("a", "b")));
        }
        assertThat(EmergencyReviews.read(dir).all().size(), is(0));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(AuditEvent.decided("deploy", 2, "checkout-service", "CHG-4", "APPROVED", List.of("a"))
                    .with("emergency", true).with("incidentId", "INC-2").with("approvedAt", "yesterday"));
        }
        assertThat(assertThrows(IOException.class, () -> EmergencyReviews.read(dir)).getMessage(),
                containsString("approvedAt 'yesterday' is not an ISO-8601 instant"));
        assertThat(Files.exists(dir.resolve("journal-000001.jsonl")), is(true));
    }
}
