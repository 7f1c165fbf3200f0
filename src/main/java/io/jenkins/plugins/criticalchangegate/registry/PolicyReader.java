package io.jenkins.plugins.criticalchangegate.registry;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the policy keys of {@code defaults:} or of one system (which has other keys too). */
final class PolicyReader {
    /** Not an overlay key ({@link OverlaysSection#TIGHTEN_KEYS}): a release window is the system's, not a time rule's. */
    static final String CREDENTIALS_RELEASE_WINDOW = "credentialsReleaseWindow";
    /** Not an overlay key either: who is told of a gate is no rule a change must pass. */
    static final String NOTIFY = "notify";
    static final List<String> KEYS = List.of("requiredApprovals", "requireDistinctGroups", "excludeCommitAuthors",
            "approvalTimeout", "documentation", "approvalRules", "aiAssisted", "emergency",
            CREDENTIALS_RELEASE_WINDOW, NOTIFY);

    private final Reading reading;
    private final DurationReader durations;
    private final DocumentationReader documentation;
    private final ApprovalRulesReader rules;
    private final AiAssistedReader aiAssisted;
    private final EmergencyReader emergency;
    private final NotifyReader notify;

    PolicyReader(Reading reading) {
        this.reading = reading;
        this.durations = new DurationReader(reading);
        this.documentation = new DocumentationReader(reading);
        this.rules = new ApprovalRulesReader(reading);
        this.aiAssisted = new AiAssistedReader(reading);
        this.emergency = new EmergencyReader(reading);
        this.notify = new NotifyReader(reading);
    }

    PolicyKeys read(Keyed keys) {
        PolicyKeys policy = new PolicyKeys();
        Node n = keys.get("requiredApprovals");
        if (n != null) {
            Integer value = reading.values.integer(n, "requiredApprovals");
            policy.requiredApprovalsRefused = value == null || value < 1;
            if (value != null && value < 1) {
                reading.problems.add(n, "requiredApprovals must be at least 1, not " + value + ": the gate exists to"
                        + " require approvals");
            } else if (value != null) {
                policy.requiredApprovals = value;
                policy.requiredApprovalsNode = n;
            }
        }
        n = keys.get("requireDistinctGroups");
        if (n != null) {
            policy.requireDistinctGroups = reading.values.bool(n, "requireDistinctGroups");
        }
        n = keys.get("excludeCommitAuthors");
        if (n != null) {
            policy.excludeCommitAuthors = reading.values.bool(n, "excludeCommitAuthors");
        }
        n = keys.get("approvalTimeout");
        if (n != null) {
            policy.approvalTimeout = durations.approvalTimeout(n);
        }
        n = keys.get("approvalRules");
        if (n != null) {
            policy.approvalRules = rules.read(n);
            policy.approvalRulesNode = n;
        }
        n = keys.get("documentation");
        if (n != null) {
            documentation.read(n, policy);
        }
        n = keys.get("aiAssisted");
        if (n != null) {
            policy.aiAssisted = aiAssisted.read(n);
        }
        n = keys.get("emergency");
        if (n != null) {
            policy.emergency = emergency.read(n);
        }
        n = keys.get(CREDENTIALS_RELEASE_WINDOW);
        if (n != null) {
            policy.credentialsReleaseWindow = durations.releaseWindow(n);
        }
        n = keys.get(NOTIFY);
        if (n != null) {
            policy.notifyEmail = notify.read(n);
        }
        return policy;
    }
}
