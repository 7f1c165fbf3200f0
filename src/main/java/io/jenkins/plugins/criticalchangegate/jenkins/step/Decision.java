package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;

/** The answer to an approval or a rejection, as the build action gives it to the gate's endpoints. */
final class Decision {
    final GateRecord record;
    final boolean accepted;
    final boolean decisive;
    final String message;
    /** Why the journal could not record the attempt; {@code null} when it did. */
    @CheckForNull
    final String journalFailure;

    private Decision(GateRecord record, boolean accepted, boolean decisive, String message,
            @CheckForNull String journalFailure) {
        this.record = record;
        this.accepted = accepted;
        this.decisive = decisive;
        this.message = message;
        this.journalFailure = journalFailure;
    }

    static Decision accepted(GateRecord record, String message, boolean decisive,
            @CheckForNull String journalFailure) {
        return new Decision(record, true, decisive, message, journalFailure);
    }

    /** Nobody can act on a gate that never opened (its documentation was refused, or the build stopped first). */
    static Decision neverOpened(GateRecord record) {
        return refused(record, "This gate is closed (" + record.getStatus() + "): it never waited for approvals, so"
                + " nobody can approve or reject it.");
    }

    static Decision refused(GateRecord record, String message) {
        return new Decision(record, false, false, message, null);
    }

    static Decision refused(GateRecord record, String message, @CheckForNull String journalFailure) {
        return new Decision(record, false, false, message, journalFailure);
    }
}
