package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The policy keys as read from {@code defaults:} or one system; {@code null} fields were not given. */
final class PolicyKeys {
    @CheckForNull Integer requiredApprovals;
    @CheckForNull Node requiredApprovalsNode;
    /** requiredApprovals was written but refused (reported): no rule is checked against a value standing in for it. */
    boolean requiredApprovalsRefused;
    @CheckForNull Boolean requireDistinctGroups;
    @CheckForNull Boolean excludeCommitAuthors;
    @CheckForNull Duration approvalTimeout;
    @CheckForNull List<String> allowedHosts;
    /** An entry of allowedHosts was refused: already reported, so an empty list is not reported again. */
    boolean allowedHostsRefused;
    @CheckForNull Boolean requireChangeId;
    @CheckForNull Boolean allowHttp;
    @CheckForNull List<String> requiredSections;
    @CheckForNull List<ApprovalRule> approvalRules;
    @CheckForNull Node approvalRulesNode;
    @CheckForNull AiAssistedKeys aiAssisted;
    @CheckForNull EmergencyKeys emergency;
    @CheckForNull Duration credentialsReleaseWindow;
    /** {@code notify.email}; an empty list turns the defaults' off. */
    @CheckForNull List<String> notifyEmail;
}
