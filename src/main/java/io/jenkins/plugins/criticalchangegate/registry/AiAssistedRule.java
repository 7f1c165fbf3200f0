package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A system's rule for AI-assisted changes (docs/registry.md, "AI-assisted changes"), defaults already merged in: how
 * to recognise such a change by its commits' trailers, and the stricter requirement that then applies.
 *
 * <p>The requirement can only tighten the system's own, whatever is written, because each key combines with the
 * system's value to the stricter of the two: {@code requiredApprovals} the higher, {@code requireDistinctGroups} and
 * {@code excludeCommitAuthors} true if either is, {@code approvers} only those of the system's approvers listed here,
 * {@code approvalRules} added to the system's own (the higher count for a group in both). The registry refuses a rule
 * written for a system that asks for less than the system itself, so that a mistake is seen rather than
 * silently raised; a rule from {@code defaults} is combined with each system as said.
 */
public final class AiAssistedRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<TrailerPattern> trailers;
    @CheckForNull
    private final Integer requiredApprovals;
    /** Only these of the system's approvers may approve; {@code null}: the system's approvers. */
    @CheckForNull
    private final List<ApproverRef> approvers;
    private final boolean requireDistinctGroups;
    private final boolean excludeCommitAuthors;
    private final List<ApprovalRule> approvalRules;

    private AiAssistedRule(Builder b) {
        this.trailers = List.copyOf(b.trailers);
        this.requiredApprovals = b.requiredApprovals;
        this.approvers = b.approvers == null ? null : List.copyOf(b.approvers);
        this.requireDistinctGroups = b.requireDistinctGroups;
        this.excludeCommitAuthors = b.excludeCommitAuthors;
        this.approvalRules = List.copyOf(b.approvalRules);
    }

    /** A rule that recognises the {@link TrailerPattern#BUILT_IN} trailers and tightens nothing until told to. */
    public static Builder builder() {
        return new Builder();
    }

    /** How an AI-assisted commit is recognised; empty when only a pipeline's declaration makes a change one. */
    public List<TrailerPattern> trailers() {
        return trailers;
    }

    /** The approvals the rule asks for, as written; the system's count applies when it is higher. */
    public Optional<Integer> requiredApprovals() {
        return Optional.ofNullable(requiredApprovals);
    }

    /** The approvers the rule narrows the system's to, as written; empty when it keeps the system's. */
    public Optional<List<ApproverRef>> approvers() {
        return Optional.ofNullable(approvers);
    }

    public boolean requireDistinctGroups() {
        return requireDistinctGroups;
    }

    public boolean excludeCommitAuthors() {
        return excludeCommitAuthors;
    }

    /** The rules added to the system's own. */
    public List<ApprovalRule> approvalRules() {
        return approvalRules;
    }

    /** The system's requirement made as strict as this rule asks: what applies to an AI-assisted change. */
    public CriticalSystem tighten(CriticalSystem system) {
        return system.toBuilder()
                .requiredApprovals(requiredApprovals(system.requiredApprovals()))
                .approvers(approvers(system.approvers()))
                .requireDistinctGroups(system.requireDistinctGroups() || requireDistinctGroups)
                .excludeCommitAuthors(system.excludeCommitAuthors() || excludeCommitAuthors)
                .approvalRules(approvalRules(system.approvalRules()))
                .build();
    }

    /** The higher of the system's count and the rule's. */
    int requiredApprovals(int system) {
        return requiredApprovals == null ? system : Math.max(system, requiredApprovals);
    }

    /**
     * The system's approvers that the rule lists (ignoring case, in the system's order and spelling). When none is
     * left, the system's own: the registry refuses such a rule when it loads, so this happens only to a system that
     * something else changed after loading, and there an AI-assisted change must still be approvable by the
     * system's own rule rather than by nobody or by anyone.
     */
    List<ApproverRef> approvers(List<ApproverRef> system) {
        if (approvers == null) {
            return system;
        }
        List<String> listed = new ArrayList<>();
        for (ApproverRef ref : approvers) {
            listed.add(key(ref));
        }
        List<ApproverRef> kept = new ArrayList<>();
        for (ApproverRef ref : system) {
            if (listed.contains(key(ref))) {
                kept.add(ref);
            }
        }
        return kept.isEmpty() ? system : kept;
    }

    /** The system's rules with the rule's added: a group in both (ignoring case) keeps the higher count. */
    List<ApprovalRule> approvalRules(List<ApprovalRule> system) {
        Map<String, ApprovalRule> merged = new LinkedHashMap<>();
        for (ApprovalRule rule : system) {
            merged.put(key(rule.from()), rule);
        }
        for (ApprovalRule rule : approvalRules) {
            merged.merge(key(rule.from()), rule, (a, b) -> b.count() > a.count() ? ApprovalRule.of(a.from(), b.count())
                    : a);
        }
        return new ArrayList<>(merged.values());
    }

    /** How approvers compare in the registry: ignoring case, a group never equal to a user. */
    static String key(ApproverRef ref) {
        return ref.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AiAssistedRule)) {
            return false;
        }
        AiAssistedRule that = (AiAssistedRule) o;
        return trailers.equals(that.trailers) && Objects.equals(requiredApprovals, that.requiredApprovals)
                && Objects.equals(approvers, that.approvers) && requireDistinctGroups == that.requireDistinctGroups
                && excludeCommitAuthors == that.excludeCommitAuthors && approvalRules.equals(that.approvalRules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trailers, requiredApprovals, approvers, requireDistinctGroups, excludeCommitAuthors,
                approvalRules);
    }

    @Override
    public String toString() {
        return "AiAssistedRule{" + trailers.size() + " trailer pattern(s), requiredApprovals " + requiredApprovals
                + ", approvers " + approvers + ", requireDistinctGroups " + requireDistinctGroups
                + ", excludeCommitAuthors " + excludeCommitAuthors + ", approvalRules " + approvalRules + "}";
    }

    /** Builds an {@link AiAssistedRule}. */
    public static final class Builder {
        private List<TrailerPattern> trailers = TrailerPattern.BUILT_IN;
        @CheckForNull
        private Integer requiredApprovals;
        @CheckForNull
        private List<ApproverRef> approvers;
        private boolean requireDistinctGroups;
        private boolean excludeCommitAuthors;
        private List<ApprovalRule> approvalRules = List.of();

        private Builder() {
        }

        /** How an AI-assisted commit is recognised; an empty list leaves it to the pipeline's declaration. */
        public Builder trailers(List<TrailerPattern> trailers) {
            this.trailers = List.copyOf(trailers);
            return this;
        }

        /**
         * @throws IllegalArgumentException for fewer than 1
         */
        public Builder requiredApprovals(@CheckForNull Integer requiredApprovals) {
            if (requiredApprovals != null && requiredApprovals < 1) {
                throw new IllegalArgumentException("requiredApprovals must be 1 or more, not " + requiredApprovals);
            }
            this.requiredApprovals = requiredApprovals;
            return this;
        }

        /**
         * @param approvers the only approvers (of the system's) who may approve, or {@code null} for the system's
         * @throws IllegalArgumentException for an empty list
         */
        public Builder approvers(@CheckForNull List<ApproverRef> approvers) {
            if (approvers != null && approvers.isEmpty()) {
                throw new IllegalArgumentException("an AI-assisted rule's approvers must not be empty");
            }
            this.approvers = approvers == null ? null : List.copyOf(approvers);
            return this;
        }

        public Builder requireDistinctGroups(boolean requireDistinctGroups) {
            this.requireDistinctGroups = requireDistinctGroups;
            return this;
        }

        public Builder excludeCommitAuthors(boolean excludeCommitAuthors) {
            this.excludeCommitAuthors = excludeCommitAuthors;
            return this;
        }

        public Builder approvalRules(List<ApprovalRule> approvalRules) {
            this.approvalRules = List.copyOf(approvalRules);
            return this;
        }

        public AiAssistedRule build() {
            return new AiAssistedRule(this);
        }
    }
}
