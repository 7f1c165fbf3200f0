package io.jenkins.plugins.criticalchangegate.policy;

import io.jenkins.plugins.criticalchangegate.registry.ClosedPeriod;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a gate knows, as one small immutable serializable value: the request and the trail of events, in
 * order, the outcome following from them. The Jenkins layer persists it across controller restarts and rebuilds a
 * {@link Gate} from it ({@link Gate#restore}).
 *
 * <p>Refused attempts are kept up to {@link #MAX_KEPT_REFUSALS}; beyond that they are only counted, so that someone
 * pressing "approve" in a loop cannot grow the build's record without bound.
 */
public final class GateState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many refused attempts a gate keeps in its trail. */
    public static final int MAX_KEPT_REFUSALS = 100;

    private final GateRequest request;
    private final Outcome outcome;
    private final List<GateEvent> events;
    private final int uncountedRefusals;

    private GateState(GateRequest request, Outcome outcome, List<GateEvent> events, int uncountedRefusals) {
        this.request = request;
        this.outcome = outcome;
        this.events = List.copyOf(events);
        this.uncountedRefusals = uncountedRefusals;
    }

    /**
     * A pending gate whose trail holds only the request; or, requested while the system is closed (a freeze, outside
     * its deployment windows), a held one.
     */
    public static GateState opened(GateRequest request) {
        String overlays = request.overlays().isEmpty() ? "" : " (overlays in force: "
                + String.join(", ", request.overlays()) + ")";
        GateEvent requested = new GateEvent(GateEvent.Type.REQUESTED, request.requestedAt(), request.startedBy(), null,
                null, "change " + request.changeId() + " to " + request.system().id() + " needs "
                + request.system().approvalsNeeded() + " approval(s) by " + request.deadline() + overlays
                + request.aiAssistance().map(ai -> "; " + ai.describe()).orElse(""));
        GateState opened = new GateState(request, Outcome.PENDING, List.of(requested), 0);
        Optional<ClosedPeriod> closed = request.closedAt(request.requestedAt());
        return closed.isPresent() ? opened.with(Holds.held(opened, closed.get(), request.requestedAt())) : opened;
    }

    /** This state with one more event; a decision event sets the outcome. */
    GateState with(GateEvent event) {
        if (outcome.isFinal() && event.type().isDecision()) {
            throw new IllegalStateException("a decided gate never changes: " + outcome);
        }
        boolean refusal = event.type() == GateEvent.Type.APPROVAL_REFUSED
                || event.type() == GateEvent.Type.REJECTION_REFUSED;
        if (refusal && refused().size() >= MAX_KEPT_REFUSALS) {
            return new GateState(request, outcome, events, uncountedRefusals + 1);
        }
        List<GateEvent> more = new ArrayList<>(events.size() + 1);
        more.addAll(events);
        more.add(event);
        Outcome next = outcome;
        switch (event.type()) {
            case APPROVED:
                next = Outcome.APPROVED;
                break;
            case REJECTED:
                next = Outcome.REJECTED;
                break;
            case EXPIRED:
                next = Outcome.EXPIRED;
                break;
            case ABORTED:
                next = Outcome.ABORTED;
                break;
            case HELD:
                next = Outcome.HELD;
                break;
            case RELEASED:
                next = Outcome.PENDING;
                break;
            default:
                break;
        }
        return new GateState(request, next, more, uncountedRefusals);
    }

    public GateRequest request() {
        return request;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The trail, in order, starting with {@link GateEvent.Type#REQUESTED}. */
    public List<GateEvent> events() {
        return events;
    }

    /** The approvals that counted, in order. */
    public List<Approval> approvals() {
        List<Approval> approvals = new ArrayList<>();
        for (GateEvent e : events) {
            if (e.type() == GateEvent.Type.APPROVAL_ACCEPTED) {
                approvals.add(new Approval(e.user().orElseThrow(), e.group().orElseThrow(), e.text().orElse(null),
                        e.at()));
            }
        }
        return approvals;
    }

    /** The refused attempts kept, in order (see {@link #MAX_KEPT_REFUSALS}). */
    public List<RefusedAttempt> refused() {
        List<RefusedAttempt> refused = new ArrayList<>();
        for (GateEvent e : events) {
            if (e.type() == GateEvent.Type.APPROVAL_REFUSED || e.type() == GateEvent.Type.REJECTION_REFUSED) {
                refused.add(new RefusedAttempt(e.user().orElseThrow(),
                        e.type() == GateEvent.Type.APPROVAL_REFUSED ? RefusedAttempt.Action.APPROVE
                                : RefusedAttempt.Action.REJECT,
                        e.refusal().orElseThrow(), e.text().orElse(""), e.at()));
            }
        }
        return refused;
    }

    /** Refused attempts beyond {@link #MAX_KEPT_REFUSALS}, counted but not kept. */
    public int uncountedRefusals() {
        return uncountedRefusals;
    }

    /**
     * While {@link Outcome#HELD}: the closed period holding the gate (the one its last {@link GateEvent.Type#HELD}
     * event began in).
     */
    public Optional<ClosedPeriod> heldBy() {
        if (outcome != Outcome.HELD) {
            return Optional.empty();
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type() == GateEvent.Type.HELD) {
                return request.closedAt(events.get(i).at());
            }
        }
        return Optional.empty();
    }

    /**
     * While {@link Outcome#HELD}: when the system opens again and the gate decides (APPROVED with its approvals
     * complete, else PENDING again), if that is before the deadline; at or after it, the gate expires at the deadline
     * instead.
     */
    public Optional<Instant> releaseAt() {
        return heldBy().map(ClosedPeriod::to);
    }

    /** The decision event, once there is one. */
    public Optional<GateEvent> decision() {
        return events.stream().filter(e -> e.type().isDecision()).findFirst();
    }

    @Override
    public String toString() {
        return "GateState{" + outcome + ", " + request + ", " + events.size() + " events}";
    }
}
