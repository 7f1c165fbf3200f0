package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.console.HyperlinkNote;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectRequest;
import io.jenkins.plugins.criticalchangegate.audit.AiAssistedRecord;
import io.jenkins.plugins.criticalchangegate.audit.GateRequestRecord;
import io.jenkins.plugins.criticalchangegate.policy.AiAssistance;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.documentation.Verdict;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecordBuilder;
import io.jenkins.plugins.criticalchangegate.policy.EmergencyRequirement;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.util.stream.Collectors;
import io.jenkins.plugins.criticalchangegate.registry.ClosedPeriod;
import io.jenkins.plugins.criticalchangegate.registry.TimeRules;
import java.util.Optional;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.credentials.DocumentationCredentials;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildStarters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CommitAuthors;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Deadline;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.DocumentationVerdict;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * Opens one gate, off the CPS VM thread: checks the documentation page, keeps the request and its evidence on the
 * build, and opens the policy's gate, which then waits for approvals. A gate whose documentation is refused is kept
 * settled (DOCUMENTATION_REFUSED) and never waits.
 *
 * <p>A build stopped meanwhile never gets a waiting gate. The execution sets its stop flag before anything else, and
 * this class reads it before the check, before opening, and once more after opening: a stop that came after the last
 * read finds the gate's record when its own bookkeeping runs (the record is added before that read, under the build
 * action's lock), so one of the two closes the gate and ends the pause.
 */
final class GateOpening {
    /**
     * For JenkinsRule tests of expiry only: when set, every gate opened afterwards waits this long instead of the
     * registry's approval timeout (whose minimum is a minute). Package-private and never set by the plugin, so no
     * configuration, pipeline or request reaches it.
     */
    @CheckForNull
    private static volatile Duration approvalTimeoutForTests;

    private final CriticalSystem critical;
    private final String gateId;
    private final String system;
    private final String changeId;
    private final String documentationUrl;
    @CheckForNull
    private final String message;
    @CheckForNull
    private final String credentialsId;
    /** Adds the registry version the gate decided with to a journal event. */
    private final UnaryOperator<AuditEvent> withRegistry;
    private final BooleanSupplier stopped;
    /** The registry's time rules, from the registry the gate resolved with. */
    private final TimeRules timeRules;
    /** The pipeline declared the change AI-assisted. */
    private final boolean declaredAiAssisted;
    /** The incident of an emergency (break-glass) request, issue 16; null for a usual one. */
    @CheckForNull
    private final String incidentId;

    GateOpening(CriticalSystem critical, String gateId, String system, String changeId, String documentationUrl,
            @CheckForNull String message, @CheckForNull String credentialsId, UnaryOperator<AuditEvent> withRegistry,
            BooleanSupplier stopped, TimeRules timeRules, boolean declaredAiAssisted, @CheckForNull String incidentId) {
        this.incidentId = incidentId;
        this.timeRules = timeRules;
        this.declaredAiAssisted = declaredAiAssisted;
        this.critical = critical;
        this.gateId = gateId;
        this.system = system;
        this.changeId = changeId;
        this.documentationUrl = documentationUrl;
        this.message = message;
        this.credentialsId = credentialsId;
        this.withRegistry = withRegistry;
        this.stopped = stopped;
    }

    /** Tests only: see {@link #approvalTimeoutForTests}; {@code null} restores the registry's timeouts. */
    static void setApprovalTimeoutForTests(@CheckForNull Duration timeout) {
        approvalTimeoutForTests = timeout;
    }

