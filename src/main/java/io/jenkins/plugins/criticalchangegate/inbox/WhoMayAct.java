package io.jenkins.plugins.criticalchangegate.inbox;

import io.jenkins.plugins.criticalchangegate.policy.Attempt;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The "who may act" rule of the inbox: may this person approve this gate now? It is the policy's own answer
 * ({@link Gate#wouldApprove}), never a copy of it: listed in the system's approvers (or an approval rule's group),
 * not anonymous, not the build's starter nor an upstream starter, not a commit author where the system excludes them,
 * not already approved, and still able to raise the count (distinct groups, approval rules). So the inbox lists a
 * gate for exactly the people whose click {@code approve} would accept.
 *
 * <p>For a gate known only from the journal (the tool, a rebuilt index) the gate is rebuilt through the policy from
 * the registry's current entry for its system, its recorded deadline, starters and authors, and the recorded
 * approvals replayed in order; a gate whose system the registry no longer lists is nobody's to approve (fails
 * closed). Where the live gate is at hand (a running build), {@link #assess(GateState, Person, Instant)} asks it.
 * Stateless and thread-safe.
 */
public final class WhoMayAct {
    private final Registry registry;
    private final IdentityComparison comparison;

    /**
     * @param registry the registry in force
     * @param comparison how user ids and groups compare (the security realm's, in Jenkins)
     */
    public WhoMayAct(Registry registry, IdentityComparison comparison) {
        this.registry = registry;
        this.comparison = comparison;
    }

    /** The answer for a gate the index knows, rebuilt through the policy as the class comment says. */
    public Assessment assess(Person who, PendingGate gate, Instant now) {
        Optional<Gate> rebuilt = rebuild(gate);
        if (rebuilt.isEmpty()) {
            return new Assessment(false, "NOT_AUTHORIZED", "the registry no longer lists " + gate.system()
                    + " as a critical system", gate.approvalsNeeded() - gate.approvals().size());
        }
        return answer(rebuilt.get(), who, now);
    }

    /** The answer of a live gate (its current state), for the Jenkins layer's running builds. */
    public Assessment assess(GateState live, Person who, Instant now) {
        return answer(Gate.restore(live, comparison), who, now);
    }

    private static Assessment answer(Gate gate, Person who, Instant now) {
        Attempt attempt = gate.wouldApprove(who, now);
        return new Assessment(attempt.accepted(), attempt.refusal().map(Enum::name).orElse(null), attempt.message(),
                gate.approvalsStillNeeded());
    }

    /** The gate rebuilt through the policy; empty when its system is not (or no longer) a critical one. */
    Optional<Gate> rebuild(PendingGate pending) {
        Resolution resolution = registry.resolve(pending.system(), null);
        if (resolution.kind() != Resolution.Kind.CRITICAL || resolution.system().isEmpty()) {
            return Optional.empty();
        }
        CriticalSystem system = resolution.system().get();
        GateRequest request = new GateRequest(system, pending.changeId(), pending.startedBy().orElse(null),
                new java.util.LinkedHashSet<>(pending.upstreamStarters()),
                new java.util.LinkedHashSet<>(pending.commitAuthors()), pending.requestedAt());
        Optional<Duration> timeout = pending.deadline().map(d -> Duration.between(pending.requestedAt(), d));
        if (timeout.isPresent() && !timeout.get().isNegative() && !timeout.get().isZero()) {
            request = request.withApprovalTimeout(timeout.get());
        }
        Gate gate = Gate.open(request, comparison);
        for (PendingGate.Vote vote : pending.approvals()) {
            // the approval counted when it was given: replayed with the channel it counted through
            String through = vote.through().orElse("");
            Person voter = through.isEmpty() || through.startsWith(ApproverRef.USER_PREFIX)
                    ? Person.of(vote.user()) : Person.of(vote.user(), through);
            gate.approve(voter, null, vote.at());
        }
        return Optional.of(gate);
    }

    /** The policy's answer for one person and one gate. */
    public static final class Assessment {
        private final boolean mayApprove;
        private final String refusal;
        private final String message;
        private final int stillNeeded;

        Assessment(boolean mayApprove, String refusal, String message, int stillNeeded) {
            this.mayApprove = mayApprove;
            this.refusal = refusal;
            this.message = message;
            this.stillNeeded = Math.max(0, stillNeeded);
        }

        /** Whether {@code approve} would accept the person's approval now. */
        public boolean mayApprove() {
            return mayApprove;
        }

        /** Why not, as the policy's reason code ({@code SELF_APPROVAL}, {@code COMMIT_AUTHOR}, ...); empty if so. */
        public Optional<String> refusal() {
            return Optional.ofNullable(refusal);
        }

        /** The policy's sentence. */
        public String message() {
            return message;
        }

        /** How many approvals the gate still needs. */
        public int stillNeeded() {
            return stillNeeded;
        }

        @Override
        public String toString() {
            return (mayApprove ? "may approve" : "may not approve (" + refusal + ")") + ": " + message;
        }
    }
}
