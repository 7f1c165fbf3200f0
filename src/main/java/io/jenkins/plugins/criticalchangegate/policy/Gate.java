package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The two-person rule for one change to a critical system: accepts or refuses approvals and rejections and decides,
 * once, whether the change may proceed.
 *
 * <p>Thread-safe and atomic: each operation computes the next {@link GateState} from the current one and installs it
 * with a compare-and-set, retrying if another thread got there first. Recording an approval and checking the quorum
 * are therefore one step: concurrent approvals reach exactly one decision and none is lost or counted twice
 * (pipeline-input-step checks "already settled" and settles in two steps; we must not).
 */
public final class Gate {
    private final AtomicReference<GateState> state;
    private final IdentityComparison comparison;
    private final GateQuorum quorums;

    private Gate(GateState state, IdentityComparison comparison) {
        this.state = new AtomicReference<>(state);
        this.comparison = comparison;
        this.quorums = new GateQuorum(comparison);
    }

    /** Opens a pending gate for the request. */
    public static Gate open(GateRequest request, IdentityComparison comparison) {
        return new Gate(GateState.opened(request), comparison);
    }

    /** Rebuilds a gate from a saved state, e.g. after a controller restart. */
    public static Gate restore(GateState state, IdentityComparison comparison) {
        return new Gate(state, comparison);
    }

    /** The current state: an immutable snapshot. */
    public GateState state() {
        return state.get();
    }

    public Outcome outcome() {
        return state.get().outcome();
    }

    /** How many more approvals the gate needs: 0 once approved, the shortfall while pending or decided otherwise. */
    public int approvalsStillNeeded() {
        GateState s = state.get();
        return s.outcome() == Outcome.APPROVED ? 0 : assignment().stillNeeded();
    }

    public List<Approval> approvals() {
        return state.get().approvals();
    }

    public List<RefusedAttempt> refused() {
        return state.get().refused();
    }

    /**
     * One person approves. Refused (and kept as a refused attempt) when the gate is decided or past its deadline,
     * the person is anonymous, started the build, wrote a commit being shipped (if the system excludes them),
     * already approved, is not a listed user nor in a listed group, or (distinct groups required) can only approve
     * through groups already used.
     *
     * @param who the person, with their groups
     * @param comment what they said, may be {@code null}
     * @param at when
     */
    public Attempt approve(Person who, @CheckForNull String comment, Instant at) {
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        return apply(current -> decideApproval(current, who, note, at));
    }

    /**
     * What {@link #approve} would answer the person now, without changing the gate: the approvals inbox lists a gate
     * for exactly the people this accepts (issue 14), so that its "who may act" is the policy's own rule, never a copy.
     *
     * @param who the person, with their groups
     * @param at when
     * @return the attempt {@code approve} would return (accepted, or refused with the reason)
     */
    public Attempt wouldApprove(Person who, Instant at) {
        return decideApproval(state.get(), who, null, at).attempt;
    }

