package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.RegistryVersion;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepCompletion;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepParameters;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * Runs one {@code criticalChangeGate} call. {@link #start()} runs on the CPS VM thread and must not block: it only
 * resolves the system in the (already parsed) registry, hands everything that waits on the disk or the network (the
 * journal, the documentation check, build.xml) to the plugin's {@link BackgroundWork} pool, and returns
 * {@code false}: the step completes later, from that task, from an approval or rejection request, or from the
 * expiry, as {@code InputStepExecution} does. How it completes is decided from the gate's record alone
 * ({@link StepCompletion}), the same before and after a restart, and it completes once.
 *
 * <p>What program.dat keeps is the step's checked parameters, the registry version and the gate id; the gate's
 * state lives in the build action (build.xml), so a restart loses nothing: {@link #onResume()} finds the gate there.
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
    private volatile String gateId;

    /** Set first thing in {@link #stop}: from then on no gate opens for this step. */
    private transient volatile boolean stopped;
    /** Set when this object completed its step context: a step completes once. */
    private transient boolean completed;
    /** The documentation check and opening in flight, interrupted by {@link #stop}. */
    @CheckForNull
    private transient volatile Future<?> opening;
    /** The gate's expiry, cancelled when the gate settles or the build stops. */
    @CheckForNull
    private transient volatile ScheduledFuture<?> expiry;

    CriticalChangeGateExecution(StepContext context, StepParameters.Checked parameters) {
        super(context);
        this.system = parameters.system;
        this.changeId = parameters.changeId;
        this.documentationUrl = parameters.documentationUrl;
        this.message = parameters.message;
        this.credentialsId = parameters.credentialsId;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FlowNode node = getContext().get(FlowNode.class);
        Resolution resolution = resolve(run, listener);
        String job = run.getParent().getFullName();
        switch (resolution.kind()) {
            case NOT_CRITICAL:
                listener.getLogger().println(LOG_PREFIX + system + " is not a critical system: "
                        + resolution.message() + " The change passes without approval.");
                String starter = BuildFacts.starters(run).primary();
                AuditEvent passed = withRegistry(AuditEvent.notCritical(job, run.getNumber(), system, changeId,
                        starter == null ? "unknown" : starter));
                inBackground(() -> {
                    try {
                        GateJournal.get().append(passed);
                        completeOnce(() -> getContext().onSuccess(GateRecord.notCriticalDecision(system, changeId)));
                    } catch (IOException | RuntimeException e) {
                        fail(new AbortException(LOG_PREFIX + "the audit journal could not record that " + system
                                + " is not critical, so the change does not pass: " + e.getMessage()));
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
                opening = inBackground(() -> openGate(critical));
                return false;
            default:
                // A denial is a refused attempt to reach a critical system (a typo, or a job bound to another
                // system): auditors must see it, so it is journaled as a DECIDED record with outcome DENIED, as
                // the simulate command records it.
                AbortException denial = new AbortException(LOG_PREFIX + "the registry denies this change: "
                        + resolution.message());
                AuditEvent denied = withRegistry(AuditEvent.decided(job, run.getNumber(), system,
                        changeId == null ? "" : changeId, "DENIED", List.of(), resolution.message()));
                inBackground(() -> {
                    try {
                        GateJournal.get().append(denied);
                    } catch (IOException | RuntimeException e) {
                        LOGGER.log(Level.WARNING, "the audit journal could not record a denied gate", e);
                        denial.addSuppressed(e);
                    }
                    fail(denial);
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

    /**
     * Runs work on the plugin's pool.
     *
     * @throws AbortException when the pool refuses it (full, or Jenkins is stopping): the gate fails closed
     */
    private Future<?> inBackground(Runnable work) throws AbortException {
        try {
            return BackgroundWork.submit(work);
        } catch (RejectedExecutionException e) {
            throw new AbortException(LOG_PREFIX + "Jenkins is too busy to check this change now (the critical change"
                    + " gate's work queue is full or stopping), so it does not pass; run the build again.");
        }
    }

    /** On the plugin's pool: the documentation check, then the gate; completes the step if the gate did not open. */
    private void openGate(CriticalSystem critical) {
        try {
            if (stopped) {
                return;
            }
            String id = requireGateId();
            String change = changeId;
            String url = documentationUrl;
            if (change == null || url == null) {
                throw new IllegalStateException("a critical gate needs changeId and documentationUrl");
            }
            Run<?, ?> run = getContext().get(Run.class);
            GateRecord record = new GateOpening(critical, id, system, change, url, message, credentialsId,
                    this::withRegistry, () -> stopped).open(run, getContext().get(TaskListener.class),
                    getContext().get(FlowNode.class));
            if (record.getStatus().isSettled()) {
                completeFrom(record);
            } else {
                scheduleExpiry(id, record);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (stopped) {
                LOGGER.log(Level.FINE, "gate of a stopped step did not open", e);
                return;
            }
            LOGGER.log(Level.FINE, "gate could not open", e);
            fail(e);
        }
    }

    private String requireGateId() {
        String id = gateId;
        if (id == null) {
            throw new IllegalStateException("no gate id");
        }
        return id;
    }

    private void scheduleExpiry(String id, GateRecord record) {
        if (stopped) {
            return;
        }
        // holds this execution (its context names the build by job and number), never the Run
        expiry = GateExpiry.schedule(() -> expire(id), record.deadline().remaining(Instant.now()));
    }

    /** On the plugin's pool, when the deadline came: expire the gate unless it was decided. */
    private void expire(String id) {
        try {
            GateAction action = getContext().get(Run.class).getAction(GateAction.class);
            Optional<GateRecord> record = action == null ? Optional.empty() : action.record(id);
            if (record.isEmpty() || record.get().getStatus().isSettled()) {
                return;
            }
            if (!record.get().deadline().isDue(Instant.now())) {
                scheduleExpiry(id, record.get()); // the timer fired early: wait for the rest
                return;
            }
            Optional<GateRecord> expired = action.expireIfDue(id, Instant.now());
            if (expired.isPresent()) {
                completeFrom(expired.get());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not expire gate " + id, e);
            fail(e);
        }
    }

    /**
     * The build was stopped: settle the step first, as {@code InputStepExecution.stop} does, so nothing that runs
     * after can open a gate or complete it otherwise; then close the gate and end the pause off this thread (it may
     * be the CPS VM thread, JENKINS-37154), as the system, since the build's own authentication may not save it.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        stopped = true;
        try {
            cancel(expiry);
            Future<?> inFlight = opening;
            if (inFlight != null) {
                inFlight.cancel(true); // an HTTP exchange in progress is interrupted
            }
            String id = gateId;
            if (id != null) {
                String by = stoppedBy(cause);
                String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                BackgroundWork.submit(() -> closeStopped(id, by, why));
            }
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.WARNING, "could not record the stop of gate " + gateId + "; the gate stays open on"
                    + " the build page until Jenkins restarts", e);
        } finally {
            completeOnce(() -> getContext().onFailure(cause));
        }
    }

    private void closeStopped(String id, String by, String why) {
        try {
            GateAction action = getContext().get(Run.class).getAction(GateAction.class);
            if (action != null) {
                action.abort(id, by, why);
            }
            PauseAction.endCurrentPause(getContext().get(FlowNode.class));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not record the abort of gate " + id, e);
        }
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
     * After a restart: the gate's state is in build.xml. Settled while we were down (or just before): complete as its
     * record says. Still waiting: reschedule the expiry at the persisted deadline (if it passed, expire at once).
     * Never opened (the controller stopped during the documentation check): check again.
     */
    @Override
    public void onResume() {
        String id = gateId;
        if (id == null) {
            return; // not critical, or denied: completed before any restart could matter
        }
        try {
            BackgroundWork.submit(() -> resume(id));
        } catch (RejectedExecutionException e) {
            fail(new AbortException(LOG_PREFIX + "could not resume the gate after the restart (the critical change"
                    + " gate's work queue is full or stopping); the change does not pass."));
        }
    }

    private void resume(String id) {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            GateAction action = run.getAction(GateAction.class);
            Optional<GateRecord> record = action == null ? Optional.empty() : action.record(id);
            if (record.isPresent()) {
                if (record.get().getStatus().isSettled()) {
                    completeFrom(record.get());
                } else {
                    scheduleExpiry(id, record.get());
                }
                return;
            }
            Resolution resolution = resolve(run, getContext().get(TaskListener.class));
            if (resolution.system().isEmpty()) {
                throw new AbortException(LOG_PREFIX + system + " is no longer critical in the registry after the"
                        + " restart: " + resolution.message() + " The gate fails closed.");
            }
            openGate(resolution.system().get());
        } catch (IOException | InterruptedException | RuntimeException e) {
            fail(e);
        }
    }

    /** Completes the step as the gate's record says ({@link StepCompletion}); nothing while it is pending. */
    void completeFrom(GateRecord record) {
        StepCompletion completion = StepCompletion.of(record);
        if (completion.kind() == StepCompletion.Kind.WAIT) {
            return;
        }
        cancel(expiry);
        try {
            PauseAction.endCurrentPause(getContext().get(FlowNode.class));
            getContext().get(TaskListener.class).getLogger().println(LOG_PREFIX + completion.message());
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not end the pause of " + record, e);
        }
        switch (completion.kind()) {
            case PROCEED:
                completeOnce(() -> getContext().onSuccess(completion.returnValue()));
                break;
            case ABORT_BUILD:
                completeOnce(() -> getContext().onFailure(new FlowInterruptedException(Result.ABORTED, true,
                        new GateInterruption(completion.message()))));
                break;
            default:
                fail(new AbortException(LOG_PREFIX + completion.message()));
                break;
        }
    }

    private void fail(Throwable cause) {
        completeOnce(() -> getContext().onFailure(cause));
    }

    /** Completes the step context, once: later completions (a late expiry, a stop that raced a decision) do nothing. */
    private void completeOnce(Runnable completion) {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
        }
        cancel(expiry);
        completion.run();
    }

    private static void cancel(@CheckForNull Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** The gate id, for {@link RunningGates} to find the execution waiting at a gate. */
    @CheckForNull
    String gateId() {
        return gateId;
    }
}
