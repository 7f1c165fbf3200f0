package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the {@code criticalChangeGate} step completes for a gate, decided from the gate's record alone: the record is
 * what build.xml keeps, so the step completes the same way whether the decision is applied at once (from the
 * approval request, the expiry timer, the documentation check) or after a controller restart (from the record read
 * back). Every status has exactly one completion:
 *
 * <ul>
 *   <li>PENDING, HELD: none yet, the step waits;</li>
 *   <li>APPROVED: the build goes on with the decision as the step's value, unless the audit journal missed an event
 *       of the gate: then the step fails (a change auditors cannot find in the journal does not ship);</li>
 *   <li>REJECTED, EXPIRED, ABORTED: the build stops as ABORTED, naming who and why (as a rejected {@code input});</li>
 *   <li>DOCUMENTATION_REFUSED: the step fails with the refusal;</li>
 *   <li>NOT_CRITICAL: the build goes on (never kept as a record; here so the rule is total).</li>
 * </ul>
 */
public final class StepCompletion {
    /** What the step does. */
    public enum Kind {
        /** Nothing yet: the gate waits for approvals. */
        WAIT,
        /** The step returns {@link #returnValue()} and the build goes on. */
        PROCEED,
        /** The build stops as ABORTED, with {@link #message()} as the cause of interruption. */
        ABORT_BUILD,
        /** The step fails with {@link #message()}. */
        FAIL
    }

    private final Kind kind;
    private final String message;
    @CheckForNull
    private final Map<String, Object> returnValue;

    private StepCompletion(Kind kind, String message, @CheckForNull Map<String, Object> returnValue) {
        this.kind = kind;
        this.message = message;
        this.returnValue = returnValue == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(returnValue));
    }

    /** The completion for a gate in the state {@code record} says. */
    public static StepCompletion of(GateRecord record) {
        String change = record.getChangeId() == null ? "the change" : record.getChangeId();
        String gate = "Critical change gate for " + record.getSystem();
        String journal = record.getJournalFailure();
        switch (record.getStatus()) {
            case PENDING:
                return new StepCompletion(Kind.WAIT, change + " waits for approval of " + record.getSystem(), null);
            case HELD:
                return new StepCompletion(Kind.WAIT, change + " is held until " + record.getSystem() + " takes changes"
                        + " again", null);
            case APPROVED:
                if (journal != null) {
                    return new StepCompletion(Kind.FAIL, change + " was APPROVED for " + record.getSystem()
                            + " but the audit journal could not record it (" + journal + "); the change does not"
                            + " proceed. Request a new gate once the journal works again.", null);
                }
                if (!record.getSubjects().isEmpty() && record.getAttestation() == null) {
                    // the step attests before it completes: an approval about named subjects without its signed
                    // attestation is one that could not be attested, and deploy targets would refuse it
                    return new StepCompletion(Kind.FAIL, change + " was APPROVED for " + record.getSystem()
                            + " but its attestation was not made; the change does not proceed.", null);
                }
                return new StepCompletion(Kind.PROCEED, change + " approved for " + record.getSystem() + " by "
                        + String.join(", ", record.approverIds()), StepResult.of(record));
            case REJECTED: {
                TrailEntry rejection = last(record, TrailEntry.Kind.REJECTED);
                return new StepCompletion(Kind.ABORT_BUILD, gate + ": rejected by " + actor(rejection) + ": "
                        + detail(rejection, "no reason recorded") + journalNote(journal), null);
            }
            case EXPIRED:
                return new StepCompletion(Kind.ABORT_BUILD, gate + ": no decision before "
                        + record.deadline().dueAt() + " (EXPIRED)" + journalNote(journal), null);
            case ABORTED: {
                TrailEntry abort = last(record, TrailEntry.Kind.ABORTED);
                return new StepCompletion(Kind.ABORT_BUILD, gate + ": aborted by " + actor(abort) + ": "
                        + detail(abort, "the build was stopped") + journalNote(journal), null);
            }
            case DOCUMENTATION_REFUSED: {
                TrailEntry refusal = last(record, TrailEntry.Kind.DOCUMENTATION_REFUSED);
                return new StepCompletion(Kind.FAIL, "documentation of " + change + " refused: "
                        + detail(refusal, "no reason recorded"), null);
            }
            case NOT_CRITICAL:
                return new StepCompletion(Kind.PROCEED, record.getSystem() + " is not a critical system",
                        StepResult.notCritical(record.getSystem(), record.getChangeId()));
            default:
                throw new IllegalStateException("no completion for " + record.getStatus());
        }
    }

    public Kind kind() {
        return kind;
    }

    /** For the build log, and the failure or interruption message. */
    public String message() {
        return message;
    }

    /**
     * The step's value, for {@link Kind#PROCEED} only.
     *
     * @throws IllegalStateException for any other kind
     */
    public Map<String, Object> returnValue() {
        if (returnValue == null) {
            throw new IllegalStateException("a " + kind + " completion returns nothing");
        }
        return new LinkedHashMap<>(returnValue);
    }

    @CheckForNull
    private static TrailEntry last(GateRecord record, TrailEntry.Kind kind) {
        List<TrailEntry> trail = record.getTrail();
        for (int i = trail.size() - 1; i >= 0; i--) {
            if (trail.get(i).getKind() == kind) {
                return trail.get(i);
            }
        }
        return null;
    }

    private static String actor(@CheckForNull TrailEntry entry) {
        String actor = entry == null ? null : entry.getActor();
        return actor == null ? "unknown" : actor;
    }

    private static String detail(@CheckForNull TrailEntry entry, String otherwise) {
        String detail = entry == null ? null : entry.getDetail();
        return detail == null ? otherwise : detail;
    }

    private static String journalNote(@CheckForNull String journalFailure) {
        return journalFailure == null ? "" : " (the audit journal could not record this gate: " + journalFailure + ")";
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
