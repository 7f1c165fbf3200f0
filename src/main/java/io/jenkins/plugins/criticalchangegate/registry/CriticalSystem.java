package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One system of the registry with its policy, defaults already applied: who may approve a change to it, how many
 * approvals it needs, how long the gate waits, what its documentation must satisfy and which jobs are bound to it.
 * An immutable value; serializable because a paused gate keeps the policy it started with across restarts.
 */
public final class CriticalSystem implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SystemId id;
    private final String name;
    private final int tier;
    private final List<String> owners;
    private final List<ApproverRef> approvers;
    private final int requiredApprovals;
    private final boolean requireDistinctGroups;
    private final boolean excludeCommitAuthors;
    private final Duration approvalTimeout;
    private final DocumentationPolicy documentation;
    private final List<String> jobs;
    /**
     * Per-group quorums that must all be met; empty when the system has none. {@code null} only in a gate state saved
     * before the key existed (Java serialization leaves a new field null): {@link #approvalRules()} reads it as empty.
     */
    @CheckForNull
    private final List<ApprovalRule> approvalRules;
    /**
     * The stricter rule for AI-assisted changes; {@code null} when the system has none (and in a gate state saved
     * before the key existed).
     */
    @CheckForNull
    private final AiAssistedRule aiAssisted;
    /**
     * The break-glass path (issue 16); {@code null} when the system has none (and in a gate state saved before the
     * key existed).
     */
    @CheckForNull
    private final EmergencyPolicy emergency;
    /**
     * How long after its gate's approval a build may still be given the system's gated deploy credentials
     * ({@code credentialsReleaseWindow}, docs/credentials.md); {@code null}: the rest of the build (and in a gate state
     * saved before the key existed).
     */
    @CheckForNull
    private final Duration credentialsReleaseWindow;
    /**
     * Who is told of the system's gates ({@code notify}, issue 14); {@code null} for no one (and in a gate state saved
     * before the key existed).
     */
    @CheckForNull
    private final NotifyTargets notify;

    CriticalSystem(CriticalSystemBuilder b) {
        this.id = b.id;
        this.name = b.name;
        this.tier = b.tier;
        this.owners = List.copyOf(b.owners);
        this.approvers = List.copyOf(b.approvers);
        this.requiredApprovals = b.requiredApprovals;
        this.requireDistinctGroups = b.requireDistinctGroups;
        this.excludeCommitAuthors = b.excludeCommitAuthors;
        this.approvalTimeout = b.approvalTimeout;
        this.documentation = b.documentation;
        this.jobs = List.copyOf(b.jobs);
        this.approvalRules = List.copyOf(b.approvalRules);
        this.aiAssisted = b.aiAssisted;
        this.emergency = b.emergency;
        this.credentialsReleaseWindow = b.credentialsReleaseWindow;
        this.notify = NotifyTargets.NONE.equals(b.notify) ? null : b.notify;
    }

    /**
     * A builder with the registry's built-in defaults (2 approvals, commit authors excluded, distinct groups not
     * required, 24 hours, documentation allowed nowhere). Meant for the registry parser and for tests.
     */
    public static CriticalSystemBuilder builder(String id) {
        return new CriticalSystemBuilder(SystemId.of("id", id));
    }

    /**
     * A builder holding this system's values, so that one may be changed and the rest kept: what an overlay does to a
     * system while it is in force (docs/registry.md, "Time rules").
     */
    public CriticalSystemBuilder toBuilder() {
        CriticalSystemBuilder b = new CriticalSystemBuilder(id).name(name).tier(tier).owners(owners)
                .approvers(approvers).requiredApprovals(requiredApprovals).requireDistinctGroups(requireDistinctGroups)
                .excludeCommitAuthors(excludeCommitAuthors).approvalTimeout(approvalTimeout)
                .documentation(documentation).jobs(jobs).approvalRules(approvalRules());
        b.aiAssisted = aiAssisted;
        b.emergency = emergency;
        b.credentialsReleaseWindow = credentialsReleaseWindow;
        b.notify = notifyTargets();
        b.jobsChecked = true; // this system's globs compiled when it was built: overlays check every system
        return b;
    }

    public SystemId id() {
        return id;
    }

    /** The human name, e.g. {@code Checkout}. */
    public String name() {
        return name;
    }

    /** The criticality tier (1 is the most critical). */
    public int tier() {
        return tier;
    }

    /** The teams that own the system, as written. */
    public List<String> owners() {
        return owners;
    }

    /** The groups and single users who may approve or reject, in the registry's order. */
    public List<ApproverRef> approvers() {
        return approvers;
    }

    /** How many distinct people must approve. */
    public int requiredApprovals() {
        return requiredApprovals;
    }

    /** The rules that must all be met, by distinct people, each counting toward one rule only; may be empty. */
    public List<ApprovalRule> approvalRules() {
        List<ApprovalRule> rules = approvalRules;
        return rules == null ? List.of() : rules;
    }

    /**
     * How many distinct people must approve in all: {@link #requiredApprovals()}, or the sum of the approval rules'
     * counts when that is more (approvals beyond the rules may come from anyone the system lists).
     */
    public int approvalsNeeded() {
        int ruled = 0;
        for (ApprovalRule rule : approvalRules()) {
            ruled += rule.count();
        }
        return Math.max(requiredApprovals, ruled);
    }

    /** Whether each approval must come through a different listed group (or listed user). */
    public boolean requireDistinctGroups() {
        return requireDistinctGroups;
    }

    /** Whether authors of the commits being shipped are refused as approvers. */
    public boolean excludeCommitAuthors() {
        return excludeCommitAuthors;
    }

    /** How long the gate waits for a decision before it expires. */
    public Duration approvalTimeout() {
        return approvalTimeout;
    }

    /**
     * How long a gate of this system waits where an administrator allows at most {@code maximum}: the registry's
     * timeout, or the maximum when the registry asks for more (a registry loaded before the maximum was lowered).
     */
    public Duration approvalTimeoutWithin(Duration maximum) {
        return approvalTimeout.compareTo(maximum) > 0 ? maximum : approvalTimeout;
    }

    /**
     * The approval rule in words, as approvers and the build log show it: "2 approval(s) from: group checkout-leads,
     * group sre, user alice; each through a different group; not the build's starter nor a commit author".
     */
    public String requirement() {
        StringJoiner who = new StringJoiner(", ");
        for (ApproverRef ref : approvers) {
            who.add(ref.isUser() ? "user " + ref.name() : "group " + ref.name());
        }
        StringJoiner rules = new StringJoiner(" and ");
        for (ApprovalRule rule : approvalRules()) {
            rules.add(rule.toString());
        }
        return approvalsNeeded() + " approval(s) from: " + who
                + (rules.length() == 0 ? "" : "; including " + rules)
                + (requireDistinctGroups ? "; each through a different group" : "")
                + (excludeCommitAuthors ? "; not the build's starter nor a commit author"
                        : "; not the build's starter");
    }

    /** What the change's documentation page must satisfy. */
    public DocumentationPolicy documentation() {
        return documentation;
    }

    /** The job full-name globs bound to this system, as written. */
    public List<String> jobs() {
        return jobs;
    }

    /** The stricter rule that applies to AI-assisted changes (docs/registry.md), defaults merged in; may be empty. */
    public Optional<AiAssistedRule> aiAssisted() {
        return Optional.ofNullable(aiAssisted);
    }

    /** The emergency (break-glass) path; empty when the system has none. */
    public Optional<EmergencyPolicy> emergency() {
        return Optional.ofNullable(emergency);
    }

    /** {@code credentialsReleaseWindow}: empty when the system's gated credentials are released for the rest of the build. */
    public Optional<Duration> credentialsReleaseWindow() {
        return Optional.ofNullable(credentialsReleaseWindow);
    }

    /** {@code notify}: who is told of the system's gates; {@link NotifyTargets#NONE} for no one. */
    public NotifyTargets notifyTargets() {
        NotifyTargets targets = notify;
        return targets == null ? NotifyTargets.NONE : targets;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CriticalSystem)) {
            return false;
        }
        CriticalSystem that = (CriticalSystem) o;
        return id.value().equals(that.id.value()) && name.equals(that.name) && tier == that.tier
                && owners.equals(that.owners) && approvers.equals(that.approvers)
                && requiredApprovals == that.requiredApprovals && requireDistinctGroups == that.requireDistinctGroups
                && excludeCommitAuthors == that.excludeCommitAuthors && approvalTimeout.equals(that.approvalTimeout)
                && documentation.equals(that.documentation) && jobs.equals(that.jobs)
                && approvalRules().equals(that.approvalRules()) && Objects.equals(aiAssisted, that.aiAssisted)
                && Objects.equals(emergency, that.emergency)
                && Objects.equals(credentialsReleaseWindow, that.credentialsReleaseWindow)
                && notifyTargets().equals(that.notifyTargets());
    }

    /** The id's hash alone: cheap, and consistent with {@link #equals} (equal systems have equal ids). */
    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CriticalSystem{" + id + " (" + name + "), tier " + tier + ", " + requiredApprovals + " of "
                + approvers + "}";
    }
}
