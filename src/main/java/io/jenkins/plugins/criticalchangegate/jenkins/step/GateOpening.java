package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.console.HyperlinkNote;
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
import java.util.Set;
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

    GateOpening(CriticalSystem critical, String gateId, String system, String changeId, String documentationUrl,
            @CheckForNull String message, @CheckForNull String credentialsId, UnaryOperator<AuditEvent> withRegistry,
            BooleanSupplier stopped) {
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
    GateRecord open(Run<?, ?> run, TaskListener listener, FlowNode node) throws IOException, InterruptedException {
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
        // the check happened, whatever follows: auditors see its evidence
        GateJournal.get().append(AuditEvent.documentationChecked(job, run.getNumber(), system, changeId,
                documentationUrl, verdict.verified() ? "VERIFIED" : "REFUSED",
                DocumentationGateway.journalFields(verdict)));
        Instant now = Instant.now();
        Duration forTests = approvalTimeoutForTests;
        Duration timeout = forTests != null ? forTests : critical.approvalTimeoutWithin(config.maxApprovalTimeout());
        if (forTests == null && !timeout.equals(critical.approvalTimeout())) {
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "the registry asks for an approval"
                    + " timeout of " + critical.approvalTimeout() + ", longer than this Jenkins allows; waiting at"
                    + " most " + timeout + ".");
        }
        Deadline deadline = Deadline.after(now, timeout);
        BuildStarters starters = BuildFacts.starters(run);
        CommitAuthors authors = BuildFacts.commitAuthors(run);
        GateRecord request = GateRecord.builder(gateId, system).systemName(critical.name()).changeId(changeId)
                .message(message).documentationUrl(documentationUrl)
                .requirement(critical.requirement(), critical.approvalsNeeded())
                .requested(now, deadline).startedBy(starters.userIds())
                .commitAuthors(critical.excludeCommitAuthors() ? authors.userIds() : List.of())
                .build().withEvidence(verdict.evidence());
        if (stopped.getAsBoolean()) {
            return keepAborted(action, request, now); // stopped meanwhile: whatever the page said, nothing waits
        }
        if (!verdict.verified()) {
            GateRecord refused = request.with(TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_REFUSED, now, null,
                    verdict.reasonCode() + ": " + verdict.explanation())).settled(GateStatus.DOCUMENTATION_REFUSED);
            action.keep(refused);
            listener.getLogger().print(CriticalChangeGateExecution.LOG_PREFIX + "the documentation page was"
                    + " refused: " + verdict.reasonCode() + ": " + verdict.explanation() + "\n"
                    + verdict.evidenceLines());
            return refused;
        }
        listener.getLogger().print(CriticalChangeGateExecution.LOG_PREFIX + "documentation verified:\n"
                + verdict.evidenceLines());
        // marks the FlowNode as paused, as the input step does: Stage View and the build page show it waiting
        node.addAction(new PauseAction("Critical change gate"));
        String primaryStarter = starters.primary();
        // the policy waits exactly as long as the record says: the registry's timeout within this Jenkins' maximum
        GateRequest gateRequest = new GateRequest(critical, changeId, primaryStarter, starters.upstream(),
                critical.excludeCommitAuthors() ? authors.userIds() : Set.of(), now).withApprovalTimeout(timeout);
        Gate gate = Gate.open(gateRequest, RealmIdentityComparison.INSTANCE);
        GateRecord opened = action.open(request.with(TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_VERIFIED, now,
                null, verdict.reasonCode())), gate, withRegistry.apply(AuditEvent.gateRequested(job,
                run.getNumber(), system, changeId, null, primaryStarter == null ? "unknown" : primaryStarter)));
        if (stopped.getAsBoolean()) {
            // stopped while it opened: the stop's own bookkeeping may have run before the record existed
            return action.abort(gateId, "unknown", "the build was stopped while the gate opened").orElse(opened);
        }
        if (opened.getStatus() == GateStatus.PENDING) {
            String page = "/" + run.getUrl() + GateAction.URL_NAME + "/";
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "waiting for approval of "
                    + changeId + " to " + system + ": " + opened.getRequirement() + "; deadline "
                    + deadline.dueAt() + ".");
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX
                    + HyperlinkNote.encodeTo(page, "Approve or reject " + changeId));
        }
        return opened;
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