    /**
     * One person rejects the change, with a reason: any authorized person may (the one who started the build or
     * wrote it included: stopping a change is never a bypass). The gate is REJECTED.
     *
     * @throws IllegalArgumentException when the reason is blank
     */
    public Attempt reject(Person who, String reason, Instant at) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        String why = reason.strip();
        return apply(current -> decideRejection(current, who, why, at));
    }

    /**
     * Expires the gate if it is pending (or held) and its deadline has come. It is {@link #advance} returning only the
     * decision: a gate under time rules may also change without deciding (held, released), so its adapter calls
     * {@code advance} to journal every event.
     *
     * @return the decision when this call made it: EXPIRED, or APPROVED when a held gate's release came first
     */
    public Optional<GateEvent> expireIfDue(Instant now) {
        // a held gate whose release came first is approved then, not expired: the decision is the last event added
        List<GateEvent> added = advance(now);
        return added.isEmpty() || !added.get(added.size() - 1).type().isDecision() ? Optional.empty()
                : Optional.of(added.get(added.size() - 1));
    }

    /**
     * Lets time pass up to {@code now}: applies, each at the instant it was due, every change the gate makes by itself
     * (held when its system closes, approved or released when it opens again, expired at the deadline). Call it at
     * {@link #nextChangeAt()}; calling it early or twice does nothing.
     *
     * @return the events added, in order, for the audit journal (empty when nothing was due)
     */
    public List<GateEvent> advance(Instant now) {
        return apply(current -> {
            List<GateEvent> added = new ArrayList<>();
            GateState s = expiredIfOverdue(Holds.advance(current, now, this::approvedText, added), now, added);
            return new Transition(s, new Attempt(null, added.isEmpty() ? "not due" : "advanced", s.outcome(),
                    s.outcome().isFinal() && !current.outcome().isFinal(), added));
        }).events();
    }

    /**
     * When the gate next changes by itself, if nobody acts: its system closes (HELD), opens again (APPROVED or
     * RELEASED), or the deadline comes (EXPIRED). Empty once decided. Schedule {@link #advance} then.
     */
    public Optional<Instant> nextChangeAt() {
        return Holds.nextChangeAt(state.get());
    }

    /** While held: when the system opens again and the gate can decide (see {@link GateState#releaseAt()}). */
    public Optional<Instant> releaseAt() {
        return state.get().releaseAt();
    }

    /**
     * Aborts a pending gate (the build was stopped).
     *
     * @param by who or what stopped it
     * @param why the reason, for the trail
     * @return the ABORTED decision, or empty when the gate was already decided
     */
    public Optional<GateEvent> abort(String by, String why, Instant at) {
        Attempt result = apply(current -> {
            if (current.outcome().isFinal()) {
                return new Transition(current, new Attempt(RefusalReason.GATE_CLOSED, "already " + current.outcome(),
                        current.outcome(), false, List.of()));
            }
            // no release is applied first: the build stopped, so whatever was due, nothing ships
            GateEvent aborted = new GateEvent(GateEvent.Type.ABORTED, at, by, null, null, why);
            return new Transition(current.with(aborted), new Attempt(null, why, Outcome.ABORTED, true,
                    List.of(aborted)));
        });
        return result.decisive() ? Optional.of(result.events().get(0)) : Optional.empty();
    }

    private static final class Transition {
        final GateState next;
        final Attempt attempt;

        Transition(GateState next, Attempt attempt) {
            this.next = next;
            this.attempt = attempt;
        }
    }

    /** Compare-and-set loop: the step function is pure, so a retry simply recomputes from the newer state. */
    private Attempt apply(Function<GateState, Transition> step) {
        while (true) {
            GateState current = state.get();
            Transition t = step.apply(current);
            if (t.next == current || state.compareAndSet(current, t.next)) {
                return t.attempt;
            }
        }
    }

    /**
     * An attempt that comes after the deadline first closes the gate as EXPIRED (even when no timer did it yet), so
     * that a late approval can never complete a quorum.
     */
    private GateState expiredIfOverdue(GateState s, Instant at, List<GateEvent> added) {
        if (s.outcome().isFinal() || at.isBefore(s.request().deadline())) {
            return s;
        }
        GateEvent expired = expiry(s, at);
        added.add(expired);
        return s.with(expired);
    }

    private Transition decideApproval(GateState current, Person who, @CheckForNull String comment, Instant at) {
        List<GateEvent> added = new ArrayList<>();
        GateState s = expiredIfOverdue(Holds.advance(current, at, this::approvedText, added), at, added);
        if (s.outcome().isFinal()) {
            return refuseApproval(s, added, who, RefusalReason.GATE_CLOSED,
                    "the gate is already " + s.outcome() + ": it never changes again", at);
        }
        CriticalSystem system = s.request().system();
        if (isAnonymous(who)) {
            return refuseApproval(s, added, who, RefusalReason.NOT_AUTHORIZED,
                    "anonymous users never approve: log in", at);
        }
        String key = comparison.userKey(who.id());
        String startedBy = s.request().startedBy();
        if (startedBy != null && key.equals(comparison.userKey(startedBy))) {
            return refuseApproval(s, added, who, RefusalReason.SELF_APPROVAL,
                    who.id() + " started this build and may not approve it", at);
        }
        for (String upstream : s.request().upstreamStarters()) {
            if (key.equals(comparison.userKey(upstream))) {
                return refuseApproval(s, added, who, RefusalReason.SELF_APPROVAL,
                        who.id() + " started an upstream build that triggered this build and may not approve it", at);
            }
        }
        if (system.excludeCommitAuthors() && isCommitAuthor(s.request(), key)) {
            return refuseApproval(s, added, who, RefusalReason.COMMIT_AUTHOR,
                    who.id() + " authored a commit being shipped and may not approve it", at);
        }
        for (Approval approval : s.approvals()) {
            if (comparison.userKey(approval.user()).equals(key)) {
                return refuseApproval(s, added, who, RefusalReason.DUPLICATE_APPROVER,
                        who.id() + " has already approved; a second approval must come from someone else", at);
            }
        }
        List<String> channels = quorums.channels(system, who);
        if (channels.isEmpty()) {
            return refuseApproval(s, added, who, RefusalReason.NOT_AUTHORIZED, who.id()
                    + " is neither a listed approver nor in a listed group of " + system.id() + " (approvers: "
                    + system.approvers() + ")", at);
        }
        // who counts toward what is assigned again over everyone accepted so far, optimally (Quorum): an approval
        // is accepted when it raises the number that counts, which never depends on the order people came in
        Quorum quorum = quorums.of(system);
        Quorum.Assignment before = quorum.assign(quorums.candidates(s, null));
        if (s.outcome() == Outcome.HELD && before.met()) {
            return refuseApproval(s, added, who, RefusalReason.QUORUM_MET, "the gate has every approval it needs"
                    + " and is held until " + s.releaseAt().map(Instant::toString).orElse("the system opens")
                    + "; it decides then", at);
        }
        Quorum.Assignment after = quorum.assign(quorums.candidates(s, quorums.candidate(who.id(), channels)));
        if (after.counted() == before.counted()) {
            boolean ruled = !system.approvalRules().isEmpty();
            return refuseApproval(s, added, who, ruled ? RefusalReason.RULES_ALREADY_MET
                    : RefusalReason.GROUP_ALREADY_USED, ruled
                    ? who.id() + " can only count through " + channels + ", whose approval rules others already met; "
                            + system.id() + " still needs " + before.stillNeeded() + " approval(s) through "
                            + GateQuorum.openParts(quorum, before)
                    : who.id() + " can only approve through " + channels + ", already used; " + system.id()
                            + " requires each approval through a different listed group", at);
        }
        String through = after.through(who.id());
        if (through == null) {
            throw new IllegalStateException("an approval that raised the quorum counts through no channel");
        }
        GateEvent accepted = new GateEvent(GateEvent.Type.APPROVAL_ACCEPTED, at, who.id(), through, null, comment,
                channels);
        s = s.with(accepted);
        added.add(accepted);
        // a held gate's system is closed: complete, it decides only when the system opens (Holds)
        boolean held = s.outcome() == Outcome.HELD;
        boolean decisive = after.met() && !held;
        if (decisive) {
            GateEvent approved = new GateEvent(GateEvent.Type.APPROVED, at, null, null, null,
                    approvedText(s).orElseThrow());
            s = s.with(approved);
            added.add(approved);
        }
        String message = decisive ? "approved: " + who.id() + "'s approval (through " + through
                + ") completes the quorum" : after.met() ? who.id() + "'s approval (through " + through
                + ") completes the quorum; the gate is held until " + s.releaseAt().map(Instant::toString)
                .orElse("the system opens") + " and decides then, within its deadline "
                + s.request().deadline() : who.id() + "'s approval counts (through " + through + "); "
                + after.stillNeeded() + " more needed";
        return new Transition(s, new Attempt(null, message, s.outcome(), decisive, added));
    }

    /** The APPROVED decision's text when the state's approvals are complete; empty when they are not. */
    private Optional<String> approvedText(GateState s) {
        CriticalSystem system = s.request().system();
        Quorum.Assignment assignment = quorums.of(system).assign(quorums.candidates(s, null));
        return assignment.met() ? Optional.of(system.approvalsNeeded() + " distinct authorized approval(s): "
                + GateQuorum.approvers(s, assignment)) : Optional.empty();
    }

    private Transition decideRejection(GateState current, Person who, String reason, Instant at) {
        List<GateEvent> added = new ArrayList<>();
        GateState s = expiredIfOverdue(Holds.advance(current, at, this::approvedText, added), at, added);
        if (s.outcome().isFinal()) {
            return refuseRejection(s, added, who, RefusalReason.GATE_CLOSED,
                    "the gate is already " + s.outcome() + ": it never changes again", at);
        }
        CriticalSystem system = s.request().system();
        if (isAnonymous(who)) {
            return refuseRejection(s, added, who, RefusalReason.NOT_AUTHORIZED,
                    "anonymous users never reject: log in", at);
        }
        List<String> channels = quorums.channels(system, who);
        if (channels.isEmpty()) {
            return refuseRejection(s, added, who, RefusalReason.NOT_AUTHORIZED, who.id()
                    + " is neither a listed approver nor in a listed group of " + system.id(), at);
        }
        GateEvent rejected = new GateEvent(GateEvent.Type.REJECTED, at, who.id(), channels.get(0), null, reason);
        s = s.with(rejected);
        added.add(rejected);
        return new Transition(s, new Attempt(null, "rejected by " + who.id() + ": " + reason, s.outcome(), true,
                added));
    }

    private static Transition refuseApproval(GateState s, List<GateEvent> added, Person who, RefusalReason reason,
            String detail, Instant at) {
        return refuse(s, added, GateEvent.Type.APPROVAL_REFUSED, who, reason, detail, at);
    }

    private static Transition refuseRejection(GateState s, List<GateEvent> added, Person who, RefusalReason reason,
            String detail, Instant at) {
        return refuse(s, added, GateEvent.Type.REJECTION_REFUSED, who, reason, detail, at);
    }

    private static Transition refuse(GateState s, List<GateEvent> added, GateEvent.Type type, Person who,
            RefusalReason reason, String detail, Instant at) {
        GateEvent refused = new GateEvent(type, at, who.id(), null, reason, detail);
        GateState next = s.with(refused);
        List<GateEvent> events = new ArrayList<>(added);
        if (next.events().size() > s.events().size()) {
            events.add(refused);
        }
        boolean decisive = !added.isEmpty(); // only an expiry found on the way decides anything here
        return new Transition(next, new Attempt(reason, detail, next.outcome(), decisive, events));
    }

    private static GateEvent expiry(GateState s, Instant at) {
        String held = s.heldBy().map(p -> "; held since the system closed (" + p.describe() + ") until " + p.to())
                .orElse("");
        return new GateEvent(GateEvent.Type.EXPIRED, at, null, null, null, "no decision before the deadline "
                + s.request().deadline() + " (approvalTimeout " + s.request().approvalTimeout() + ")" + held);
    }

    private boolean isAnonymous(Person who) {
        return who.isAnonymous() || comparison.userKey(who.id()).equals(comparison.userKey(Person.ANONYMOUS_ID));
    }

    private boolean isCommitAuthor(GateRequest request, String key) {
        for (String author : request.commitAuthors()) {
            if (comparison.userKey(author).equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Who counts toward which part of the requirement now: the best assignment of everyone accepted so far. */
    Quorum.Assignment assignment() {
        GateState s = state.get();
        return quorums.of(s.request().system()).assign(quorums.candidates(s, null));
    }

    /**
     * The requirement part by part, with who counts toward each now (the tool's and the build page's per-rule
     * progress): the approval rules in the registry's order, then {@link RuleProgress#ANY} for the rest.
     */
    public List<RuleProgress> progress() {
        GateState s = state.get();
        Quorum quorum = quorums.of(s.request().system());
        Quorum.Assignment assignment = quorum.assign(quorums.candidates(s, null));
        List<RuleProgress> out = new ArrayList<>();
        for (int i = 0; i < quorum.parts().size(); i++) {
            Quorum.Part part = quorum.parts().get(i);
            out.add(new RuleProgress(part.channelKey() == null ? RuleProgress.ANY : part.label(), part.count(),
                    assignment.usersByPart().get(i)));
        }
        return out;
    }
}
