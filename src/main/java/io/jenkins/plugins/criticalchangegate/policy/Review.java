package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The review of an approved emergency change (issue 16), and the decision whether a person may give it: one of the
 * system's {@code emergency.reviewers} (a listed user, or in a listed group), never someone who approved the
 * emergency, started the build (or an upstream build) or wrote a commit being shipped, and only once per gate: the
 * first review closes the obligation. {@code needs-follow-up} needs a text saying what. An immutable value: either an
 * accepted review (reviewer, verdict, text, time) or a refusal with its code and reason.
 */
public final class Review {
    /** Why a review was refused; the names are journaled ({@code EMERGENCY_REVIEW_REFUSED.reason}). */
    public enum Refusal {
        /** The gate is not an emergency one, or it was not approved: nothing to review. */
        NOTHING_TO_REVIEW,
        /** Someone already reviewed it. */
        ALREADY_REVIEWED,
        /** Anonymous, or not a listed reviewer. */
        NOT_A_REVIEWER,
        /** The person approved the emergency change, started the build or wrote a commit being shipped. */
        INVOLVED,
        /** needs-follow-up without a text. */
        TEXT_REQUIRED
    }

    private final String reviewer;
    private final ReviewVerdict verdict;
    @CheckForNull
    private final String text;
    private final Instant at;
    @CheckForNull
    private final Refusal refusal;
    private final String message;

    private Review(String reviewer, ReviewVerdict verdict, @CheckForNull String text, Instant at,
            @CheckForNull Refusal refusal, String message) {
        this.reviewer = reviewer;
        this.verdict = verdict;
        this.text = text;
        this.at = at;
        this.refusal = refusal;
        this.message = message;
    }

    /**
     * Whether the person may review the gate now (the gate page shows its Review form only then): empty when they
     * may, else why not.
     *
     * @param state the gate's state (its request says emergency, incident, starter and authors; its approvals who
     *     approved)
     * @param alreadyReviewed whether the gate already has a review
     */
    public static Optional<String> whyNot(GateState state, boolean alreadyReviewed, Person who,
            IdentityComparison comparison) {
        Refused r = refusal(state, alreadyReviewed, who, comparison);
        return r == null ? Optional.empty() : Optional.of(r.message);
    }

    /**
     * The person reviews the gate: an accepted review, or a refusal with the reason.
     *
     * @param text what the reviewer says; required for {@link ReviewVerdict#NEEDS_FOLLOW_UP}
     */
    public static Review decide(GateState state, boolean alreadyReviewed, Person who, ReviewVerdict verdict,
            @CheckForNull String text, Instant at, IdentityComparison comparison) {
        String note = text == null || text.isBlank() ? null : text.strip();
        Refused r = refusal(state, alreadyReviewed, who, comparison);
        if (r == null && verdict == ReviewVerdict.NEEDS_FOLLOW_UP && note == null) {
            r = new Refused(Refusal.TEXT_REQUIRED, "a review with verdict needs-follow-up must say what needs"
                    + " following up");
        }
        if (r != null) {
            return new Review(who.id(), verdict, note, at, r.code, r.message);
        }
        return new Review(who.id(), verdict, note, at, null, who.id() + " reviewed the emergency change: "
                + verdict.label() + (note == null ? "" : ": " + note));
    }

    private static final class Refused {
        final Refusal code;
        final String message;

        Refused(Refusal code, String message) {
            this.code = code;
            this.message = message;
        }
    }

    @CheckForNull
    private static Refused refusal(GateState state, boolean alreadyReviewed, Person who,
            IdentityComparison comparison) {
        GateRequest request = state.request();
        Optional<EmergencyPolicy> path = request.system().emergency();
        if (!request.emergency() || path.isEmpty() || state.outcome() != Outcome.APPROVED) {
            return new Refused(Refusal.NOTHING_TO_REVIEW, "only an approved emergency change is reviewed; this gate"
                    + " is " + (request.emergency() ? "" : "not an emergency one and is ") + state.outcome());
        }
        if (alreadyReviewed) {
            return new Refused(Refusal.ALREADY_REVIEWED, "the emergency change has already been reviewed");
        }
        if (who.isAnonymous()) {
            return new Refused(Refusal.NOT_A_REVIEWER, "anonymous users never review: log in");
        }
        String key = comparison.userKey(who.id());
        for (Approval approval : state.approvals()) {
            if (comparison.userKey(approval.user()).equals(key)) {
                return new Refused(Refusal.INVOLVED, who.id() + " approved this emergency change and may not review"
                        + " it");
            }
        }
        Set<String> involved = new HashSet<>(request.upstreamStarters());
        if (request.startedBy() != null) {
            involved.add(request.startedBy());
        }
        for (String starter : involved) {
            if (comparison.userKey(starter).equals(key)) {
                return new Refused(Refusal.INVOLVED, who.id() + " started this build and may not review it");
            }
        }
        for (String author : request.commitAuthors()) {
            if (comparison.userKey(author).equals(key)) {
                return new Refused(Refusal.INVOLVED, who.id() + " wrote a commit of this change and may not"
                        + " review it");
            }
        }
        if (!listed(path.get().reviewers(), who, comparison)) {
            return new Refused(Refusal.NOT_A_REVIEWER, who.id() + " is neither a listed reviewer nor in a listed"
                    + " group (emergency.reviewers: " + path.get().reviewers() + ")");
        }
        return null;
    }

    private static boolean listed(List<ApproverRef> reviewers, Person who, IdentityComparison comparison) {
        String key = comparison.userKey(who.id());
        Set<String> groups = new HashSet<>();
        for (String group : who.groups()) {
            groups.add(comparison.groupKey(group));
        }
        for (ApproverRef ref : reviewers) {
            if (ref.isUser() ? comparison.userKey(ref.name()).equals(key)
                    : groups.contains(comparison.groupKey(ref.name()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the review was accepted (and closes the obligation). */
    public boolean accepted() {
        return refusal == null;
    }

    /** Why it was refused; empty when accepted. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    public String reviewer() {
        return reviewer;
    }

    public ReviewVerdict verdict() {
        return verdict;
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Instant at() {
        return at;
    }

    /** What happened, in a sentence for the page and the build log. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "Review{" + message + "}";
    }
}
