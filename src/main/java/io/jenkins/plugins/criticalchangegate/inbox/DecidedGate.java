package io.jenkins.plugins.criticalchangegate.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A gate recently decided: the gate as it last waited, its outcome, when, and whose approvals counted. */
public final class DecidedGate {
    private final PendingGate gate;
    private final String outcome;
    private final Instant decidedAt;
    private final List<String> approvers;

    public DecidedGate(PendingGate gate, String outcome, Instant decidedAt, List<String> approvers) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
        this.approvers = List.copyOf(approvers);
    }

    public PendingGate gate() {
        return gate;
    }

    /** {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code ABORTED} (the journal's {@code DECIDED} outcome). */
    public String outcome() {
        return outcome;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public List<String> approvers() {
        return approvers;
    }

    @Override
    public String toString() {
        return gate + " " + outcome + " at " + decidedAt;
    }
}
