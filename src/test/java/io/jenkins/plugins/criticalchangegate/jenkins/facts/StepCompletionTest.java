package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import com.thoughtworks.xstream.XStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Every settled status completes the step exactly one way, and the same way after a restart: "after a restart" is the
 * record written to XML and read back by the XStream Jenkins bundles (1.4.21), as build.xml is, then judged again.
 */
public class StepCompletionTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** What each status must give; a new status without an expectation here fails {@link #everyStatusIsCovered}. */
    private static final Map<GateStatus, Expected> EXPECTED = new EnumMap<>(GateStatus.class);

    static {
        EXPECTED.put(GateStatus.PENDING, new Expected(StepCompletion.Kind.WAIT, "waits for approval"));
        EXPECTED.put(GateStatus.HELD, new Expected(StepCompletion.Kind.WAIT, "is held until checkout-service takes"
                + " changes again"));
        EXPECTED.put(GateStatus.APPROVED, new Expected(StepCompletion.Kind.PROCEED, "approved for checkout-service"
                + " by bob, carol"));
        EXPECTED.put(GateStatus.REJECTED, new Expected(StepCompletion.Kind.ABORT_BUILD, "rejected by dave: rollback"
                + " plan missing"));
        EXPECTED.put(GateStatus.EXPIRED, new Expected(StepCompletion.Kind.ABORT_BUILD, "no decision before"
                + " 2026-12-07T12:00:00Z (EXPIRED)"));
        EXPECTED.put(GateStatus.ABORTED, new Expected(StepCompletion.Kind.ABORT_BUILD, "aborted by erin: stopped from"
                + " the UI"));
        EXPECTED.put(GateStatus.DOCUMENTATION_REFUSED, new Expected(StepCompletion.Kind.FAIL, "documentation of"
                + " CHG-1234 refused: CHANGE_ID_MISSING: the page does not mention CHG-1234"));
        EXPECTED.put(GateStatus.NOT_CRITICAL, new Expected(StepCompletion.Kind.PROCEED, "is not a critical system"));
    }

    @Test
    public void everyStatusIsCovered() {
        List<GateStatus> missing = new ArrayList<>();
        for (GateStatus status : GateStatus.values()) {
            if (!EXPECTED.containsKey(status)) {
                missing.add(status);
            }
        }
        assertThat("statuses without an expected completion", missing, is(empty()));
    }

    @Test
    public void everyStatusCompletesAsExpectedBeforeAndAfterARestart() {
        for (GateStatus status : GateStatus.values()) {
            GateRecord record = inStatus(status);
            Expected expected = EXPECTED.get(status);
            for (GateRecord judged : List.of(record, afterRestart(record))) {
                StepCompletion completion = StepCompletion.of(judged);
                assertThat(status + ": kind", completion.kind(), is(expected.kind));
                assertThat(status + ": message", completion.message(), containsString(expected.message));
            }
            assertThat(status + ": the same completion after a restart",
                    StepCompletion.of(afterRestart(record)).toString(), is(StepCompletion.of(record).toString()));
        }
    }

    @Test
    public void anApprovedGateReturnsItsDecisionToTheScript() {
        for (GateRecord record : List.of(inStatus(GateStatus.APPROVED), afterRestart(inStatus(GateStatus.APPROVED)))) {
            Map<String, Object> value = StepCompletion.of(record).returnValue();
            assertThat(value, hasEntry("outcome", "APPROVED"));
            assertThat(value, hasEntry("approvers", List.of("bob", "carol")));
            assertThat(value, hasEntry("gateId", "gate-12"));
        }
    }

    @Test
    public void anApprovalTheJournalMissedFailsTheStepEvenAfterARestart() {
        GateRecord record = inStatus(GateStatus.APPROVED).withJournalFailure("No space left on device");
        for (GateRecord judged : List.of(record, afterRestart(record))) {
            StepCompletion completion = StepCompletion.of(judged);
            assertThat(completion.kind(), is(StepCompletion.Kind.FAIL));
            assertThat(completion.message(), containsString("was APPROVED for checkout-service but the audit"
                    + " journal could not record it (No space left on device); the change does not proceed"));
            assertThrows(IllegalStateException.class, completion::returnValue);
        }
    }

