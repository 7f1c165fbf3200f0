package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Actor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStateCodec;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Trail;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import io.jenkins.plugins.criticalchangegate.policy.Attempt;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.registry.SystemId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every critical change gate of one build: the approval page ({@code index.jelly}), the box on the build page
 * ({@code summary.jelly}), the REST API ({@code …/critical-change-gate/api/json}) and the record kept in build.xml.
 * A build may hold several gates (parallel branches deploying to different systems); each is reached at
 * {@code …/critical-change-gate/<gateId>/} and keeps its own state.
 *
 * <p>Every change of a gate goes through this action, under its lock: the policy's {@link Gate} decides (recording an
 * attempt and checking the quorum are one atomic step there), then the record is replaced, build.xml saved and the
 * audit journal appended, in that order, before anyone is answered. So build.xml, the journal and the answer agree,
 * and the order of the journal is the order of the decisions.
 */
@ExportedBean
public class GateAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(GateAction.class.getName());
    static final String URL_NAME = "critical-change-gate";

    /** Copy-on-write, as InputAction's ids: build.xml may be written by another thread while a page reads it. */
    private final CopyOnWriteArrayList<GateRecord> gates = new CopyOnWriteArrayList<>();
    /** The build this action belongs to; set by Jenkins when the action is attached or loaded. */
    @CheckForNull
    private transient volatile Run<?, ?> run;
    /** The policy gates, rebuilt from the records on first use after a restart. */
    @CheckForNull
    private transient LiveGates live;

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "an action keeps its build, as InputAction does")
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "an action keeps its build, as InputAction does")
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** The build; Jenkins attaches it before anyone can reach the action. */
    Run<?, ?> run() {
        Run<?, ?> r = run;
        if (r == null) {
            throw new IllegalStateException("the critical change gate action is not attached to a build");
        }
        return r;
    }

    /**
     * The build, for {@code index.jelly}'s title and side panel, as pipeline-input-step's {@code InputAction} has it:
     * Jelly reads only public getters, and without this {@code <st:include it="${it.run}" page="sidepanel.jelly"/>}
     * got null, fell back to this action, found no side panel and answered 500 to every approver.
     */
    public Run<?, ?> getRun() {
        return run();
    }

    @Override
    @CheckForNull
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "Critical change gates";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** {@code …/critical-change-gate/api/json}: the gates and their trails, for auditors and scripts. */
    public Api getApi() {
        return new Api(this);
    }

    /** The gates, in the order they were requested. */
    @Exported(inline = true)
    public synchronized List<GateEntry> getGates() {
        List<GateEntry> out = new ArrayList<>();
        for (GateRecord record : gates) {
            out.add(new GateEntry(this, record));
        }
        return out;
    }

    /** Whether a gate of this build waits for approvals (as {@code InputAction.isWaitingForInput}). */
    @Exported
    public synchronized boolean isWaitingForApproval() {
        return gates.stream().anyMatch(g -> !g.getStatus().isSettled());
    }

    /** Routes {@code …/critical-change-gate/<gateId>/} to that gate; anything else is 404. */
    @CheckForNull
    public synchronized GateEntry getDynamic(String token) {
        return record(token).map(r -> new GateEntry(this, r)).orElse(null);
    }

    synchronized Optional<GateRecord> record(String gateId) {
        for (GateRecord record : gates) {
            if (record.getGateId().equals(gateId)) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    /**
     * The records of this build's gates, in the order they were requested: what the gated credentials judge
     * (GateRecords) and what the attestations archive lists.
     */
    synchronized List<GateRecord> records() {
        return List.copyOf(gates);
    }

    /** Whether a gate of this build for the system (its id compared as the registry compares ids) was APPROVED. */
    synchronized boolean approvedFor(String system) {
        String key = SystemId.of("system", system).key();
        return gates.stream().anyMatch(g -> g.getStatus() == GateStatus.APPROVED
                && SystemId.of("system", g.getSystem()).key().equals(key));
    }

    /** Keeps a gate that never opened (its documentation was refused), for the trail. */
    synchronized void keep(GateRecord record) throws IOException {
        if (record(record.getGateId()).isPresent()) {
            throw new IllegalStateException("gate " + record.getGateId() + " exists already");
        }
        gates.add(record);
        run().save();
    }

    /**
     * Opens a gate: keeps its record with the policy's state and journals the request. When the journal cannot record
     * the request, the gate is closed at once (ABORTED, with the journal's failure kept on the record): a gate must
     * never wait for approvals that auditors could not trace back to a request.
     *
     * @return the record: PENDING, or ABORTED when the journal failed
     * @throws IOException when build.xml cannot be saved
     */
    synchronized GateRecord open(GateRecord request, Gate gate, AuditEvent requested) throws IOException {
        // the opening events (REQUESTED, and HELD when the system takes no changes now) and the status they give
        GateRecord record = withGate(request, gate, gate.state().events());
        if (record(record.getGateId()).isPresent()) {
            throw new IllegalStateException("gate " + record.getGateId() + " exists already");
        }
        gates.add(record);
        live().put(record.getGateId(), gate);
        try {
            run().save();
        } catch (IOException | RuntimeException e) {
            // not kept on the build: it never opened
            gates.remove(record);
            live().remove(record.getGateId());
            throw e;
        }
        try {
            GateJournal.get().append(requested);
            // a gate requested while its system is closed is held from the start: that is journaled too, and a gate
            // whose hold the journal missed closes at once, as one whose request it missed
            List<GateEvent> opening = new ArrayList<>(gate.state().events());
            opening.removeIf(e -> e.type() == GateEvent.Type.REQUESTED);
            AuditEvents.Journaled journaled = AuditEvents.append(this, record, opening);
            if (journaled.failure != null) {
                throw new IOException(journaled.failure);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.SEVERE, "the audit journal could not record the request of " + record, e);
            String why = "the audit journal could not record the request: " + e.getMessage();
            Optional<GateEvent> aborted = gate.abort("SYSTEM", why, Instant.now());
            GateRecord closed = aborted.isPresent() ? persist(record, gate, List.of(aborted.get())) : record;
            return journalFailed(closed, why);
        }
    }

    /** An approval attempt by the person the request is authenticated as. */
    synchronized Decision approve(String gateId, Actor actor, @CheckForNull String comment) throws IOException {
        GateRecord record = require(gateId);
        if (record.getGateState() == null) {
            return Decision.neverOpened(record);
        }
        if (isOrphaned(record)) {
            return closeOrphaned(record);
        }
        Gate gate = gate(record);
        Attempt attempt = gate.approve(actor.person(), comment, Instant.now());
        return settle(record, gate, attempt);
    }

    /** A rejection by the person the request is authenticated as. */
    synchronized Decision reject(String gateId, Actor actor, String reason) throws IOException {
        GateRecord record = require(gateId);
        if (record.getGateState() == null) {
            return Decision.neverOpened(record);
        }
        if (isOrphaned(record)) {
            return closeOrphaned(record);
        }
        Gate gate = gate(record);
        Attempt attempt = gate.reject(actor.person(), reason, Instant.now());
        return settle(record, gate, attempt);
    }

    /**
     * Applies what fell due by itself at {@code now} (the policy's {@code Gate.advance}): a hold when the system closes,
     * a release or an approval when it opens again, the expiry at the deadline. Empty when nothing was due.
     */
    synchronized Optional<GateRecord> advance(String gateId, Instant now) throws IOException {
        GateRecord record = require(gateId);
        if (record.getGateState() == null) {
            return Optional.empty();
        }
        Gate gate = gate(record);
        List<GateEvent> due = gate.advance(now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(journal(persist(record, gate, due), due));
    }

    /** When the gate changes by itself next (held, released, approved at a release, expired); empty once decided. */
    synchronized Optional<Instant> nextChangeAt(String gateId) throws IOException {
        GateRecord record = require(gateId);
        if (record.getGateState() == null || record.getStatus().isSettled()) {
            return Optional.empty();
        }
        return gate(record).nextChangeAt();
    }

    /** Closes a pending gate because the build was stopped; empty when it was decided already, or never opened. */
    synchronized Optional<GateRecord> abort(String gateId, String by, String why) throws IOException {
        Optional<GateRecord> existing = record(gateId);
        if (existing.isEmpty() || existing.get().getGateState() == null) {
            return Optional.empty();
        }
        GateRecord record = existing.get();
        Gate gate = gate(record);
        Optional<GateEvent> aborted = gate.abort(by, why, Instant.now());
        if (aborted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(journal(persist(record, gate, List.of(aborted.get())), List.of(aborted.get())));
    }

    /**
     * Keeps what the policy decided and journals it. The policy's gate has already changed, so a journal failure
     * cannot undo it: it is kept on the record (build.xml) and reported with the decision, and a gate the journal
     * missed never lets its build go on ({@code StepCompletion}), before or after a restart.
     */
    private Decision settle(GateRecord record, Gate gate, Attempt attempt) throws IOException {
        GateRecord persisted = persist(record, gate, attempt.events());
        AuditEvents.Journaled journaled = AuditEvents.append(this, persisted, attempt.events());
        GateRecord next = afterJournal(persisted, journaled);
        String journalFailure = journaled.failure == null ? null
                : "The audit journal could not record this: " + journaled.failure;
        return attempt.accepted() ? Decision.accepted(next, attempt.message(), attempt.decisive(), journalFailure)
                : Decision.refused(next, attempt.message(), journalFailure);
    }

    /** Journals the policy events of a record; on failure the record, as kept, says so. */
    private GateRecord journal(GateRecord record, List<GateEvent> events) throws IOException {
        return afterJournal(record, AuditEvents.append(this, record, events));
    }

    /**
     * Keeps on the record what the journal did: the place of the decision's record (which the attestation names), or
     * the failure (the first one is kept).
     */
    private GateRecord afterJournal(GateRecord record, AuditEvents.Journaled journaled) throws IOException {
        GateRecord next = record;
        if (journaled.decided != null) {
            next = next.withDecisionRecord(journaled.decided.seq(), journaled.decided.hash());
        }
        if (journaled.failure != null) {
            next = next.withJournalFailure(journaled.failure);
        }
        if (next != record) {
            replace(next);
        }
        return next;
    }

    private GateRecord journalFailed(GateRecord record, String failure) throws IOException {
        GateRecord marked = record.withJournalFailure(failure);
        replace(marked);
        return marked;
    }

    /** A pending gate of a build that is no longer running: no step waits for it, so nobody may decide it. */
    private boolean isOrphaned(GateRecord record) {
        return !record.getStatus().isSettled() && !run().isBuilding();
    }

    /** Closes such a gate as ABORTED (journaled) and refuses the attempt. */
    private Decision closeOrphaned(GateRecord record) throws IOException {
        String why = "the build ended while the gate waited";
        Optional<GateRecord> closed = abort(record.getGateId(), "SYSTEM", why);
        return Decision.refused(closed.orElse(record), "This gate is closed: " + why + ", so it can no longer be"
                + " approved or rejected.");
    }

    private GateRecord persist(GateRecord record, Gate gate, List<GateEvent> events) throws IOException {
        GateRecord next = withGate(record, gate, events);
        replace(next);
        return next;
    }

    /** The record with the policy gate's state, these events on its trail, and the status the gate's outcome gives. */
    private static GateRecord withGate(GateRecord record, Gate gate, List<GateEvent> events) {
        GateRecord next = record.withGateState(GateStateCodec.encode(gate.state()));
        for (GateEvent event : events) {
            next = next.with(Trail.entry(event));
        }
        GateStatus status = Trail.status(gate.outcome());
        return status == next.getStatus() ? next : next.withStatus(status);
    }

    /**
     * Swaps in a gate's new record and saves build.xml. When the save fails, the record before it is put back and the
     * policy's gate is dropped (rebuilt from that record on next use), then the failure is thrown: nothing the build
     * could not keep, and the journal therefore never recorded, is ever acted on (an expiry completing the step from
     * an approval that exists only in memory would ship it).
     */
    void replace(GateRecord next) throws IOException {
        for (int i = 0; i < gates.size(); i++) {
            GateRecord previous = gates.get(i);
            if (previous.getGateId().equals(next.getGateId())) {
                gates.set(i, next);
                try {
                    run().save();
                } catch (IOException | RuntimeException e) {
                    gates.set(i, previous);
                    live().remove(next.getGateId());
                    throw e;
                }
                return;
            }
        }
        throw new IllegalStateException("no gate " + next.getGateId());
    }

    private GateRecord require(String gateId) {
        return record(gateId).orElseThrow(() -> new IllegalArgumentException("this build has no gate " + gateId));
    }

    private LiveGates live() {
        LiveGates gatesInMemory = live;
        if (gatesInMemory == null) {
            gatesInMemory = new LiveGates();
            live = gatesInMemory;
        }
        return gatesInMemory;
    }

    private Gate gate(GateRecord record) throws IOException {
        return live().of(record);
    }

    /** Checks the person may see the job at all (Item.READ), before anything else. */
    void checkRead() {
        run().getParent().checkPermission(Item.READ);
    }
}
