package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.credentials.DocumentationCredentials;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildStarters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CommitAuthors;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Deadline;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.DocumentationVerdict;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.RegistryVersion;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepParameters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * Runs one {@code criticalChangeGate} call. {@link #start()} runs on the CPS VM thread and must not block: it only
 * resolves the system in the (already parsed) registry, then hands everything that does I/O (the audit journal, the
 * documentation fetch, build.xml) to {@link Timer}, and returns {@code false}: the step completes later, from that
 * task, from an approval or rejection request, or from the expiry timer (as {@code InputStepExecution} does).
 *
 * <p>What is serialized into program.dat is only the step's parameters and the gate id; the gate's state lives in the
 * build action (build.xml), so a restart loses nothing: {@link #onResume()} finds the gate there and reschedules its
 * expiry from the persisted deadline.
 */
public class CriticalChangeGateExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(CriticalChangeGateExecution.class.getName());
    static final String LOG_PREFIX = "[critical-change-gate] ";

    private final String system;
    @CheckForNull
    private final String changeId;
    @CheckForNull
    private final String documentationUrl;
    @CheckForNull
    private final String message;
    @CheckForNull
    private final String credentialsId;
    /** Set in {@link #start()}: the registry the gate decided with, for the log and the journal. */
    @CheckForNull
    private RegistryVersion registryVersion;
    /** Set in {@link #start()} for a critical system: the gate's id in the build action. */
    @CheckForNull
    private String gateId;

    CriticalChangeGateExecution(StepContext context, CriticalChangeGateStep step) {
        super(context);
        this.system = step.getSystem();
        this.changeId = step.getChangeId();
        this.documentationUrl = step.getDocumentationUrl();
        this.message = step.getMessage();
        this.credentialsId = step.getCredentialsId();
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FlowNode node = getContext().get(FlowNode.class);
        Resolution resolution = resolve(run, listener);
        switch (resolution.kind()) {
            case NOT_CRITICAL:
                listener.getLogger().println(LOG_PREFIX + system + " is not a critical system: "
                        + resolution.message() + " The change passes without approval.");
                String starter = BuildFacts.starters(run).primary();
                AuditEvent passed = withRegistry(AuditEvent.notCritical(run.getParent().getFullName(),
                        run.getNumber(), system, changeId, starter == null ? "unknown" : starter));
                // the journal forces its file to disk: not on the CPS VM thread
                Timer.get().submit(() -> {
                    try {
                        GateJournal.get().append(passed);
                        getContext().onSuccess(GateRecord.notCriticalDecision(system, changeId));
                    } catch (IOException | RuntimeException e) {
                        getContext().onFailure(new AbortException(LOG_PREFIX + "the audit journal could not record"
                                + " that " + system + " is not critical, so the change does not pass: " + e.getMessage()));
                    }
                });
                return false;
            case CRITICAL:
                try {
                    StepParameters.requireForCriticalSystem(system, changeId, documentationUrl);
                } catch (IllegalArgumentException e) {
                    throw new AbortException(e.getMessage());
                }
                gateId = "gate-" + node.getId();
                CriticalSystem critical = resolution.system().orElseThrow();
                listener.getLogger().println(LOG_PREFIX + system + " is a critical system (" + critical.name()
                        + "): checking the documentation of " + changeId + " at " + documentationUrl);
                Timer.get().submit(() -> openGate(critical));
                return false;
            default:
                // A denial is a refused attempt to reach a critical system (a typo, or a job bound to another
                // system): auditors must see it, so it is journaled as a DECIDED record with outcome DENIED, as
                // the simulate command records it. The journal forces to disk: not on the CPS VM thread.
                AbortException denial = new AbortException(LOG_PREFIX + "the registry denies this change: "
                        + resolution.message());
                AuditEvent denied = withRegistry(AuditEvent.decided(run.getParent().getFullName(), run.getNumber(),
                        system, changeId == null ? "" : changeId, "DENIED", List.of(), resolution.message()));
                Timer.get().submit(() -> {
                    try {
                        GateJournal.get().append(denied);
                    } catch (IOException | RuntimeException e) {
                        LOGGER.log(Level.WARNING, "the audit journal could not record a denied gate", e);
                        denial.addSuppressed(e);
                    }
                    getContext().onFailure(denial);
                });
                return false;
        }
    }

    /**
     * Resolves the system in the registry in use, and says in the log which registry that is. No registry (none ever
     * loaded and validated) fails the step: the gate fails closed, whatever {@code unknownSystems} says.
     */
    private Resolution resolve(Run<?, ?> run, TaskListener listener) throws AbortException {
        LoadedRegistry loaded;
        try {
            loaded = CriticalChangeGateConfiguration.get().registry();
        } catch (RegistryUnavailableException e) {
            throw new AbortException(LOG_PREFIX + e.getMessage());
        }
        registryVersion = RegistryVersion.of(loaded.sha256(), loaded.loadedAt(), loaded.source());
        listener.getLogger().println(LOG_PREFIX + "registry of critical systems in use: " + loaded.version() + ", "
                + loaded.registry().size() + " system(s)");
        return loaded.registry().resolve(system, run.getParent().getFullName());
    }

    /** The event with the registry version this gate decided with (every gate has one once it resolved). */
    private AuditEvent withRegistry(AuditEvent event) {
        RegistryVersion version = registryVersion;
        return version == null ? event : event.with("registry", version.toJournal());
    }

    /** Off the CPS VM thread: the documentation check, then the gate and the pause. */
    private void openGate(CriticalSystem critical) {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FlowNode node = getContext().get(FlowNode.class);
            String id = requireGateId();
            String change = changeId;
            String url = documentationUrl;
            if (change == null || url == null) {
                throw new IllegalStateException("a critical gate needs changeId and documentationUrl");
            }
            GateAction action = action(run);
            CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
            String authorization = DocumentationCredentials.authorization(credentialsId, run);
            DocumentationVerdict verdict = DocumentationGateway.check(url, change, critical.documentation(),
                    authorization, config.limits());
            String job = run.getParent().getFullName();
            GateJournal.get().append(AuditEvent.documentationChecked(job, run.getNumber(), system, change, url,
                    verdict.verified() ? "VERIFIED" : "REFUSED", DocumentationGateway.journalFields(verdict)));
            Instant now = Instant.now();
            Duration timeout = critical.approvalTimeoutWithin(config.maxApprovalTimeout());
            if (!timeout.equals(critical.approvalTimeout())) {
                listener.getLogger().println(LOG_PREFIX + "the registry asks for an approval timeout of "
                        + critical.approvalTimeout() + ", longer than this Jenkins allows; waiting at most " + timeout
                        + ".");
            }
            Deadline deadline = Deadline.after(now, timeout);
            BuildStarters starters = BuildFacts.starters(run);
            CommitAuthors authors = BuildFacts.commitAuthors(run);
            GateRecord request = GateRecord.builder(id, system).systemName(critical.name()).changeId(change)
                    .message(message).documentationUrl(url)
                    .requirement(critical.requirement(), critical.requiredApprovals())
                    .requested(now, deadline).startedBy(starters.userIds())
                    .commitAuthors(critical.excludeCommitAuthors() ? authors.userIds() : List.of())
                    .build().withEvidence(verdict.evidence());
            if (!verdict.verified()) {
                action.keep(request.with(TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_REFUSED, now, null,
                        verdict.reasonCode() + ": " + verdict.explanation())).settled(GateStatus.DOCUMENTATION_REFUSED));
                listener.getLogger().print(LOG_PREFIX + "the documentation page was refused: "
                        + verdict.reasonCode() + ": " + verdict.explanation() + "\n" + verdict.evidenceLines());
                getContext().onFailure(new AbortException(LOG_PREFIX + "documentation refused ("
                        + verdict.reasonCode() + "): " + verdict.explanation()));
                return;
            }
            listener.getLogger().print(LOG_PREFIX + "documentation verified:\n" + verdict.evidenceLines());
            String primaryStarter = starters.primary();
            GateRequest gateRequest = new GateRequest(critical, change, primaryStarter, starters.upstream(),
                    critical.excludeCommitAuthors() ? authors.userIds() : Set.of(), now);
            Gate gate = Gate.open(gateRequest, RealmIdentityComparison.INSTANCE);
            GateRecord opened = action.open(request.with(TrailEntry.of(TrailEntry.Kind.DOCUMENTATION_VERIFIED, now,
                    null, verdict.reasonCode())), gate, withRegistry(AuditEvent.gateRequested(job, run.getNumber(),
                    system, change, null, primaryStarter == null ? "unknown" : primaryStarter)));
            // marks the FlowNode as paused, as the input step does: Stage View and the build page show it waiting
            node.addAction(new PauseAction("Critical change gate"));
            String page = "/" + run.getUrl() + GateAction.URL_NAME + "/";
            listener.getLogger().println(LOG_PREFIX + "waiting for approval of " + change + " to " + system + ": "
                    + opened.getRequirement() + "; deadline " + deadline.dueAt() + ".");
            listener.getLogger().println(LOG_PREFIX + HyperlinkNote.encodeTo(page, "Approve or reject " + change));
            scheduleExpiry(run, id, deadline);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.FINE, "gate could not open", e);
            getContext().onFailure(e);
        }
    }

    private String requireGateId() {
        String id = gateId;
        if (id == null) {
            throw new IllegalStateException("no gate id");
        }
        return id;
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

    private void scheduleExpiry(Run<?, ?> run, String id, Deadline deadline) {
        long delay = deadline.remaining(Instant.now()).toMillis();
        Timer.get().schedule(() -> expire(run, id), Math.max(delay, 0), TimeUnit.MILLISECONDS);
    }

    private void expire(Run<?, ?> run, String id) {
        try {
            GateAction action = run.getAction(GateAction.class);
            if (action == null) {
                return;
            }
            Optional<GateRecord> record = action.record(id);
            if (record.isEmpty() || record.get().getStatus().isSettled()) {
                return;
            }
            if (!record.get().deadline().isDue(Instant.now())) {
                scheduleExpiry(run, id, record.get().deadline()); // the timer fired early: wait for the rest
                return;
            }
            Optional<GateRecord> expired = action.expireIfDue(id, Instant.now());
            if (expired.isPresent()) {
                finish(expired.get());
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not expire gate " + id + " of " + run, e);
            getContext().onFailure(e);
        }
    }

    /**
     * The build was stopped while the gate waited: record the abort and close the gate. The bookkeeping runs off the
     * CPS VM thread (JENKINS-37154: this may be called on it), as the system, since the build's own authentication
     * may not be able to save it.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        String id = gateId;
        if (id != null) {
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            String by = stoppedBy(cause);
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            Timer.get().submit(() -> {
                try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                    GateAction action = run.getAction(GateAction.class);
                    if (action != null) {
                        action.abort(id, by, why);
                    }
                    PauseAction.endCurrentPause(node);
                } catch (IOException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "could not record the abort of gate " + id + " of " + run, e);
                }
            });
        }
        getContext().onFailure(cause);
    }

    private static String stoppedBy(Throwable cause) {
        if (cause instanceof FlowInterruptedException) {
            for (CauseOfInterruption c : ((FlowInterruptedException) cause).getCauses()) {
                if (c instanceof CauseOfInterruption.UserInterruption) {
                    return ((CauseOfInterruption.UserInterruption) c).getUserId();
                }
            }
        }
        return "unknown";
    }

    /**
     * After a restart: the gate's state is in build.xml. Decided while we were down: finish. Still waiting:
     * reschedule the expiry at the persisted deadline (now past: expire at once). Never opened (the controller
     * stopped during the documentation check): check again.
     */
    @Override
    public void onResume() {
        String id = gateId;
        if (id == null) {
            return; // not critical: completed before any restart could matter
        }
        Timer.get().submit(() -> {
            try {
                Run<?, ?> run = getContext().get(Run.class);
                GateAction action = run.getAction(GateAction.class);
                Optional<GateRecord> record = action == null ? Optional.empty() : action.record(id);
                if (record.isEmpty()) {
                    Resolution resolution = resolve(run, getContext().get(TaskListener.class));
                    if (resolution.system().isEmpty()) {
                        throw new AbortException(LOG_PREFIX + system + " is no longer critical in the registry"
                                + " after the restart: " + resolution.message() + " The gate fails closed.");
                    }
                    openGate(resolution.system().get());
                } else if (record.get().getStatus().isSettled()) {
                    finish(record.get());
                } else {
                    scheduleExpiry(run, id, record.get().deadline());
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                getContext().onFailure(e);
            }
        });
    }

    /** Completes the step for a decided gate: the build goes on, or stops as ABORTED. */
    void finish(GateRecord record) {
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            FlowNode node = getContext().get(FlowNode.class);
            PauseAction.endCurrentPause(node);
            switch (record.getStatus()) {
                case APPROVED:
                    listener.getLogger().println(LOG_PREFIX + record.getChangeId() + " approved for " + system
                            + " by " + String.join(", ", record.approverIds()));
                    getContext().onSuccess(record.decision());
                    break;
                case REJECTED:
                    TrailEntry rejection = last(record, TrailEntry.Kind.REJECTED);
                    String by = rejection == null || rejection.getActor() == null ? "unknown" : rejection.getActor();
                    String reason = rejection == null || rejection.getDetail() == null ? "" : rejection.getDetail();
                    listener.getLogger().println(LOG_PREFIX + record.getChangeId() + " rejected by " + by + ": "
                            + reason);
                    getContext().onFailure(new FlowInterruptedException(Result.ABORTED, true,
                            GateInterruption.rejected(system, by, reason)));
                    break;
                case EXPIRED:
                    listener.getLogger().println(LOG_PREFIX + record.getChangeId() + " was not approved before "
                            + record.deadline().dueAt() + ": EXPIRED");
                    getContext().onFailure(new FlowInterruptedException(Result.ABORTED, true,
                            GateInterruption.expired(system, record.deadline().dueAt().toString())));
                    break;
                default:
                    break; // ABORTED: stop() completes the step
            }
        } catch (IOException | InterruptedException e) {
            getContext().onFailure(e);
        }
    }

    @CheckForNull
    private static TrailEntry last(GateRecord record, TrailEntry.Kind kind) {
        TrailEntry found = null;
        for (TrailEntry entry : record.getTrail()) {
            if (entry.getKind() == kind) {
                found = entry;
            }
        }
        return found;
    }

    /**
     * Completes the step waiting at a decided gate, from an approval or rejection request. The execution is found
     * among the build's running steps, as {@code InputAction} finds its executions (it may have been reloaded from
     * program.dat after a restart).
     */
    static void complete(GateAction action, GateRecord record) {
        Run<?, ?> run = action.run();
        Timer.get().submit(() -> {
            try {
                for (CriticalChangeGateExecution execution : running(run)) {
                    if (record.getGateId().equals(execution.gateId)) {
                        execution.finish(record);
                        return;
                    }
                }
                LOGGER.warning(() -> "no running step for " + record + " in " + run
                        + "; it completes when the build resumes");
            } catch (IOException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not complete " + record + " in " + run, e);
            }
        });
    }

    /** Fails the step waiting at a gate whose decision could not be journaled. */
    static void fail(GateAction action, GateRecord record, String why) {
        Run<?, ?> run = action.run();
        Timer.get().submit(() -> {
            try {
                for (CriticalChangeGateExecution execution : running(run)) {
                    if (record.getGateId().equals(execution.gateId)) {
                        execution.getContext().onFailure(new AbortException(LOG_PREFIX + record.getChangeId()
                                + " was " + record.getStatus() + " but " + why + "; the change does not proceed."));
                        return;
                    }
                }
            } catch (IOException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not fail " + record + " in " + run, e);
            }
        });
    }

    private static List<CriticalChangeGateExecution> running(Run<?, ?> run)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<CriticalChangeGateExecution> out = new ArrayList<>();
        if (run instanceof FlowExecutionOwner.Executable) {
            FlowExecutionOwner owner = ((FlowExecutionOwner.Executable) run).asFlowExecutionOwner();
            if (owner != null) {
                for (StepExecution execution : owner.get().getCurrentExecutions(true).get(60, TimeUnit.SECONDS)) {
                    if (execution instanceof CriticalChangeGateExecution) {
                        out.add((CriticalChangeGateExecution) execution);
                    }
                }
            }
        }
        return out;
    }
}
