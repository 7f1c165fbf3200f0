package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one gate keeps with its build ({@code build.xml}, through the build action): the request, the documentation
 * evidence, the whole trail of attempts and the outcome. Never a credential: the documentation site's credentials id
 * is not even kept. Small by design (a few hundred bytes per event), as build.xml is read whenever the build is.
 *
 * <p>Immutable: every change makes a new record, which the build action swaps in under its lock. Fields are plain
 * ({@link ArrayList}, {@link LinkedHashMap}, strings, longs) so Jenkins' XStream reads them back on any JDK.
 */
public final class GateRecord {
    private final String gateId;
    private final String system;
    private final String systemName;
    @CheckForNull
    private final String changeId;
    @CheckForNull
    private final String message;
    @CheckForNull
    private final String documentationUrl;
    private final String requirement;
    private final int requiredApprovals;
    private final long requestedAtMillis;
    private final long dueAtMillis;
    // @CheckForNull: never null when written by this class, but XStream leaves a field missing from build.xml null
    @CheckForNull
    private final ArrayList<String> startedBy;
    @CheckForNull
    private final ArrayList<String> commitAuthors;
    @CheckForNull
    private final LinkedHashMap<String, String> evidence;
    @CheckForNull
    private final ArrayList<TrailEntry> trail;
    /** Why the stricter rule for AI-assisted changes applied (which commit, which trailer, or declared); or null. */
    @CheckForNull
    private final String aiAssisted;
    /** The registry's overlays in force when the gate was requested; null when none (and in older records). */
    @CheckForNull
    private final ArrayList<String> overlays;
    private final GateStatus status;
    /** The policy's exact state, see {@link GateStateCodec}; {@code null} before the gate opened. */
    @CheckForNull
    private final String gateState;
    /**
     * Why the audit journal could not record an event of this gate; {@code null} while it recorded every one. Kept in
     * build.xml so that a gate whose trail the journal missed never lets its build go on, before or after a restart
     * ({@link StepCompletion}).
     */
    @CheckForNull
    private final String journalFailure;

    GateRecord(GateRecordBuilder b, List<TrailEntry> trail, Map<String, String> evidence, GateStatus status,
            @CheckForNull String gateState, @CheckForNull String journalFailure) {
        this.gateId = b.gateId;
        this.system = b.system;
        this.systemName = b.systemName;
        this.changeId = b.changeId;
        this.message = b.message;
        this.documentationUrl = b.documentationUrl;
        this.requirement = b.requirement;
        this.requiredApprovals = b.requiredApprovals;
        this.requestedAtMillis = b.requestedAtMillis;
        this.dueAtMillis = b.dueAtMillis;
        this.startedBy = new ArrayList<>(b.startedBy);
        this.commitAuthors = new ArrayList<>(b.commitAuthors);
        this.aiAssisted = b.aiAssisted;
        this.overlays = b.overlays.isEmpty() ? null : new ArrayList<>(b.overlays);
        this.evidence = new LinkedHashMap<>(evidence);
        this.trail = new ArrayList<>(trail);
        this.status = status;
        this.gateState = gateState;
        this.journalFailure = journalFailure;
    }

    public static GateRecordBuilder builder(String gateId, String system) {
        return new GateRecordBuilder(gateId, system);
    }

    /** This record with one more trail entry. */
    public GateRecord with(TrailEntry entry) {
        List<TrailEntry> next = new ArrayList<>(getTrail());
        next.add(entry);
        return new GateRecord(toBuilder(), next, getEvidence(), status, gateState, journalFailure);
    }

    /** This record with the documentation evidence (field name to printable value). */
    public GateRecord withEvidence(Map<String, String> newEvidence) {
        return new GateRecord(toBuilder(), getTrail(), newEvidence, status, gateState, journalFailure);
    }

    /**
     * This record with its final status.
     *
     * @throws IllegalStateException when it is already settled: a gate is decided once
     */
    public GateRecord settled(GateStatus newStatus) {
        return withStatus(newStatus);
    }

    /**
     * This record with another status: a decision, or a waiting gate held or released by the time rules.
     *
     * @throws IllegalStateException when it is already settled: a gate is decided once
     */
    public GateRecord withStatus(GateStatus newStatus) {
        if (status.isSettled()) {
            throw new IllegalStateException("gate " + gateId + " is already " + status);
        }
        return new GateRecord(toBuilder(), getTrail(), getEvidence(), newStatus, gateState, journalFailure);
    }

    /** This record with the policy's state, encoded by {@link GateStateCodec}. */
    public GateRecord withGateState(String encoded) {
        return new GateRecord(toBuilder(), getTrail(), getEvidence(), status, encoded, journalFailure);
    }

