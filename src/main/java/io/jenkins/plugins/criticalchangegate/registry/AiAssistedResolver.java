package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Gives each system its {@link AiAssistedRule}: the system's own {@code aiAssisted} keys over those of
 * {@code defaults}, key by key (as {@code documentation} is), and checks that the rule is stricter than the system's
 * own requirement and can be met.
 *
 * <p>What is written at one place must not ask for less than that place's own requirement: a system's
 * {@code aiAssisted.require.requiredApprovals} below the system's {@code requiredApprovals}, or approvers that are not
 * the system's, are refused, since the author surely meant something else. What a system inherits from
 * {@code defaults} is combined with the system's own to the stricter (the higher count, the common approvers), as
 * {@link AiAssistedRule} does for every key.
 */
final class AiAssistedResolver {
    private final Reading reading;

    AiAssistedResolver(Reading reading) {
        this.reading = reading;
    }

    /**
     * In {@code defaults}: the rule must not ask for fewer approvals than the defaults' own requiredApprovals (or the
     * built-in one).
     */
    void checkDefaults(PolicyKeys defaults) {
        AiAssistedKeys ai = defaults.aiAssisted;
        if (ai == null || ai.requiredApprovals == null || ai.requiredApprovalsNode == null) {
            return;
        }
        int base = defaults.requiredApprovals != null ? defaults.requiredApprovals
                : SystemReader.BUILTIN_REQUIRED_APPROVALS;
        if (ai.requiredApprovals < base) {
            reading.problems.add(ai.requiredApprovalsNode, "defaults: aiAssisted.require.requiredApprovals "
                    + ai.requiredApprovals + " is lower than " + (defaults.requiredApprovals != null
                    ? "the defaults' requiredApprovals " : "the built-in requiredApprovals ") + base
                    + ": the rule for AI-assisted changes may only be stricter; write " + base + " or more");
        }
    }

    /**
     * The system's rule, or {@code null} when neither it nor the defaults have {@code aiAssisted}, or when the rule
     * has problems (reported).
     *
     * @param own the system's own policy keys
     * @param defaults the defaults' policy keys
     * @param base the system's requirement, defaults applied
     * @param at the system's entry, where problems without a place of their own are reported
     * @param where how messages name the system
     */
    @CheckForNull
    AiAssistedRule resolve(PolicyKeys own, PolicyKeys defaults, Requirement base, Node at, String where) {
        AiAssistedKeys mine = own.aiAssisted;
        AiAssistedKeys inherited = defaults.aiAssisted;
        if (mine == null && inherited == null) {
            return null;
        }
        Node ruleAt = mine != null ? mine.node : at;
        if (!(mine != null && mine.requireGiven || inherited != null && inherited.requireGiven)) {
            reading.problems.add(ruleAt, where + " has aiAssisted" + (mine == null ? " (from defaults)" : "")
                    + " but no aiAssisted.require: say what an AI-assisted change needs (one or more of "
                    + String.join(", ", AiAssistedReader.REQUIRE_KEYS) + "), here or in defaults");
            return null;
        }
        int before = reading.problems.count();
        if (mine != null && mine.requiredApprovals != null && mine.requiredApprovalsNode != null
                && mine.requiredApprovals < base.requiredApprovals) {
            reading.problems.add(mine.requiredApprovalsNode, where + ": aiAssisted.require.requiredApprovals "
                    + mine.requiredApprovals + " is lower than the system's requiredApprovals "
                    + base.requiredApprovals + ": the rule for AI-assisted changes may only be stricter; write "
                    + base.requiredApprovals + " or more");
        }
        List<ApproverRef> approvers = pick(mine, inherited, k -> k.approvers);
        if (base.approvers.isEmpty()) {
            // the system's approvers were refused (reported): nothing to compare with
        } else if (mine != null && mine.approvers != null && mine.approversNode != null) {
            List<String> outside = outside(mine.approvers, base.approvers);
            if (!outside.isEmpty()) {
                reading.problems.add(mine.approversNode, where + ": aiAssisted.require.approvers may only narrow the"
                        + " system's approvers, and " + String.join(", ", outside) + (outside.size() == 1
                        ? " is not one of them" : " are not among them") + ": to require an approval from another"
                        + " group as well, add an approval rule (aiAssisted.require.approvalRules)");
            }
        } else if (approvers != null && inherited != null && inherited.approversNode != null
                && outside(approvers, base.approvers).size() == approvers.size()) {
            reading.problems.add(at, where + ": none of the approvers that aiAssisted.require.approvers lists in"
                    + " defaults (line " + Problems.line(inherited.approversNode) + ") is an approver of this system,"
                    + " so no AI-assisted change to it could be approved: give the system its own"
                    + " aiAssisted.require.approvers");
        }
        if (reading.problems.count() > before) {
            return null;
        }
        AiAssistedRule rule = AiAssistedRule.builder()
                .trailers(first(pick(mine, inherited, k -> k.trailers), TrailerPattern.BUILT_IN))
                .requiredApprovals(pick(mine, inherited, k -> k.requiredApprovals))
                .approvers(approvers)
                .requireDistinctGroups(first(pick(mine, inherited, k -> k.requireDistinctGroups), false))
                .excludeCommitAuthors(first(pick(mine, inherited, k -> k.excludeCommitAuthors), false))
                .approvalRules(first(pick(mine, inherited, k -> k.approvalRules), List.of()))
                .build();
        Requirement tight = new Requirement(rule.requiredApprovals(base.requiredApprovals),
                base.requireDistinctGroups || rule.requireDistinctGroups(), rule.approvers(base.approvers),
                rule.approvalRules(base.approvalRules));
        String problem = tight.whyNeverMet();
        if (problem != null && base.whyNeverMet() == null) {
            // the system's own requirement is reported where it is read; only what the rule adds is reported here
            reading.problems.add(ruleAt, where + ", for AI-assisted changes: " + problem);
            return null;
        }
        return rule;
    }

