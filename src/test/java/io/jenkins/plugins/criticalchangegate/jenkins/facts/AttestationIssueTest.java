package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The attestation of an approval is journaled before the build keeps it: a kept attestation is always journaled, and
 * nothing is journaled for a gate that may not be attested.
 */
public class AttestationIssueTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final AttestationEntry ENTRY = new AttestationEntry("{\"payloadType\":\"x\"}", "ab".repeat(32),
            "cd".repeat(32));

    private static GateRecord requested() {
        return GateRecord.builder("gate-7", "payments-api").changeId("CHG-1").requirement("1 approval", 1)
                .requested(AT, Deadline.after(AT, Duration.ofHours(1))).startedBy(List.of("alice"))
                .subjects(List.of(SubjectEntry.artifact("app.jar", "ef".repeat(32)))).build()
                .withEvidence(Map.of("status", "200"));
    }

    private static GateRecord approved() {
        return requested().with(TrailEntry.by(TrailEntry.Kind.APPROVED, AT, Actor.of("bob", List.of("sre")), "ok"))
                .settled(GateStatus.APPROVED);
    }

    @Test
    public void journalsFirstThenKeepsTheAttestedRecord() throws IOException {
        List<String> order = new ArrayList<>();
        List<GateRecord> kept = new ArrayList<>();
        GateRecord attested = AttestationIssue.issue(approved(), ENTRY, () -> order.add("journal"), r -> {
            order.add("keep");
            kept.add(r);
        });
        assertThat(order, contains("journal", "keep"));
        assertThat(attested.getAttestation(), is(ENTRY));
        assertThat(kept, contains(attested));
    }

    @Test
    public void aJournalFailureKeepsNothing() {
        List<GateRecord> kept = new ArrayList<>();
        IOException failure = assertThrows(IOException.class, () -> AttestationIssue.issue(approved(), ENTRY, () -> {
            throw new IOException("disk full");
        }, kept::add));
        assertThat(failure.getMessage(), is("disk full"));
        assertThat("an attestation the journal lacks is never kept, archived or returned", kept, is(empty()));
    }

    @Test
    public void aGateThatIsNotApprovedIsRefusedBeforeAnythingIsJournaled() {
        List<String> journaled = new ArrayList<>();
        for (GateRecord notApproved : List.of(requested(), requested().with(TrailEntry.by(TrailEntry.Kind.REJECTED,
                AT, Actor.of("dave", List.of("sre")), "no")).settled(GateStatus.REJECTED))) {
            assertThrows(IllegalStateException.class, () -> AttestationIssue.issue(notApproved, ENTRY,
                    () -> journaled.add("journal"), r -> journaled.add("keep")));
        }
        assertThat(journaled, is(empty()));
    }

    @Test
    public void anAttestedGateIsNotAttestedTwice() throws IOException {
        GateRecord once = AttestationIssue.issue(approved(), ENTRY, () -> { }, r -> { });
        List<String> journaled = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> AttestationIssue.issue(once, ENTRY,
                () -> journaled.add("journal"), r -> journaled.add("keep")));
        assertThat(journaled, is(empty()));
        assertThat(requested().getAttestation(), nullValue());
    }
}
