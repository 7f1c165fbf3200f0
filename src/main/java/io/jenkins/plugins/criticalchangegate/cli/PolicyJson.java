package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import io.jenkins.plugins.criticalchangegate.policy.Approval;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.RefusedAttempt;
import io.jenkins.plugins.criticalchangegate.registry.ApprovalRule;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the registry and policy values that {@code registry show} and {@code simulate} print. */
final class PolicyJson {
    private PolicyJson() {
    }

    /** A system's resolved policy (defaults applied), keys as the registry file names them. */
    static Map<String, Object> policy(CriticalSystem system) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", system.name());
        json.put("tier", system.tier());
        json.put("owners", system.owners());
        List<String> approvers = new ArrayList<>();
        for (ApproverRef ref : system.approvers()) {
            approvers.add(ref.toString());
        }
        json.put("approvers", approvers);
        json.put("requiredApprovals", system.requiredApprovals());
        json.put("requireDistinctGroups", system.requireDistinctGroups());
        List<Object> rules = new ArrayList<>();
        for (ApprovalRule rule : system.approvalRules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("group", rule.from().toString());
            r.put("count", rule.count());
            rules.add(r);
        }
        json.put("approvalRules", rules);
        json.put("approvalsNeeded", system.approvalsNeeded());
        json.put("excludeCommitAuthors", system.excludeCommitAuthors());
        json.put("approvalTimeout", duration(system.approvalTimeout()));
        json.put("documentation", documentation(system.documentation()));
        json.put("jobs", system.jobs());
        return json;
    }

    static Map<String, Object> documentation(DocumentationPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("allowedHosts", policy.allowedHosts());
        json.put("requireChangeId", policy.requireChangeId());
        json.put("allowHttp", policy.allowHttp());
        json.put("requiredSections", policy.requiredSections());
        return json;
    }

    /** As the registry writes durations: {@code 7d}, {@code 24h}, {@code 90m} (whole days from two days up). */
    static String duration(Duration d) {
        if (d.toDays() >= 2 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toString();
    }

    static Map<String, Object> approval(Approval approval) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", approval.user());
        json.put("group", approval.through());
        json.put("comment", approval.comment().orElse(null));
        json.put("at", approval.at().toString());
        return json;
    }

    static Map<String, Object> refused(RefusedAttempt refused) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", refused.user());
        json.put("action", refused.action().name());
        json.put("reason", refused.reason().name());
        json.put("detail", refused.detail());
        json.put("at", refused.at().toString());
        return json;
    }

    static Map<String, Object> event(GateEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", event.at().toString());
        json.put("type", event.type().name());
        event.user().ifPresent(u -> json.put("user", u));
        event.group().ifPresent(g -> json.put("group", g));
        event.refusal().ifPresent(r -> json.put("reason", r.name()));
        event.text().ifPresent(t -> json.put("text", t));
        return json;
    }
}