    /**
     * Checks the documentation and opens the gate.
     *
     * @return the gate's record: PENDING when it waits, settled when it was refused, closed because the journal
     *     failed, or aborted because the build stopped meanwhile
     */
    GateRecord open(Run<?, ?> run, TaskListener listener, FlowNode node, SubjectRequest subjectRequest,
            @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        // what the change deploys is hashed now, before anyone approves: the approval is about these bytes
        List<SubjectEntry> subjects = subjectRequest.subjects(
                WorkspaceSubjects.hash(subjectRequest.files(), workspace, listener), BuildFacts.commitIds(run));
        GateAction action = action(run);
        String job = run.getParent().getFullName();
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        String authorization = DocumentationCredentials.authorization(credentialsId, run);
        DocumentationVerdict verdict = DocumentationGateway.check(documentationUrl, changeId,
                critical.documentation(), authorization, config.limits());
        if (Thread.currentThread().isInterrupted()) {
            // an interrupted fetch is no verdict (the check reports it as a timeout): nothing is recorded, and the
            // check runs again when the step resumes
            throw new InterruptedException("the documentation check of " + changeId + " was interrupted");
        }
        Instant now = Instant.now();
        BuildStarters starters = BuildFacts.starters(run);
        CommitAuthors authors = BuildFacts.commitAuthors(run);
        // the policy in force now: the time rules or, for an emergency, the break-glass path (RequestInForce); the
        // commits are read (back to the last approved build) only when the system's rule looks at trailers
        RequestInForce inForce = RequestInForce.at(critical, timeRules, now, changeId, starters, authors,
                () -> BuildFacts.commitMessages(run, system), declaredAiAssisted, incidentId);
        GateRequest gateRequest = inForce.request().orElse(null);
        CriticalSystem effective = gateRequest == null ? critical : gateRequest.system();
        // the check happened, whatever follows: auditors see its evidence (advisory at an emergency gate)
        AuditEvent checked = AuditEvent.documentationChecked(job, run.getNumber(), system, changeId,
                documentationUrl, verdict.verified() ? "VERIFIED" : "REFUSED",
                DocumentationGateway.journalFields(verdict));
        GateJournal.get().append(gateRequest == null ? checked : emergencyGate(EmergencyRecords.documentationChecked(
                checked, gateRequest), gateRequest));
        Duration forTests = approvalTimeoutForTests;
        Duration timeout = forTests != null ? forTests
                : effective.approvalTimeoutWithin(config.maxApprovalTimeout());
        if (forTests == null && !timeout.equals(effective.approvalTimeout())) {
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "the registry asks for an approval"
                    + " timeout of " + effective.approvalTimeout() + ", longer than this Jenkins allows; waiting at"
                    + " most " + timeout + ".");
        }
        Deadline deadline = Deadline.after(now, timeout);
        String aiAssisted = gateRequest == null ? null
                : gateRequest.aiAssistance().map(AiAssistance::describe).orElse(null);
        GateRecordBuilder builder = GateRecord.builder(gateId, system).systemName(critical.name()).changeId(changeId)
                .message(message).documentationUrl(documentationUrl)
                .requirement(effective.requirement(), effective.approvalsNeeded())
                .requested(now, deadline).startedBy(starters.userIds())
                .commitAuthors(effective.excludeCommitAuthors() ? authors.userIds() : List.of())
                .applied(aiAssisted, inForce.overlays()).subjects(subjects);
        EmergencyPolicy path = gateRequest != null && gateRequest.emergency()
                ? gateRequest.system().emergency().orElseThrow() : null;
        if (path != null) {
            builder.emergency(gateRequest.incidentId().orElseThrow(), path.reviewWithin(), path.reviewers().stream()
                    .map(ApproverRef::toString).collect(Collectors.toList()));
        }
        GateRecord request = builder.build().withEvidence(verdict.evidence());
        if (stopped.getAsBoolean()) {
            return keepAborted(action, request, now); // stopped meanwhile: whatever the page said, nothing waits
        }
        boolean blocks = gateRequest == null ? !verdict.verified() : EmergencyRequirement.documentationBlocks(
                gateRequest, verdict.verified() ? Verdict.VERIFIED : Verdict.REFUSED);
        if (blocks) {
            GateRecord refused = request.with(TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_REFUSED, now, null,
                    verdict.reasonCode() + ": " + verdict.explanation())).settled(GateStatus.DOCUMENTATION_REFUSED);
            action.keep(refused);
            listener.getLogger().print(CriticalChangeGateExecution.LOG_PREFIX + "the documentation page was"
                    + " refused: " + verdict.reasonCode() + ": " + verdict.explanation() + "\n"
                    + verdict.evidenceLines());
            return refused;
        }
        if (verdict.verified()) {
            listener.getLogger().print(CriticalChangeGateExecution.LOG_PREFIX + "documentation verified:\n"
                    + verdict.evidenceLines());
        } else {
            listener.getLogger().print(CriticalChangeGateExecution.LOG_PREFIX + "EMERGENCY: the documentation page"
                    + " was refused (" + verdict.reasonCode() + ": " + verdict.explanation() + "); the check is"
                    + " advisory on the emergency path: recorded for the reviewers, the gate opens\n"
                    + verdict.evidenceLines());
        }
        if (gateRequest == null) {
            String denial = inForce.denial().orElseThrow();
            // a freeze in mode deny began while the documentation was checked (or before a restart re-checked it):
            // no gate opens, and the refusal is journaled and ends the build as a denial at the start does
            AuditEvent decided = AuditEvent.decided(job, run.getNumber(), system, changeId, "DENIED", List.of(),
                    denial);
            GateJournal.get().append(withRegistry.apply(incidentId == null ? decided
                    : EmergencyRecords.denied(decided, incidentId)));
            GateRecord denied = request.with(TrailEntry.of(TrailEntry.Kind.ABORTED, now, null, denial))
                    .settled(GateStatus.ABORTED);
            action.keep(denied);
            throw new AbortException(CriticalChangeGateExecution.LOG_PREFIX + "the registry denies this change: "
                    + denial);
        }
        describeApplied(listener, gateRequest);
        // marks the FlowNode as paused, as the input step does: Stage View and the build page show it waiting
        node.addAction(new PauseAction("Critical change gate"));
        String primaryStarter = starters.primary();
        // the policy waits exactly as long as the record says: the registry's timeout within this Jenkins' maximum
        Gate gate = Gate.open(gateRequest.withApprovalTimeout(timeout), RealmIdentityComparison.INSTANCE);
        SubjectEntry commit = subjectRequest.commit();
        // the deadline, requirement and exclusions go into the record too: the inbox is rebuilt from it (issue 14)
        AuditEvent requested = GateRequestRecord.addTo(AiAssistedRecord.addTo(AuditEvent.gateRequested(job,
                run.getNumber(), system, changeId, commit == null ? null : commit.getDigest(),
                primaryStarter == null ? "unknown" : primaryStarter), gateRequest),
                gateRequest.withApprovalTimeout(timeout)).with("subjects", WorkspaceSubjects.journal(subjects));
        if (!gateRequest.overlays().isEmpty()) {
            requested = requested.with("overlays", gateRequest.overlays());
        }
        requested = emergencyGate(EmergencyRecords.requested(requested, gateRequest), gateRequest);
        TrailEntry documented = verdict.verified()
                ? TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_VERIFIED, now, null, verdict.reasonCode())
                : TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_ADVISORY, now, null, verdict.reasonCode() + ": "
                        + verdict.explanation());
        GateRecord opened = action.open(request.with(documented), gate, withRegistry.apply(requested));
        if (stopped.getAsBoolean()) {
            // stopped while it opened: the stop's own bookkeeping may have run before the record existed
            return action.abort(gateId, "unknown", "the build was stopped while the gate opened").orElse(opened);
        }
        if (!opened.getStatus().isSettled()) {
            String page = "/" + run.getUrl() + GateAction.URL_NAME + "/";
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "waiting for approval of "
                    + changeId + " to " + system + ": " + opened.getRequirement() + "; deadline "
                    + deadline.dueAt() + ".");
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX
                    + HyperlinkNote.encodeTo(page, "Approve or reject " + changeId));
        }
        return opened;
    }

    /** An emergency gate's record names the gate, so a review is matched to it (EmergencyReviews); others as they are. */
    private AuditEvent emergencyGate(AuditEvent event, GateRequest request) {
        return request.emergency() ? event.with(EmergencyRecords.GATE_ID, gateId) : event;
    }

    /**
     * Says in the build log what shaped the requirement: the emergency path, the overlays in force and the
     * AI-assisted rule.
     */
    private static void describeApplied(TaskListener listener, GateRequest request) {
        request.incidentId().ifPresent(incident -> listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX
                + "EMERGENCY change for incident " + incident + ": " + request.system().emergency().map(
                        EmergencyPolicy::describe).orElse("") + "; freezes and deployment windows do not apply"));
        if (!request.overlays().isEmpty()) {
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "overlays in force: "
                    + String.join(", ", request.overlays()));
        }
        request.aiAssistance().ifPresent(ai -> listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX
                + ai.describe()));
        Optional<ClosedPeriod> closed = request.closedAt(request.requestedAt());
        closed.ifPresent(period -> listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "held: "
                + request.system().id() + " takes no changes now (" + period + "); approvals are collected and the"
                + " gate decides when it opens again, before its deadline"));
    }

    /** The build was stopped before the gate opened: keep the request, settled, for the trail; nothing waits. */
    private GateRecord keepAborted(GateAction action, GateRecord request, Instant now) throws IOException {
        GateRecord aborted = request.with(TrailEntry.of(TrailEntry.Kind.ABORTED, now, null,
                "the build was stopped during the documentation check")).settled(GateStatus.ABORTED);
        action.keep(aborted);
        return aborted;
    }

    private static GateAction action(Run<?, ?> run) throws IOException {
        synchronized (run) {
            GateAction action = run.getAction(GateAction.class);
            if (action == null) {
                action = new GateAction();
                run.addAction(action);
            }
            return action;
        }
    }
}
