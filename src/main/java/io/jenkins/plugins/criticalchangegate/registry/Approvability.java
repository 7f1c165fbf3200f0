package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a system's policy can ever be met: what the registry checks of a system tightened by overlays, since
 * tightening may ask for more approvals than the people left can give. The same rules the registry applies to each
 * system's own policy ({@link SystemReader}), counting the approval rules' groups as approver entries (being in a
 * rule's group authorizes).
 */
final class Approvability {
    private Approvability() {
    }

    /** Why no change to the system could ever pass; {@code null} when one can. */
    @CheckForNull
    static String problem(CriticalSystem system) {
        if (system.documentation().allowedHosts().isEmpty()) {
            return "it would allow its documentation on no host";
        }
        Set<String> entries = new LinkedHashSet<>();
        boolean allUsers = true;
        for (ApproverRef ref : system.approvers()) {
            entries.add(ref.toString().toLowerCase(Locale.ROOT));
            allUsers &= ref.isUser();
        }
        for (ApprovalRule rule : system.approvalRules()) {
            entries.add(rule.from().toString().toLowerCase(Locale.ROOT));
            allUsers &= rule.from().isUser();
        }
        int needed = system.approvalsNeeded();
        if (allUsers && needed > entries.size()) {
            return "it would need " + needed + " approvals, and only " + entries.size() + " single user(s) can give"
                    + " them";
        }
        if (system.requireDistinctGroups()) {
            if (needed > entries.size()) {
                return "it would need " + needed + " approvals through different groups (requireDistinctGroups), and"
                        + " only " + entries.size() + " approver entries are listed";
            }
            for (ApprovalRule rule : system.approvalRules()) {
                if (rule.count() > 1) {
                    return "the approval rule " + rule + " can never be met with requireDistinctGroups, which counts"
                            + " one approval per group";
                }
            }
        }
        return null;
    }
}
