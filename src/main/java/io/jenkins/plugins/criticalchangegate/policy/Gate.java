package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    private Gate(GateState state, IdentityComparison comparison) {
        this.state = new AtomicReference<>(state);
        this.comparison = comparison;
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

    public int approvalsStillNeeded() {
        return state.get().approvalsStillNeeded();
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
     * Expires the gate if it is pending and its deadline has come.
     *
     * @return the EXPIRED decision when this call made it
     */
    public Optional<GateEvent> expireIfDue(Instant now) {
        Attempt result = apply(current -> {
            if (current.outcome().isFinal() || now.isBefore(current.request().deadline())) {
                return new Transition(current, new Attempt(null, "not due", current.outcome(), false, List.of()));
            }
            GateEvent expired = expiry(current, now);
            return new Transition(current.with(expired),
                    new Attempt(null, expired.text().orElse(""), Outcome.EXPIRED, true, List.of(expired)));
        });
        return result.decisive() ? Optional.of(result.events().get(0)) : Optional.empty();
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
        GateState s = expiredIfOverdue(current, at, added);
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
        List<String> channels = channels(system, who);
        if (channels.isEmpty()) {
            return refuseApproval(s, added, who, RefusalReason.NOT_AUTHORIZED, who.id()
                    + " is neither a listed approver nor in a listed group of " + system.id() + " (approvers: "
                    + system.approvers() + ")", at);
        }
        String through = channels.get(0);
        if (system.requireDistinctGroups()) {
            Set<String> used = new HashSet<>();
            for (Approval approval : s.approvals()) {
                used.add(channelKey(approval.through()));
            }
            through = null;
            for (String channel : channels) {
                if (!used.contains(channelKey(channel))) {
                    through = channel;
                    break;
                }
            }
            if (through == null) {
                return refuseApproval(s, added, who, RefusalReason.GROUP_ALREADY_USED, who.id()
                        + " can only approve through " + channels + ", already used; " + system.id()
                        + " requires each approval through a different listed group", at);
            }
        }
        GateEvent accepted = new GateEvent(GateEvent.Type.APPROVAL_ACCEPTED, at, who.id(), through, null, comment);
        s = s.with(accepted);
        added.add(accepted);
        boolean decisive = s.approvalsStillNeeded() == 0;
        if (decisive) {
            GateEvent approved = new GateEvent(GateEvent.Type.APPROVED, at, null, null, null,
                    system.requiredApprovals() + " distinct authorized approval(s): " + approvers(s));
            s = s.with(approved);
            added.add(approved);
        }
        String message = decisive ? "approved: " + who.id() + "'s approval (through " + through
                + ") completes the quorum" : who.id() + "'s approval counts (through " + through + "); "
                + s.approvalsStillNeeded() + " more needed";
        return new Transition(s, new Attempt(null, message, s.outcome(), decisive, added));
    }

    private Transition decideRejection(GateState current, Person who, String reason, Instant at) {
        List<GateEvent> added = new ArrayList<>();
        GateState s = expiredIfOverdue(current, at, added);
        if (s.outcome().isFinal()) {
            return refuseRejection(s, added, who, RefusalReason.GATE_CLOSED,
                    "the gate is already " + s.outcome() + ": it never changes again", at);
        }
        CriticalSystem system = s.request().system();
        if (isAnonymous(who)) {
            return refuseRejection(s, added, who, RefusalReason.NOT_AUTHORIZED,
                    "anonymous users never reject: log in", at);
        }
        List<String> channels = channels(system, who);
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
        return new GateEvent(GateEvent.Type.EXPIRED, at, null, null, null, "no decision before the deadline "
                + s.request().deadline() + " (approvalTimeout " + s.request().system().approvalTimeout() + ")");
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

    /**
     * The ways the person may approve, best first: their own {@code user:<id>} listing (nobody else can use it, so
     * it leaves the groups to others), then each listed group they are in, in the registry's order.
     */
    private List<String> channels(CriticalSystem system, Person who) {
        String key = comparison.userKey(who.id());
        Set<String> groupKeys = new HashSet<>();
        for (String group : who.groups()) {
            groupKeys.add(comparison.groupKey(group));
        }
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (ApproverRef ref : system.approvers()) {
            if (ref.isUser()) {
                if (comparison.userKey(ref.name()).equals(key)) {
                    users.add(ref.toString());
                }
            } else if (groupKeys.contains(comparison.groupKey(ref.name()))) {
                groups.add(ref.name());
            }
        }
        users.addAll(groups);
        return users;
    }

    private String channelKey(String channel) {
        return channel.startsWith(ApproverRef.USER_PREFIX)
                ? ApproverRef.USER_PREFIX + comparison.userKey(channel.substring(ApproverRef.USER_PREFIX.length()))
                : comparison.groupKey(channel);
    }

    private static String approvers(GateState s) {
        List<String> names = new ArrayList<>();
        for (Approval a : s.approvals()) {
            names.add(a.user() + " (" + a.through() + ")");
        }
        return String.join(", ", names);
    }
}
