package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class GateRecordTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static GateRecord requested() {
        return GateRecord.builder("gate-7", "checkout-service").systemName("Checkout").changeId("CHG-1234")
                .documentationUrl("https://wiki.example.com/CHG-1234").requirement("2 approvals", 2)
                .requested(T0, Deadline.after(T0, Duration.ofHours(1))).startedBy(List.of("alice")).build();
    }

    @Test
    public void keepsTheTrailInOrderAndDerivesTheApprovers() {
        GateRecord record = requested()
                .with(TrailEntry.by(TrailEntry.Kind.APPROVED, T0.plusSeconds(5), Actor.of("bob", List.of("sre")), "ok"))
                .with(TrailEntry.by(TrailEntry.Kind.REFUSED, T0.plusSeconds(6), Actor.of("alice", List.of()),
                        "STARTED_THE_BUILD"))
                .with(TrailEntry.by(TrailEntry.Kind.APPROVED, T0.plusSeconds(7), Actor.of("carol", List.of()), null));
        assertThat(record.approverIds(), contains("bob", "carol"));
        assertThat(record.refusals().size(), is(1));
        assertThat(record.getTrail().size(), is(3));
        assertThat(record.deadline().dueAt(), is(T0.plus(Duration.ofHours(1))));
    }

    @Test
    public void aRecordIsNeverChangedInPlace() {
        GateRecord before = requested();
        GateRecord after = before.with(TrailEntry.of(TrailEntry.Kind.EXPIRED, T0, null, null));
        assertThat(before.getTrail().size(), is(0));
        assertThat(after.getTrail().size(), is(1));
    }

    @Test
    public void isSettledOnlyOnce() {
        GateRecord approved = requested().settled(GateStatus.APPROVED);
        assertThat(approved.getStatus(), is(GateStatus.APPROVED));
        assertThrows(IllegalStateException.class, () -> approved.settled(GateStatus.REJECTED));
    }

    @Test
    public void theDecisionIsThePlainMapTheScriptReads() {
        GateRecord record = requested()
                .with(TrailEntry.by(TrailEntry.Kind.APPROVED, T0, Actor.of("bob", List.of()), null))
                .settled(GateStatus.APPROVED);
        Map<String, Object> decision = StepResult.of(record);
        assertThat(decision, hasEntry("outcome", (Object) "APPROVED"));
        assertThat(decision, hasEntry("approvers", (Object) List.of("bob")));
        assertThat(decision, hasEntry("changeId", (Object) "CHG-1234"));
        assertThat(decision, hasEntry("system", (Object) "checkout-service"));
    }

    @Test
    public void gateIdsAreSafePathSegments() {
        assertThat(GateRecord.isValidGateId("gate-12"), is(true));
        assertThat(GateRecord.isValidGateId("../x"), is(false));
        assertThat(GateRecord.isValidGateId(""), is(false));
        assertThrows(IllegalArgumentException.class, () -> GateRecord.builder("a/b", "s"));
    }

    @Test
    public void theDeadlineSurvivesJavaSerializationAsProgramDatUsesIt() throws Exception {
        Deadline deadline = Deadline.after(T0, Duration.ofMinutes(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(deadline);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject(), is(deadline));
        }
    }
}