    /**
     * This record marked as missing from the audit journal (the first failure is kept: it is the one auditors need).
     */
    public GateRecord withJournalFailure(String why) {
        String kept = journalFailure != null ? journalFailure : why;
        return new GateRecord(toBuilder(), getTrail(), getEvidence(), status, gateState, kept);
    }

    /** Why the audit journal could not record an event of this gate; {@code null} when it recorded every one. */
    @CheckForNull
    public String getJournalFailure() {
        return journalFailure;
    }

    /** The policy's state as {@link GateStateCodec} encoded it; {@code null} when no gate was opened. */
    @CheckForNull
    public String getGateState() {
        return gateState;
    }

    private GateRecordBuilder toBuilder() {
        GateRecordBuilder b = new GateRecordBuilder(gateId, system);
        b.systemName = systemName;
        b.changeId = changeId;
        b.message = message;
        b.documentationUrl = documentationUrl;
        b.requirement = requirement;
        b.requiredApprovals = requiredApprovals;
        b.requestedAtMillis = requestedAtMillis;
        b.dueAtMillis = dueAtMillis;
        b.startedBy = getStartedBy();
        b.commitAuthors = getCommitAuthors();
        b.aiAssisted = aiAssisted;
        b.overlays = getOverlays();
        return b;
    }

    public String getGateId() {
        return gateId;
    }

    public String getSystem() {
        return system;
    }

    public String getSystemName() {
        return systemName;
    }

    @CheckForNull
    public String getChangeId() {
        return changeId;
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @CheckForNull
    public String getDocumentationUrl() {
        return documentationUrl;
    }

    /** What is needed, in words: how many approvals, from whom. */
    public String getRequirement() {
        return requirement;
    }

    public int getRequiredApprovals() {
        return requiredApprovals;
    }

    public long getRequestedAtMillis() {
        return requestedAtMillis;
    }

    public Deadline deadline() {
        return Deadline.at(dueAtMillis);
    }

    public long getDueAtMillis() {
        return dueAtMillis;
    }

    public List<String> getStartedBy() {
        return startedBy == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(startedBy));
    }

    /** Why the stricter rule for AI-assisted changes applied; {@code null} when the system's own rule did. */
    @CheckForNull
    public String getAiAssisted() {
        return aiAssisted;
    }

    /** The registry's overlays that shaped the requirement, in file order. */
    public List<String> getOverlays() {
        return overlays == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(overlays));
    }

    public List<String> getCommitAuthors() {
        return commitAuthors == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(commitAuthors));
    }

    public Map<String, String> getEvidence() {
        return evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public List<TrailEntry> getTrail() {
        return trail == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(trail));
    }

    public GateStatus getStatus() {
        return status;
    }

    /** The accepted approvals, in order. */
    public List<TrailEntry> approvals() {
        return ofKind(TrailEntry.Kind.APPROVED);
    }

    /** The refused attempts, in order. */
    public List<TrailEntry> refusals() {
        return ofKind(TrailEntry.Kind.REFUSED);
    }

    /** The ids of the people whose approvals were accepted, in order. */
    public List<String> approverIds() {
        List<String> ids = new ArrayList<>();
        for (TrailEntry e : approvals()) {
            ids.add(e.getActor());
        }
        return ids;
    }

    private List<TrailEntry> ofKind(TrailEntry.Kind kind) {
        List<TrailEntry> out = new ArrayList<>();
        for (TrailEntry e : getTrail()) {
            if (e.getKind() == kind) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The value the step returns to the script: only strings, lists and maps, which the Pipeline sandbox lets a
     * script read ({@code gate.outcome}, {@code gate.approvers}).
     */
    public Map<String, Object> decision() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", status.name());
        out.put("approvers", new ArrayList<>(approverIds()));
        out.put("changeId", changeId);
        out.put("system", system);
        out.put("gateId", gateId);
        return out;
    }

    /** The value the step returns for a system that is not critical. */
    public static Map<String, Object> notCriticalDecision(String system, @CheckForNull String changeId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", GateStatus.NOT_CRITICAL.name());
        out.put("approvers", new ArrayList<String>());
        out.put("changeId", changeId);
        out.put("system", system);
        out.put("gateId", null);
        return out;
    }

    @Override
    public String toString() {
        return "gate " + gateId + " for " + system + " (" + status + ", " + approvals().size() + "/"
                + requiredApprovals + ")";
    }

    /**
     * Gate ids are path segments of the approval URLs ({@code …/critical-change-gate/<id>/approve}): a letter or
     * digit, then letters, digits and dashes, at most 64 characters.
     */
    public static boolean isValidGateId(@CheckForNull String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    }
}
