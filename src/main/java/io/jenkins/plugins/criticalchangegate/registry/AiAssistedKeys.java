package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code aiAssisted:} as read from {@code defaults:} or one system, with the places of its values for messages;
 * {@code null} fields were not given (or were refused, and reported).
 */
final class AiAssistedKeys {
    /** The {@code aiAssisted} value itself. */
    final Node node;
    @CheckForNull List<TrailerPattern> trailers;
    @CheckForNull Integer requiredApprovals;
    @CheckForNull Node requiredApprovalsNode;
    @CheckForNull List<ApproverRef> approvers;
    @CheckForNull Node approversNode;
    @CheckForNull Boolean requireDistinctGroups;
    @CheckForNull Boolean excludeCommitAuthors;
    @CheckForNull List<ApprovalRule> approvalRules;
    /** Whether {@code require} was written (even if its values were refused): then "no require" is not reported. */
    boolean requireGiven;

    AiAssistedKeys(Node node) {
        this.node = node;
    }
}
