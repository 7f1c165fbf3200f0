package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Actor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AttestationEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.EmergencyEntry;
import io.jenkins.plugins.criticalchangegate.policy.ReviewVerdict;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.LinkTarget;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * One gate of a build, as the approval page, the REST API and the approval endpoints see it:
 * {@code …/critical-change-gate/<gateId>/approve} and {@code …/reject}. A view over the build action's record, made
 * per request; the action does the work under its lock.
 *
 * <p>Both endpoints are POST only ({@code @RequirePOST}: a GET shows a form asking to confirm, and changes
 * nothing); Jenkins' crumb filter checks the CSRF crumb of every POST, except one authenticated with an API token,
 * which is how scripts and chat bots call them. The person needs Item.READ on the job and must be authorized by the
 * registry: administrators get no bypass.
 */
@ExportedBean(defaultVisibility = 2)
public class GateEntry {
    /** Longest comment or reason kept: it goes into build.xml, the journal and the build log. */
    static final int MAX_TEXT = 2000;

    private final GateAction action;
    private final GateRecord record;

    GateEntry(GateAction action, GateRecord record) {
        this.action = action;
        this.record = record;
    }

    /** Approves, with an optional comment. */
    @RequirePOST
    public HttpResponse doApprove(@QueryParameter @CheckForNull String comment) throws IOException {
        action.checkRead();
        Actor actor = actor("approve");
        if (comment != null && comment.length() > MAX_TEXT) {
            return HttpResponses.errorWithoutStack(400, "The comment is longer than " + MAX_TEXT + " characters.");
        }
        Decision decision = action.approve(record.getGateId(), actor, blankToNull(comment));
        return answer(decision);
    }

    /** Rejects, with the reason, which is required. */
    @RequirePOST
    public HttpResponse doReject(@QueryParameter @CheckForNull String reason) throws IOException {
        action.checkRead();
        Actor actor = actor("reject");
        String why = blankToNull(reason);
        if (why == null) {
            return HttpResponses.errorWithoutStack(400, "A rejection needs a reason (parameter 'reason').");
        }
        if (why.length() > MAX_TEXT) {
            return HttpResponses.errorWithoutStack(400, "The reason is longer than " + MAX_TEXT + " characters.");
        }
        Decision decision = action.reject(record.getGateId(), actor, why);
        return answer(decision);
    }

