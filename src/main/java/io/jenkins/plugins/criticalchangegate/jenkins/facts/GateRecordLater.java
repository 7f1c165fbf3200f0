package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happens to a {@link GateRecord} after its request (trail, evidence, status, the policy's state, the journal's
 * failure or decision record, the attestation, the emergency review), gathered so that each copy of the immutable
 * record changes one thing and keeps the rest. A scratch value, never kept: the record copies it into its own fields.
 */
final class GateRecordLater {
    final List<TrailEntry> trail;
    Map<String, String> evidence;
    GateStatus status;
    @CheckForNull
    String gateState;
    @CheckForNull
    String journalFailure;
    @CheckForNull
    JournalPlace decisionRecord;
    @CheckForNull
    AttestationEntry attestation;
    @CheckForNull
    ReviewEntry review;

    GateRecordLater(List<TrailEntry> trail, Map<String, String> evidence, GateStatus status,
            @CheckForNull String gateState, @CheckForNull String journalFailure) {
        this.trail = new ArrayList<>(trail);
        this.evidence = evidence;
        this.status = status;
        this.gateState = gateState;
        this.journalFailure = journalFailure;
    }
}
