package io.jenkins.plugins.criticalchangegate.policy;

import io.jenkins.plugins.criticalchangegate.registry.ClosedPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a gate does by itself as time passes through the periods in which its system is closed (freezes, outside the
 * deployment windows; kept in its {@link GateRequest}): it is HELD when one begins, and when it ends, before the
 * deadline, it is APPROVED if its approvals are complete, else RELEASED to wait for them. Each change is dated at the
 * instant it was due, not when somebody noticed, so the trail is the same whenever the Jenkins timer fires and after
 * a restart. Pure functions of the state and the instant.
 */
final class Holds {
    private Holds() {
    }

    /**
     * Applies every hold and release due at or before {@code now}, adding their events to {@code added}.
     *
     * @param approvedText the text of the APPROVED decision when the state's approvals are complete, else empty
     */
    static GateState advance(GateState state, Instant now, Function<GateState, Optional<String>> approvedText,
            List<GateEvent> added) {
        GateState s = state;
        while (!s.outcome().isFinal()) {
            Instant deadline = s.request().deadline();
            if (s.outcome() == Outcome.HELD) {
                Optional<ClosedPeriod> period = s.heldBy();
                if (period.isEmpty()) {
                    return s; // cannot happen: a HELD event is added only inside a closed period
                }
                Instant release = period.get().to();
                if (release.isAfter(now) || !release.isBefore(deadline)) {
                    return s; // not yet; or only after the deadline, where expiry decides
                }
                Optional<String> approved = approvedText.apply(s);
                GateEvent event = approved.isPresent()
                        ? new GateEvent(GateEvent.Type.APPROVED, release, null, null, null, approved.get()
                                + "; released when the system opened again after " + period.get().describe())
                        : new GateEvent(GateEvent.Type.RELEASED, release, null, null, null, "the system opened again"
                                + " after " + period.get().describe() + "; the gate waits for its approvals");
                s = s.with(event);
                added.add(event);
                continue;
            }
            Optional<ClosedPeriod> next = s.request().closedAfter(pendingSince(s));
            if (next.isEmpty() || next.get().from().isAfter(now) || !next.get().from().isBefore(deadline)) {
                return s;
            }
            GateEvent held = held(s, next.get(), next.get().from());
            s = s.with(held);
            added.add(held);
        }
        return s;
    }

    /** When the gate next changes by itself (held, released, approved, expired); empty once decided. */
    static Optional<Instant> nextChangeAt(GateState s) {
        if (s.outcome().isFinal()) {
            return Optional.empty();
        }
        Instant deadline = s.request().deadline();
        Optional<Instant> next = s.outcome() == Outcome.HELD ? s.releaseAt()
                : s.request().closedAfter(pendingSince(s)).map(ClosedPeriod::from);
        return Optional.of(next.filter(t -> t.isBefore(deadline)).orElse(deadline));
    }

    /** The HELD event for a gate entering the closed period at the instant. */
    static GateEvent held(GateState s, ClosedPeriod period, Instant at) {
        Instant deadline = s.request().deadline();
        String until = period.to().isBefore(deadline)
                ? "; it decides then: APPROVED if its approvals are complete"
                : ", after the gate's deadline " + deadline + ": it will expire then unless rejected first";
        return new GateEvent(GateEvent.Type.HELD, at, null, null, null, "held: the system is closed ("
                + period.describe() + ") until " + period.to() + until);
    }

    /** Since when a PENDING gate has been waiting with the system open: its request, or its last release. */
    private static Instant pendingSince(GateState s) {
        List<GateEvent> events = s.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            GateEvent e = events.get(i);
            if (e.type() == GateEvent.Type.RELEASED || e.type() == GateEvent.Type.REQUESTED) {
                return e.at();
            }
        }
        return s.request().requestedAt();
    }
}
