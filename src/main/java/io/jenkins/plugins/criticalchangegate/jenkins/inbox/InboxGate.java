package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import io.jenkins.plugins.criticalchangegate.jenkins.facts.LinkTarget;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.inbox.Inbox;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import io.jenkins.plugins.criticalchangegate.notify.GateLinks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One open gate on the inbox page and in {@code api/json}: system, change, documentation link, who asked, age,
 * approvals so far and still needed, deadline, the gate page's link, and for the "others" tab why the user may not
 * approve it. An immutable value.
 */
@ExportedBean(defaultVisibility = 2)
public final class InboxGate {
    private final PendingGate gate;
    private final Duration age;
    private final int stillNeeded;
    @CheckForNull
    private final String refusal;
    private final String reason;

    InboxGate(Inbox.Entry entry) {
        this.gate = entry.gate();
        this.age = entry.age();
        this.stillNeeded = entry.assessment().stillNeeded();
        this.refusal = entry.assessment().refusal().orElse(null);
        this.reason = entry.assessment().message();
    }

    @Exported
    public String getSystem() {
        return gate.system();
    }

    @Exported
    public String getChangeId() {
        return gate.changeId();
    }

    @Exported
    public String getJob() {
        return gate.job();
    }

    @Exported
    public long getBuild() {
        return gate.build();
    }

    /** The build's page, relative to Jenkins' root URL ({@code job/a/job/b/7/}). */
    @Exported
    public String getBuildUrl() {
        return links().buildUrl();
    }

    /** The gate page (approve or reject there), relative to Jenkins' root URL. */
    @Exported
    public String getGateUrl() {
        return links().gateUrl();
    }

    private GateLinks links() {
        return GateLinks.relative(gate.job(), gate.build());
    }

    /** The change's documentation page as the journal has it (its check's evidence is on the gate page). */
    @Exported
    @CheckForNull
    public String getDocumentationUrl() {
        return gate.documentationUrl().orElse(null);
    }

    /**
     * The documentation page for a link on the page: only an http(s) URL. The journal records the URL a pipeline gave
     * whatever its check's outcome, and escaping does not defuse a {@code javascript:} URL in an {@code href}.
     */
    @CheckForNull
    public String getDocumentationLink() {
        return LinkTarget.http(getDocumentationUrl());
    }

    /** Who started the build (who asked). */
    @Exported
    @CheckForNull
    public String getStartedBy() {
        return gate.startedBy().orElse(null);
    }

    @Exported
    public String getRequestedAt() {
        return gate.requestedAt().toString();
    }

    /** How long it has waited, in seconds. */
    @Exported
    public long getAgeSeconds() {
        return age.getSeconds();
    }

    /** How long it has waited, for people: {@code 2 d 3 h}, {@code 3 h 12 min}, {@code 5 min}. */
    public String getAge() {
        long minutes = age.toMinutes();
        if (minutes >= 24 * 60) {
            return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
        }
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    @Exported
    @CheckForNull
    public String getDeadline() {
        return gate.deadline().map(Instant::toString).orElse(null);
    }

    @Exported
    @CheckForNull
    public String getRequirement() {
        return gate.requirement().orElse(null);
    }

    @Exported
    public int getApprovalsNeeded() {
        return gate.approvalsNeeded();
    }

    @Exported
    public int getApprovalsStillNeeded() {
        return stillNeeded;
    }

    /** The approvals so far: {@code user (through group)}. */
    @Exported
    public List<String> getApprovals() {
        List<String> out = new ArrayList<>();
        for (PendingGate.Vote vote : gate.approvals()) {
            out.add(vote.user() + vote.through().map(t -> " (" + t + ")").orElse(""));
        }
        return out;
    }

    /** While the system holds the gate (freeze, outside its windows): why. */
    @Exported
    @CheckForNull
    public String getHeldBecause() {
        return gate.heldBecause().orElse(null);
    }

    /** Why the user may not approve it (the policy's code: {@code SELF_APPROVAL}, ...); null when they may. */
    @Exported
    @CheckForNull
    public String getRefusal() {
        return refusal;
    }

    /** The policy's sentence for the user. */
    @Exported
    public String getReason() {
        return reason;
    }
}
