package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Optional;

/**
 * The answer to one approval or rejection: accepted or refused (with the reason), the gate's outcome after it, and
 * the events it added to the trail, in order (an accepted approval that completes the quorum adds two).
 */
public final class Attempt {
    @CheckForNull
    private final RefusalReason refusal;
    private final String message;
    private final Outcome outcome;
    private final boolean decisive;
    private final List<GateEvent> events;

    Attempt(@CheckForNull RefusalReason refusal, String message, Outcome outcome, boolean decisive,
            List<GateEvent> events) {
        this.refusal = refusal;
        this.message = message;
        this.outcome = outcome;
        this.decisive = decisive;
        this.events = List.copyOf(events);
    }

    /** Whether the approval counted, or the rejection took effect. */
    public boolean accepted() {
        return refusal == null;
    }

    /** Why it was refused; empty when accepted. */
    public Optional<RefusalReason> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** A sentence for the person who acted and for the build log. */
    public String message() {
        return message;
    }

    /** The gate's outcome right after this attempt. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether this attempt decided the gate (the last approval needed, or a rejection). */
    public boolean decisive() {
        return decisive;
    }

    /** The events this attempt added to the trail (empty only for a refusal past the kept limit). */
    public List<GateEvent> events() {
        return events;
    }

    @Override
    public String toString() {
        return (accepted() ? "accepted" : "refused " + refusal) + " -> " + outcome + ": " + message;
    }
}
