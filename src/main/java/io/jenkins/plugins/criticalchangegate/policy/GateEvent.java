package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a gate's trail, in the order things happened: the request, each approval accepted or refused, a
 * refused rejection, and the decision. {@link Simulation} adds the two answers that open no gate at all
 * ({@link Type#PASSED_NOT_CRITICAL}, {@link Type#DENIED}). The audit journal appends these, one by one.
 */
public final class GateEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What happened. */
    public enum Type {
        /** The gate opened for a change to a critical system. */
        REQUESTED,
        /** An approval counted ({@link #group()} is what it counted through). */
        APPROVAL_ACCEPTED,
        /** An approval was refused ({@link #refusal()} says why); nothing changed. */
        APPROVAL_REFUSED,
        /** A rejection was refused ({@link #refusal()} says why); nothing changed. */
        REJECTION_REFUSED,
        /**
         * The system closed (a freeze, or outside its deployment windows) while the gate waited, or was closed when
         * it was requested: the gate decides nothing before {@link GateState#releaseAt()}.
         */
        HELD,
        /** The system opened again and the gate, still short of approvals, waits for them as before. */
        RELEASED,
        /** Decision: enough approvals. */
        APPROVED,
        /** Decision: rejected by {@link #user()} for the reason in {@link #text()}. */
        REJECTED,
        /** Decision: the approval timeout passed. */
        EXPIRED,
        /** Decision: stopped before anyone decided. */
        ABORTED,
        /** No gate: the system is not critical, the change passed at once. */
        PASSED_NOT_CRITICAL,
        /** No gate: the registry denied the change (bound job, near-miss id, unknown system under deny). */
        DENIED;

        /** Whether this event decides a gate. */
        public boolean isDecision() {
            return this == APPROVED || this == REJECTED || this == EXPIRED || this == ABORTED;
        }
    }

    private final Type type;
    private final Instant at;
    @CheckForNull
    private final String user;
    @CheckForNull
    private final String group;
    @CheckForNull
    private final RefusalReason refusal;
    @CheckForNull
    private final String text;
    /**
     * For an accepted approval: every channel (listed group or {@code user:<id>} entry) the person could count through
     * when they approved, so the quorum can be assigned again, optimally, as more people approve (and after a
     * restart). {@code null} for other events, and in states saved before it existed ({@link #channels()}).
     */
    @CheckForNull
    private final List<String> channels;

    GateEvent(Type type, Instant at, @CheckForNull String user, @CheckForNull String group,
            @CheckForNull RefusalReason refusal, @CheckForNull String text) {
        this(type, at, user, group, refusal, text, null);
    }

    GateEvent(Type type, Instant at, @CheckForNull String user, @CheckForNull String group,
            @CheckForNull RefusalReason refusal, @CheckForNull String text, @CheckForNull List<String> channels) {
        this.channels = channels == null ? null : List.copyOf(channels);
        this.type = type;
        this.at = Objects.requireNonNull(at);
        this.user = user;
        this.group = group;
        this.refusal = refusal;
        this.text = text;
    }

    public Type type() {
        return type;
    }

    public Instant at() {
        return at;
    }

    /** Who acted (approver, rejecter, refused person, who aborted); empty for the request and an expiry. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The listed group (or {@code user:<id>}) an approval or rejection counted through. */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /** Why an attempt was refused. */
    public Optional<RefusalReason> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * The channels an accepted approval could count through (the one it counted through first); for an approval kept
     * before this was recorded, just that one.
     */
    public List<String> channels() {
        if (channels != null) {
            return channels;
        }
        return group == null ? List.of() : List.of(group);
    }

    /** The approval's comment, the rejection's or abort's reason, a refusal's detail, the decision's explanation. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GateEvent)) {
            return false;
        }
        GateEvent e = (GateEvent) o;
        return type == e.type && at.equals(e.at) && Objects.equals(user, e.user) && Objects.equals(group, e.group)
                && refusal == e.refusal && Objects.equals(text, e.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, at, user, group, refusal, text);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(at).append(' ').append(type);
        if (user != null) {
            b.append(" by ").append(user);
        }
        if (group != null) {
            b.append(" through ").append(group);
        }
        if (refusal != null) {
            b.append(' ').append(refusal);
        }
        if (text != null) {
            b.append(": ").append(text);
        }
        return b.toString();
    }
}
