package io.jenkins.plugins.criticalchangegate.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import io.jenkins.plugins.criticalchangegate.policy.Approval;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Outcome;
import io.jenkins.plugins.criticalchangegate.policy.RefusedAttempt;
import io.jenkins.plugins.criticalchangegate.registry.ApprovalRule;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the statement an approved gate attests, from plain values: the one factory both the Jenkins layer and the
 * tool's {@code simulate} call, so that the two cannot drift apart.
 */
public final class ApprovalAttestation {
    private ApprovalAttestation() {
    }

    /**
     * The statement for an approved gate.
     *
     * @param state the gate, {@link Outcome#APPROVED}
     * @param documentation what the approvers saw of the documentation ({@link DocumentationSeen#of(Evidence)}, or
     *     from the evidence Jenkins keeps on the build), or null when none was checked
     * @param registryVersion the version (SHA-256) of the registry the gate decided with, or null
     * @param buildUrl the build's absolute URL, or null outside Jenkins
     * @param decision the journal record of the decision, or null without a journal
     * @param subjects what is deployed: the artifacts given to the step, else the commits being built
     *     ({@link Subject#gitCommit}); at least one
     * @param decidedAt when the gate was approved
     * @return the statement, of {@link ApprovalPredicate#TYPE}
     * @throws IllegalArgumentException for a gate that is not approved, or no subjects
     */
    public static Statement of(GateState state, @CheckForNull DocumentationSeen documentation,
            @CheckForNull String registryVersion, @CheckForNull String buildUrl, @CheckForNull JournalPosition decision,
            List<Subject> subjects, Instant decidedAt) {
        if (state.outcome() != Outcome.APPROVED) {
            // fail closed: an attestation says "approved", so nothing else may ever be signed as one
            throw new IllegalArgumentException("only an APPROVED gate is attested; this one is " + state.outcome());
        }
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("an attestation needs at least one subject: the artifacts deployed"
                    + " (name and SHA-256) or the commits built");
        }
        CriticalSystem system = state.request().system();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ApprovalPredicate.SYSTEM, system.id().value());
        p.put(ApprovalPredicate.CHANGE_ID, state.request().changeId());
        p.put(ApprovalPredicate.OUTCOME, state.outcome().name());
        p.put(ApprovalPredicate.REQUESTED_AT, state.request().requestedAt().toString());
        p.put(ApprovalPredicate.DECIDED_AT, decidedAt.toString());
        p.put(ApprovalPredicate.STARTED_BY, state.request().startedBy());
        p.put(ApprovalPredicate.REQUIREMENT, requirement(state));
        List<Object> approvals = new ArrayList<>();
        for (Approval a : state.approvals()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user", a.user());
            json.put("group", a.through());
            json.put("at", a.at().toString());
            json.put("comment", a.comment().orElse(null));
            approvals.add(json);
        }
        p.put(ApprovalPredicate.APPROVALS, approvals);
        List<Object> refused = new ArrayList<>();
        for (RefusedAttempt r : state.refused()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user", r.user());
            json.put("action", r.action().name());
            json.put("reason", r.reason().name());
            json.put("detail", r.detail());
            json.put("at", r.at().toString());
            refused.add(json);
        }
        p.put(ApprovalPredicate.REFUSED, refused);
        p.put(ApprovalPredicate.UNCOUNTED_REFUSALS, state.uncountedRefusals());
        p.put(ApprovalPredicate.DOCUMENTATION, documentation == null ? null : documentation.toJson());
        p.put(ApprovalPredicate.REGISTRY_VERSION, registryVersion);
        p.put(ApprovalPredicate.BUILD_URL, buildUrl);
        if (decision == null) {
            p.put(ApprovalPredicate.JOURNAL, null);
        } else {
            Map<String, Object> journal = new LinkedHashMap<>();
            journal.put("seq", decision.seq());
            journal.put("hash", decision.hash());
            p.put(ApprovalPredicate.JOURNAL, journal);
        }
        return Statement.of(subjects, ApprovalPredicate.TYPE, p);
    }

    /** The requirement the gate applied (the stricter AI-assisted one when it applied, with the overlays in force). */
    private static Map<String, Object> requirement(GateState state) {
        CriticalSystem system = state.request().system();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", system.requirement());
        json.put("approvalsNeeded", system.approvalsNeeded());
        List<Object> rules = new ArrayList<>();
        for (ApprovalRule rule : system.approvalRules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("group", rule.from().toString());
            r.put("count", rule.count());
            rules.add(r);
        }
        json.put("rules", rules);
        json.put("requireDistinctGroups", system.requireDistinctGroups());
        json.put("excludeCommitAuthors", system.excludeCommitAuthors());
        json.put("aiAssisted", state.request().aiAssistance().isPresent());
        json.put("overlays", state.request().overlays());
        return json;
    }
}