    /** The entries of {@code listed} (as written) that are not among {@code approvers}, ignoring case. */
    private static List<String> outside(List<ApproverRef> listed, List<ApproverRef> approvers) {
        List<String> keys = new ArrayList<>();
        for (ApproverRef ref : approvers) {
            keys.add(AiAssistedRule.key(ref));
        }
        List<String> outside = new ArrayList<>();
        for (ApproverRef ref : listed) {
            if (!keys.contains(AiAssistedRule.key(ref))) {
                outside.add("'" + ref + "'");
            }
        }
        return outside;
    }

    /** The system's own value of a key, else the defaults'. */
    @CheckForNull
    private static <T> T pick(@CheckForNull AiAssistedKeys mine, @CheckForNull AiAssistedKeys inherited,
            Function<AiAssistedKeys, T> key) {
        T value = mine == null ? null : key.apply(mine);
        return value != null ? value : inherited == null ? null : key.apply(inherited);
    }

    private static <T> T first(@CheckForNull T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /** The parts of a system's requirement that the AI-assisted rule tightens, and whether they can be met. */
    static final class Requirement {
        final int requiredApprovals;
        final boolean requireDistinctGroups;
        final List<ApproverRef> approvers;
        final List<ApprovalRule> approvalRules;

        Requirement(int requiredApprovals, boolean requireDistinctGroups, List<ApproverRef> approvers,
                List<ApprovalRule> approvalRules) {
            this.requiredApprovals = requiredApprovals;
            this.requireDistinctGroups = requireDistinctGroups;
            this.approvers = List.copyOf(approvers);
            this.approvalRules = List.copyOf(approvalRules);
        }

        /**
         * Why no set of people could ever meet it (the rules {@link SystemReader} checks for a system's own
         * requirement), or {@code null}.
         */
        @CheckForNull
        String whyNeverMet() {
            if (approvers.isEmpty()) {
                return null; // reported where approvers are read
            }
            if (approvers.stream().allMatch(ApproverRef::isUser) && requiredApprovals > approvers.size()) {
                return "requiredApprovals " + requiredApprovals + " can never be met: only " + approvers.size()
                        + " single user(s) may approve";
            }
            if (requireDistinctGroups && requiredApprovals > approvers.size()) {
                return "requiredApprovals " + requiredApprovals + " can never be met with requireDistinctGroups:"
                        + " only " + approvers.size() + " approver entries may approve";
            }
            for (ApprovalRule rule : requireDistinctGroups ? approvalRules : List.<ApprovalRule>of()) {
                if (rule.count() > 1) {
                    return "the approval rule " + rule + " can never be met with requireDistinctGroups, which"
                            + " counts one approval per group";
                }
            }
            return null;
        }
    }
}