    /**
     * Reviews an approved emergency change (issue 16): {@code verdict} {@code accepted} or {@code needs-follow-up}
     * (which needs a {@code text}). Only the registry's reviewers, never its approvers, starter or commit authors
     * ({@code policy.Review}); also once the build has finished.
     */
    @RequirePOST
    public HttpResponse doReview(@QueryParameter @CheckForNull String verdict, @QueryParameter @CheckForNull String text)
            throws IOException {
        action.checkRead();
        Actor actor = actor("review");
        ReviewVerdict given;
        try {
            given = ReviewVerdict.of(verdict == null ? "" : verdict);
        } catch (IllegalArgumentException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage() + " (parameter 'verdict').");
        }
        if (text != null && text.length() > MAX_TEXT) {
            return HttpResponses.errorWithoutStack(400, "The text is longer than " + MAX_TEXT + " characters.");
        }
        Decision decision = EmergencyReviewing.review(action, record.getGateId(), actor, given, blankToNull(text));
        if (decision.journalFailure != null) {
            // not answer()'s wording: a review changes no build and stops no change, it only failed to be kept
            return HttpResponses.errorWithoutStack(500, decision.message + " " + decision.journalFailure);
        }
        return answer(decision);
    }

    private HttpResponse answer(Decision decision) {
        if (decision.decisive) {
            // the record decides how the step completes (StepCompletion): a decision the journal missed fails it
            RunningGates.complete(action.run(), decision.record);
        }
        String journalFailure = decision.journalFailure;
        if (journalFailure != null) {
            return HttpResponses.errorWithoutStack(500, decision.message + " " + journalFailure
                    + " (it is recorded on the build; the change will not proceed)");
        }
        if (!decision.accepted) {
            // recorded on the build and in the journal (a gate that never opened: neither); the person sees why
            return HttpResponses.errorWithoutStack(403, decision.message);
        }
        // to the approval page whatever the URL was posted to (…/approve or …/approve/)
        return HttpResponses.redirectViaContextPath("/" + action.run().getUrl() + GateAction.URL_NAME + "/");
    }

    private static Actor actor(String what) {
        return Actor.from(new JenkinsFacade().authentication()).orElseThrow(() ->
                HttpResponses.errorWithoutStack(403, "Log in to " + what + " a critical change: anonymous users"
                        + " cannot."));
    }

    @CheckForNull
    private static String blankToNull(@CheckForNull String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Exported
    public String getGateId() {
        return record.getGateId();
    }

    @Exported
    public String getSystem() {
        return record.getSystem();
    }

    @Exported
    public String getSystemName() {
        return record.getSystemName();
    }

    @Exported
    @CheckForNull
    public String getChangeId() {
        return record.getChangeId();
    }

    @Exported
    @CheckForNull
    public String getMessage() {
        return record.getMessage();
    }

    @Exported
    @CheckForNull
    public String getDocumentationUrl() {
        return record.getDocumentationUrl();
    }

    /** The documentation check's evidence: status, title, SHA-256, final URL, time... */
    /** The documentation URL when it is http(s), for the page's link; null otherwise (shown as text). */
    @CheckForNull
    public String getDocumentationLink() {
        return LinkTarget.http(record.getDocumentationUrl());
    }

    @Exported(inline = true)
    public List<Field> getEvidence() {
        List<Field> out = new ArrayList<>();
        for (Map.Entry<String, String> e : record.getEvidence().entrySet()) {
            out.add(new Field(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Exported
    public String getRequirement() {
        return record.getRequirement();
    }

    @Exported
    public int getRequiredApprovals() {
        return record.getRequiredApprovals();
    }

    @Exported
    public String getStatus() {
        return record.getStatus().name();
    }

    public boolean isPending() {
        // a held gate takes approvals and rejections too: it only waits to decide
        return !record.getStatus().isSettled();
    }

    @Exported
    public String getRequestedAt() {
        return Instant.ofEpochMilli(record.getRequestedAtMillis()).toString();
    }

    /** Why the stricter rule for AI-assisted changes applied (which commit and trailer, or declared); or null. */
    @Exported
    @CheckForNull
    public String getAiAssisted() {
        return record.getAiAssisted();
    }

    /** The registry's overlays that shaped the requirement when the gate was requested. */
    @Exported
    public List<String> getOverlays() {
        return record.getOverlays();
    }

    /** Whether the time rules hold the gate: it takes approvals, and decides when the system opens again. */
    @Exported
    public boolean isHeld() {
        return record.getStatus() == GateStatus.HELD;
    }

    @Exported
    public String getDueAt() {
        return record.deadline().dueAt().toString();
    }

    /** What the approval is about: {@code name sha256:<hex>} per artifact, {@code <id> gitCommit:<id>} per commit. */
    @Exported
    public List<String> getSubjects() {
        List<String> out = new ArrayList<>();
        for (SubjectEntry subject : record.getSubjects()) {
            out.add(subject.toString());
        }
        return out;
    }

    /** The signed attestation (DSSE envelope, one line of JSON) of an approved gate; null before or without one. */
    @Exported
    @CheckForNull
    public String getAttestation() {
        AttestationEntry entry = record.getAttestation();
        return entry == null ? null : entry.getEnvelope();
    }

    /** {@code sha256:<hex> (key <key id>)} of the attestation, for the page; null without one. */
    @CheckForNull
    public String getAttestationSummary() {
        AttestationEntry entry = record.getAttestation();
        return entry == null ? null : "envelope sha256:" + entry.getSha256() + ", signed with key " + entry.getKeyId();
    }

    /** Whether the gate took the system's emergency (break-glass) path, issue 16. */
    @Exported
    public boolean isEmergency() {
        return record.getEmergency() != null;
    }

    @Exported
    @CheckForNull
    public String getIncidentId() {
        EmergencyEntry emergency = record.getEmergency();
        return emergency == null ? null : emergency.getIncidentId();
    }

    /** The review obligation of an emergency gate (reviewers, due time, the review once given); null otherwise. */
    @Exported(inline = true)
    @CheckForNull
    public EmergencyReviewView getEmergencyReview() {
        return record.getEmergency() == null ? null : new EmergencyReviewView(record);
    }

    @Exported
    public List<String> getStartedBy() {
        return record.getStartedBy();
    }

    @Exported
    public List<String> getApprovers() {
        return record.approverIds();
    }

    /** Accepted approvals, in order. */
    public List<Event> getApprovals() {
        return events(record.approvals());
    }

    /** Refused attempts, in order. */
    public List<Event> getRefusals() {
        return events(record.refusals());
    }

    /** The whole trail: request, documentation check, every attempt, the decision. */
    @Exported(inline = true)
    public List<Event> getTrail() {
        return events(record.getTrail());
    }

    private static List<Event> events(List<TrailEntry> entries) {
        List<Event> out = new ArrayList<>();
        for (TrailEntry entry : entries) {
            out.add(new Event(entry));
        }
        return out;
    }

    /** One evidence field. */
    @ExportedBean(defaultVisibility = 3)
    public static final class Field {
        private final String name;
        private final String value;

        Field(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Exported
        public String getName() {
            return name;
        }

        @Exported
        public String getValue() {
            return value;
        }
    }

    /** One trail entry. */
    @ExportedBean(defaultVisibility = 3)
    public static final class Event {
        private final TrailEntry entry;

        Event(TrailEntry entry) {
            this.entry = entry;
        }

        @Exported
        public String getKind() {
            return entry.getKind().name();
        }

        @Exported
        public String getAt() {
            return entry.at().toString();
        }

        @Exported
        @CheckForNull
        public String getUser() {
            return entry.getActor();
        }

        @Exported
        public List<String> getGroups() {
            return entry.getActorGroups();
        }

        @Exported
        @CheckForNull
        public String getDetail() {
            return entry.getDetail();
        }
    }
}
