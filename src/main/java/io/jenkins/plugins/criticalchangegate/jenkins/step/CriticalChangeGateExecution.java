package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.RegistryVersion;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepCompletion;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepParameters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectRequest;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.TimeRules;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
    private final boolean aiAssisted; // declared AI-assisted ({@code aiAssisted: true})
    /** What the change deploys, for the approval's attestation; null in a program saved before the parameters. */
    @CheckForNull
    private final SubjectRequest subjects;
    /** The incident of an emergency (break-glass) request, issue 16; null for a usual one (and in older programs). */
    @CheckForNull
    private final String incidentId;
    /** Set in {@link #start()}: the registry the gate decided with, for the log and the journal. */
    @CheckForNull
    private RegistryVersion registryVersion;
    /** Set in {@link #start()} for a critical system: the gate's id in the build action. */
    @CheckForNull
    private volatile String gateId;
    /**
     * Set in {@link #start()} when the step answers without a gate (not critical, or denied), never cleared: a program
     * saved before the CPS VM ran the completion still waits here, so {@link #onResume()} gives the answer again.
     */
    @CheckForNull
    private volatile ImmediateAnswer answer;

    /** Set first thing in {@link #stop}: from then on no gate opens for this step. */
    private transient volatile boolean stopped;
    /** The registry's time rules, from the registry the step resolved with; not persisted (read again on resume). */
    @CheckForNull
    private transient volatile TimeRules timeRules;
    /** Completes the step context once, and holds the gate's expiry until then. */
    @CheckForNull
    private transient StepCompleter completer;
    /** The documentation check and opening in flight, interrupted by {@link #stop}. */
    @CheckForNull
    private transient volatile Future<?> opening;

    CriticalChangeGateExecution(StepContext context, StepParameters.Checked parameters, boolean aiAssisted,
            SubjectRequest subjects, @CheckForNull String incidentId) {
        super(context);
        this.incidentId = incidentId;
        this.aiAssisted = aiAssisted;
        this.subjects = subjects;
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
                answer = ImmediateAnswer.notCritical(job, run.getNumber(), system, changeId,
                        BuildFacts.starters(run).primary());
                inBackground(this::giveAnswer);
                return false;
            case CRITICAL:
                try {
                    StepParameters.requireForCriticalSystem(system, changeId, documentationUrl);
                } catch (IllegalArgumentException e) {
                    throw new AbortException(e.getMessage());
                }
                CriticalSystem critical = resolution.system().orElseThrow();
                Optional<String> frozen = RequestInForce.refusalAtStart(critical, incidentId, requireTimeRules());
                if (frozen.isPresent()) {
                    // a freeze in mode deny, or an emergency the registry refuses: a denial, before anything is fetched
                    answer = ImmediateAnswer.denied(job, run.getNumber(), system, changeId, frozen.get(), incidentId);
                    inBackground(this::giveAnswer);
                    return false;
                }
                gateId = "gate-" + node.getId();
                listener.getLogger().println(LOG_PREFIX + system + " is a critical system (" + critical.name()
                        + "): checking the documentation of " + changeId + " at " + documentationUrl);
                opening = inBackground(() -> openGate(critical));
                return false;
            default:
                // A denial is a refused attempt to reach a critical system (a typo, or a job bound to another
                // system): auditors must see it, so it is journaled as a DECIDED record with outcome DENIED, as
                // the simulate command records it.
                answer = ImmediateAnswer.denied(job, run.getNumber(), system, changeId, resolution.message(),
                        incidentId);
                inBackground(this::giveAnswer);
                return false;
        }
    }

    /** On the plugin's pool: journals the answer given without a gate, then gives it. */
    private void giveAnswer() {
        ImmediateAnswer given = answer;
        if (given != null) {
            given.give(completer(), this::withRegistry);
        }
    }

    /** Resolves the system in the registry in use ({@link RegistryInUse}), keeping its version and time rules. */
    private Resolution resolve(Run<?, ?> run, TaskListener listener) throws AbortException {
        RegistryInUse inUse = RegistryInUse.get(listener);
        registryVersion = inUse.version();
        timeRules = inUse.timeRules();
        return inUse.resolve(system, run.getParent().getFullName());
    }

    /** The time rules of the registry the step resolved with (in this JVM: after a restart, resolved again). */
    private TimeRules requireTimeRules() {
        TimeRules rules = timeRules;
        if (rules == null) {
            throw new IllegalStateException("the registry's time rules are read when the system is resolved");
        }
        return rules;
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
        String id = gateId;
        try {
            if (stopped || id == null) {
                return;
            }
            String change = changeId;
            String url = documentationUrl;
            if (change == null || url == null) {
                throw new IllegalStateException("a critical gate needs changeId and documentationUrl");
            }
            Run<?, ?> run = getContext().get(Run.class);
            GateRecord record = new GateOpening(critical, id, system, change, url, message, credentialsId,
                    this::withRegistry, () -> stopped, requireTimeRules(), aiAssisted, incidentId)
                    .open(run, getContext().get(TaskListener.class), getContext().get(FlowNode.class),
                            subjects == null ? SubjectRequest.none() : subjects, getContext().get(FilePath.class));
            if (record.getStatus().isSettled()) {
                completeFrom(record);
            } else {
                scheduleNextChange(id, run.getAction(GateAction.class));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (BackgroundWork.interruptedByShutdown(e)) {
                // Jenkins is stopping: onResume checks the documentation again, or finds the gate, after the restart
                LOGGER.log(Level.FINE, "the opening of gate " + id + " was interrupted by Jenkins' shutdown", e);
            } else if (stopped) {
                LOGGER.log(Level.FINE, "gate of a stopped step did not open", e);
                closeStopped(id, "unknown", "the build was stopped while the gate opened");
            } else {
                fail(e instanceof AbortException ? e : aborted("the gate could not open: " + e.getMessage(), e));
            }
        }
    }

    /**
     * Schedules the gate's next change by itself (held or released by the time rules, approved at a release, expired
     * at its deadline), as the policy says ({@code Gate.nextChangeAt}).
     */
    private void scheduleNextChange(String id, GateAction action) throws IOException {
        StepCompleter c = completer();
        Optional<Instant> next = action.nextChangeAt(id);
        if (stopped || c.isCompleted() || next.isEmpty()) {
            return;
        }
        // holds this execution (its context names the build), not the Run; cancelled when the step completes
        Duration delay = Duration.between(Instant.now(), next.get());
        c.expireWith(GateExpiry.schedule(() -> advance(id), delay.isNegative() ? Duration.ZERO : delay));
    }

    /**
     * On the plugin's pool, when the gate's next change came: apply what is due (a hold, a release, an approval at a
     * release, the expiry), complete the step when the gate is decided, else wait for the next change. A gate decided
     * while its step was not told (a hand-off that failed) completes the step now.
     */
    private void advance(String id) {
        try {
            GateAction action = getContext().get(Run.class).getAction(GateAction.class);
            Optional<GateRecord> record = action == null ? Optional.empty() : action.record(id);
            if (action == null || record.isEmpty()) {
                return;
            }
            action.advance(id, Instant.now());
            // read again: an approval may have decided the gate between the first read and the advance
            GateRecord current = action.record(id).orElse(record.get());
            if (current.getStatus().isSettled()) {
                completeFrom(current);
            } else {
                scheduleNextChange(id, action); // a hold, a release, or the timer fired early: wait for what is next
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (BackgroundWork.interruptedByShutdown(e)) {
                return; // onResume applies it after the restart
            }
            LOGGER.log(Level.WARNING, "could not advance gate " + id, e);
            fail(aborted("the gate could not expire or be released: " + e.getMessage(), e));
        }
    }

    /**
     * The build was stopped: settle the step first, as {@code InputStepExecution.stop} does, so nothing that runs
     * after can open a gate or complete it otherwise; then close the gate and end the pause off this thread (it may
     * be the CPS VM thread, JENKINS-37154), as the system, since the build's own authentication may not save it. A
     * documentation check in flight is not interrupted (an interrupted fetch or save would be recorded as a refusal or
     * an I/O failure): it ends within its timeouts and then sees the stop.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        stopped = true;
        try {
            Future<?> inFlight = opening;
            if (inFlight != null) {
                inFlight.cancel(false); // only when it has not started yet: a running check is never interrupted
            }
            String id = gateId;
            if (id != null) {
                String by = GateInterruption.stoppedBy(cause);
                String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                // Timer schedules, the pool runs it; when the pool is full it is tried again a minute later
                GateExpiry.schedule(() -> closeStopped(id, by, why), Duration.ZERO);
            }
        } finally {
            completer().stopped(cause);
        }
    }

    private void closeStopped(@CheckForNull String id, String by, String why) {
        try {
            GateAction action = getContext().get(Run.class).getAction(GateAction.class);
            if (action != null && id != null) {
                action.abort(id, by, why);
            }
            PauseAction.endCurrentPause(getContext().get(FlowNode.class));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not record the abort of gate " + id, e);
        }
    }

    /** A safe restart waits while the documentation is checked (step-api); a waiting gate never blocks it. */
    @Override
    public boolean blocksRestart() {
        Future<?> inFlight = opening;
        return inFlight != null && !inFlight.isDone();
    }

    /**
     * After a restart (workflow-api calls this once per running step, off the CPS VM thread). An answer given without
     * a gate that the journal had not yet recorded: give it now. A gate: its state is in build.xml, read here;
     * settled while we were down (or just before): complete as its record says; still waiting: reschedule the expiry
     * at the persisted deadline (if it passed, expire at once). Never opened (the controller stopped during the
     * documentation check): check again, on the plugin's pool, retried while the pool is full.
     */
    @Override
    public void onResume() {
        String id = gateId;
        if (id == null) {
            if (answer != null) {
                GateExpiry.schedule(this::giveAnswer, Duration.ZERO);
            }
            return;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            GateAction action = run.getAction(GateAction.class);
            Optional<GateRecord> record = action == null ? Optional.empty() : action.record(id);
            if (record.isPresent()) {
                if (record.get().getStatus().isSettled()) {
                    GateRecord settled = record.get();
                    GateExpiry.schedule(() -> completeFrom(settled), Duration.ZERO); // attesting is I/O
                } else {
                    scheduleNextChange(id, action);
                }
                return;
            }
            Resolution resolution = resolve(run, getContext().get(TaskListener.class));
            if (resolution.system().isEmpty()) {
                throw new AbortException(LOG_PREFIX + system + " is no longer critical in the registry after the"
                        + " restart: " + resolution.message() + " The gate fails closed.");
            }
            CriticalSystem critical = resolution.system().get();
            GateExpiry.schedule(() -> openGate(critical), Duration.ZERO);
        } catch (IOException | InterruptedException | RuntimeException e) {
            fail(e instanceof AbortException ? e : aborted("the gate could not resume after the restart: "
                    + e.getMessage(), e));
        }
    }

    /**
     * Completes the step as the gate's record says; nothing while it is pending (see {@link StepCompleter}). An
     * approval is attested first ({@link GateAttestations}); one that cannot be fails the step.
     */
    void completeFrom(GateRecord record) {
        StepCompleter c = completer();
        if (c.isCompleted()) {
            return;
        }
        RegistryVersion version = registryVersion;
        GateRecord attested = GateAttestations.attestOrFail(getContext(), record, version == null ? null
                : version.sha256(), this::fail);
        if (attested == null) {
            return;
        }
        c.completeFrom(attested);
    }

    private void fail(Throwable cause) {
        completer().fail(cause);
    }

    private static AbortException aborted(String what, Throwable cause) {
        return StepCompleter.aborted(what, cause);
    }

    /** The completer of this step; made again after a restart (it is not persisted). */
    private synchronized StepCompleter completer() {
        StepCompleter c = completer;
        if (c == null) {
            c = new StepCompleter(getContext());
            completer = c;
        }
        return c;
    }

    /** The gate id, for {@link RunningGates} to find the execution waiting at a gate. */
    @CheckForNull
    String gateId() {
        return gateId;
    }
}
