package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Gives each system its {@link EmergencyPolicy}: the system's own {@code emergency} keys over those of
 * {@code defaults}, key by key (as {@code documentation} and {@code aiAssisted} are), and checks that the result is
 * complete (approvers, reviewers and reviewWithin are required; requiredApprovals defaults to 1) and can be met.
 */
final class EmergencyResolver {
    /** requiredApprovals of an emergency path that does not say. */
    static final int DEFAULT_REQUIRED_APPROVALS = 1;

    private final Reading reading;

    EmergencyResolver(Reading reading) {
        this.reading = reading;
    }

    /**
     * The system's emergency path, or {@code null} when neither it nor the defaults have {@code emergency}, or when
     * it has problems (reported).
     *
     * @param ai the system's rule for AI-assisted changes, or {@code null}: its count applies to an AI-assisted
     *     emergency too, so the emergency approvers must be able to meet it
     */
    @CheckForNull
    EmergencyPolicy resolve(PolicyKeys own, PolicyKeys defaults, @CheckForNull AiAssistedRule ai, Node at,
            String where) {
        EmergencyKeys mine = own.emergency;
        EmergencyKeys inherited = defaults.emergency;
        if (mine == null && inherited == null) {
            return null;
        }
        if (mine != null && mine.refused || inherited != null && inherited.refused) {
            return null; // reported where read
        }
        Node ruleAt = mine != null ? mine.node : at;
        String from = mine == null ? " (from defaults)" : "";
        List<ApproverRef> approvers = pick(mine, inherited, k -> k.approvers);
        List<ApproverRef> reviewers = pick(mine, inherited, k -> k.reviewers);
        Duration within = pick(mine, inherited, k -> k.reviewWithin);
        List<String> missing = new ArrayList<>();
        if (approvers == null) {
            missing.add("approvers (who may approve an emergency change, e.g. [incident-commanders])");
        }
        if (reviewers == null) {
            missing.add("reviewers (who reviews it afterwards, e.g. [sre-leads]: an emergency path without"
                    + " reviewers would never be reviewed)");
        }
        if (within == null) {
            missing.add("reviewWithin (by when the review is due, e.g. 24h)");
        }
        if (!missing.isEmpty()) {
            reading.problems.add(ruleAt, where + " has emergency" + from + " without " + String.join(", ", missing)
                    + ": give them here or in defaults' emergency");
            return null;
        }
        Integer count = pick(mine, inherited, k -> k.requiredApprovals);
        int required = count == null ? DEFAULT_REQUIRED_APPROVALS : count;
        Node countAt = mine != null && mine.requiredApprovalsNode != null ? mine.requiredApprovalsNode
                : inherited != null && inherited.requiredApprovalsNode != null ? inherited.requiredApprovalsNode
                : ruleAt;
        if (!canBeMet(required, approvers)) {
            reading.problems.add(countAt, where + ": emergency.requiredApprovals " + required + " can never be met:"
                    + " only " + approvers.size() + " single user(s) are listed in emergency.approvers");
            return null;
        }
        int aiRequired = ai == null ? required : Math.max(required, ai.requiredApprovals().orElse(required));
        if (!canBeMet(aiRequired, approvers)) {
            reading.problems.add(countAt, where + ": an AI-assisted emergency change needs " + aiRequired
                    + " approvals (the system's aiAssisted.require.requiredApprovals), but only " + approvers.size()
                    + " single user(s) are listed in emergency.approvers: list more, or a group");
            return null;
        }
        return new EmergencyPolicy(approvers, required, pick(mine, inherited, k -> k.incidentPattern), within,
                reviewers);
    }

    private static boolean canBeMet(int required, List<ApproverRef> approvers) {
        return !approvers.stream().allMatch(ApproverRef::isUser) || required <= approvers.size();
    }

    /** The system's own value of a key, else the defaults'. */
    @CheckForNull
    private static <T> T pick(@CheckForNull EmergencyKeys mine, @CheckForNull EmergencyKeys inherited,
            Function<EmergencyKeys, T> key) {
        T value = mine == null ? null : key.apply(mine);
        return value != null ? value : inherited == null ? null : key.apply(inherited);
    }
}