    @Test
    public void aStopOrRejectionTheJournalMissedStillStopsTheBuildAndSaysSo() {
        for (GateStatus status : List.of(GateStatus.REJECTED, GateStatus.EXPIRED, GateStatus.ABORTED)) {
            GateRecord record = inStatus(status).withJournalFailure("journal locked");
            StepCompletion completion = StepCompletion.of(afterRestart(record));
            assertThat(status.name(), completion.kind(), is(StepCompletion.Kind.ABORT_BUILD));
            assertThat(status.name(), completion.message(), containsString("the audit journal could not record this"
                    + " gate: journal locked"));
        }
    }

    @Test
    public void theFirstJournalFailureIsTheOneKept() {
        GateRecord record = inStatus(GateStatus.PENDING).withJournalFailure("first").withJournalFailure("second");
        assertThat(afterRestart(record).getJournalFailure(), is("first"));
    }

    @Test
    public void aRecordWithoutItsTrailStillCompletes() {
        // build.xml edited by hand, or an older record: the completion names what it does not know
        GateRecord bare = GateRecord.builder("gate-3", "checkout-service").changeId("CHG-9")
                .requirement("2 approvals", 2).requested(T0, Deadline.after(T0, Duration.ofHours(2))).build()
                .settled(GateStatus.REJECTED);
        StepCompletion completion = StepCompletion.of(afterRestart(bare));
        assertThat(completion.kind(), is(StepCompletion.Kind.ABORT_BUILD));
        assertThat(completion.message(), containsString("rejected by unknown: no reason recorded"));
        assertThat(completion.message(), not(containsString("null")));
    }

    private static GateRecord requested() {
        return GateRecord.builder("gate-12", "checkout-service").systemName("Checkout").changeId("CHG-1234")
                .documentationUrl("https://wiki.example.com/CHG-1234").requirement("2 approvals", 2)
                .requested(T0, Deadline.after(T0, Duration.ofHours(2))).startedBy(List.of("alice")).build();
    }

    private static GateRecord inStatus(GateStatus status) {
        GateRecord r = requested();
        switch (status) {
            case PENDING:
                return r;
            case HELD:
                return r.with(TrailEntry.of(TrailEntry.Kind.HELD, T0, null, "freeze 'quarter-end-close'"))
                        .withStatus(GateStatus.HELD);
            case APPROVED:
                return r.with(approval("bob")).with(approval("carol"))
                        .with(TrailEntry.of(TrailEntry.Kind.PASSED, T0.plusSeconds(30), null, null))
                        .settled(GateStatus.APPROVED);
            case REJECTED:
                return r.with(TrailEntry.by(TrailEntry.Kind.REJECTED, T0.plusSeconds(40),
                        Actor.of("dave", List.of("sre")), "rollback plan missing")).settled(GateStatus.REJECTED);
            case EXPIRED:
                return r.with(TrailEntry.of(TrailEntry.Kind.EXPIRED, T0.plus(Duration.ofHours(2)), null, null))
                        .settled(GateStatus.EXPIRED);
            case ABORTED:
                return r.with(TrailEntry.of(TrailEntry.Kind.ABORTED, T0.plusSeconds(50), "erin", "stopped from the UI"))
                        .settled(GateStatus.ABORTED);
            case DOCUMENTATION_REFUSED:
                return r.with(TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_REFUSED, T0, null,
                        "CHANGE_ID_MISSING: the page does not mention CHG-1234"))
                        .settled(GateStatus.DOCUMENTATION_REFUSED);
            case NOT_CRITICAL:
                return r.settled(GateStatus.NOT_CRITICAL);
            default:
                throw new AssertionError("no record for " + status);
        }
    }

    private static TrailEntry approval(String who) {
        return TrailEntry.by(TrailEntry.Kind.APPROVED, T0.plusSeconds(10), Actor.of(who, List.of("sre")), null);
    }

    /** The record as build.xml keeps it and a restarted Jenkins reads it back. */
    private static GateRecord afterRestart(GateRecord record) {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.criticalchangegate.**"});
        String xml = xstream.toXML(record);
        assertThat(xml, containsString("<status>" + record.getStatus().name() + "</status>"));
        return (GateRecord) xstream.fromXML(xml);
    }

    private static final class Expected {
        final StepCompletion.Kind kind;
        final String message;

        Expected(StepCompletion.Kind kind, String message) {
            this.kind = kind;
            this.message = message;
        }
    }
}
