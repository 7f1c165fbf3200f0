package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.AiAssistedRecord;
import io.jenkins.plugins.criticalchangegate.policy.AiAssistance;
import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.ApprovalRule;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.TrailerPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the AI-assisted rule: the rule a system has ({@code registry show}'s {@code aiAssisted}), and
 * why it applied ({@code applied.aiAssisted} of {@code registry show} and {@code simulate}, the same object the
 * journal's {@code GATE_REQUESTED} keeps, see {@link AiAssistedRecord}).
 */
final class AiAssistedJson {
    private AiAssistedJson() {
    }

    /**
     * The system's rule with defaults merged in: {@code trailers}, {@code require} as written (a key not written is
     * {@code null}), and what the system then requires ({@code requirement}, {@code approvalsNeeded}); {@code null}
     * for a system without one.
     */
    @CheckForNull
    static Map<String, Object> rule(CriticalSystem system) {
        Optional<AiAssistedRule> found = system.aiAssisted();
        if (found.isEmpty()) {
            return null;
        }
        AiAssistedRule rule = found.get();
        List<Object> trailers = new ArrayList<>();
        for (TrailerPattern pattern : rule.trailers()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("key", pattern.key());
            t.put("value", pattern.value().orElse(null));
            t.put("name", pattern.name().orElse(null));
            trailers.add(t);
        }
        Map<String, Object> require = new LinkedHashMap<>();
        require.put("requiredApprovals", rule.requiredApprovals().orElse(null));
        require.put("approvers", rule.approvers().map(AiAssistedJson::names).orElse(null));
        require.put("requireDistinctGroups", rule.requireDistinctGroups());
        require.put("excludeCommitAuthors", rule.excludeCommitAuthors());
        List<Object> rules = new ArrayList<>();
        for (ApprovalRule r : rule.approvalRules()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("group", r.from().toString());
            json.put("count", r.count());
            rules.add(json);
        }
        require.put("approvalRules", rules);
        CriticalSystem tightened = rule.tighten(system);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trailers", trailers);
        json.put("require", require);
        json.put("requirement", tightened.requirement());
        json.put("approvalsNeeded", tightened.approvalsNeeded());
        return json;
    }

    /** {@code applied.aiAssisted}: why the stricter rule applied, or {@code null} when it did not. */
    @CheckForNull
    static Map<String, Object> applied(Optional<AiAssistance> ai) {
        return ai.map(AiAssistedRecord::fields).orElse(null);
    }

    private static List<String> names(List<ApproverRef> refs) {
        List<String> names = new ArrayList<>();
        for (ApproverRef ref : refs) {
            names.add(ref.toString());
        }
        return names;
    }
}
