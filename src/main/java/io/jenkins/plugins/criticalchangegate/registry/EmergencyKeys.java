package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code emergency:} as read from {@code defaults:} or one system, with the places of its values for messages;
 * {@code null} fields were not given (or were refused, and reported).
 */
final class EmergencyKeys {
    /** The {@code emergency} value itself. */
    final Node node;
    @CheckForNull List<ApproverRef> approvers;
    @CheckForNull Integer requiredApprovals;
    @CheckForNull Node requiredApprovalsNode;
    @CheckForNull String incidentPattern;
    @CheckForNull Duration reviewWithin;
    @CheckForNull List<ApproverRef> reviewers;
    /** A value was given and refused (reported): "missing" is then not reported again. */
    boolean refused;

    EmergencyKeys(Node node) {
        this.node = node;
    }
}
