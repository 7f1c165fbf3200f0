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
    /** What the approval is about (artifacts with their SHA-256, or commits); null when none (and in older records). */
    @CheckForNull
    private final ArrayList<SubjectEntry> subjects;
    /** The journal record of the decision; null until the journal recorded it (and in older records). */
    @CheckForNull
    private final JournalPlace decisionRecord;
    /** The signed attestation of an APPROVED gate; null until it is made (and for every other outcome). */
    @CheckForNull
    private final AttestationEntry attestation;
    /** An emergency (break-glass) gate's incident and review obligation, issue 16; null for a usual gate. */
    @CheckForNull
    private final EmergencyEntry emergency;
    /** The review of an approved emergency gate; null until someone reviewed it. */
    @CheckForNull
    private final ReviewEntry review;

    GateRecord(GateRecordBuilder b, List<TrailEntry> trail, Map<String, String> evidence, GateStatus status,
            @CheckForNull String gateState, @CheckForNull String journalFailure) {
        this(b, new GateRecordLater(trail, evidence, status, gateState, journalFailure));
    }

    private GateRecord(GateRecordBuilder b, GateRecordLater later) {
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
        this.subjects = b.subjects.isEmpty() ? null : new ArrayList<>(b.subjects);
        this.emergency = b.emergency;
        this.evidence = new LinkedHashMap<>(later.evidence);
        this.trail = new ArrayList<>(later.trail);
        this.status = later.status;
        this.gateState = later.gateState;
        this.journalFailure = later.journalFailure;
        this.decisionRecord = later.decisionRecord;
        this.attestation = later.attestation;
        this.review = later.review;
    }

    public static GateRecordBuilder builder(String gateId, String system) {
        return new GateRecordBuilder(gateId, system);
    }

    /** This record with one more trail entry. */
    public GateRecord with(TrailEntry entry) {
        GateRecordLater next = later();
        next.trail.add(entry);
        return new GateRecord(toBuilder(), next);
    }

    /** This record with the documentation evidence (field name to printable value). */
    public GateRecord withEvidence(Map<String, String> newEvidence) {
        GateRecordLater next = later();
        next.evidence = new LinkedHashMap<>(newEvidence);
        return new GateRecord(toBuilder(), next);
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
        GateRecordLater next = later();
        next.status = newStatus;
        return new GateRecord(toBuilder(), next);
    }

    /** This record with the policy's state, encoded by {@link GateStateCodec}. */
    public GateRecord withGateState(String encoded) {
        GateRecordLater next = later();
        next.gateState = encoded;
        return new GateRecord(toBuilder(), next);
    }

    /**
     * This record marked as missing from the audit journal (the first failure is kept: it is the one auditors need).
     */
    public GateRecord withJournalFailure(String why) {
        GateRecordLater next = later();
        next.journalFailure = journalFailure != null ? journalFailure : why;
        return new GateRecord(toBuilder(), next);
    }

    /** This record with the journal record of its decision (the attestation names it). */
    public GateRecord withDecisionRecord(long seq, String hash) {
        GateRecordLater next = later();
        next.decisionRecord = new JournalPlace(seq, hash);
        return new GateRecord(toBuilder(), next);
    }

    /**
     * This record with the signed attestation of its approval.
     *
     * @throws IllegalStateException when the gate is not APPROVED, or was attested already: an approval is attested
     *     once, and nothing else ever is
     */
    public GateRecord withAttestation(AttestationEntry signed) {
        if (status != GateStatus.APPROVED || attestation != null) {
            throw new IllegalStateException("gate " + gateId + " (" + status + (attestation == null ? ""
                    : ", attested") + ") cannot be attested");
        }
        GateRecordLater next = later();
        next.attestation = signed;
        return new GateRecord(toBuilder(), next);
    }

    /**
     * This record with the review of its emergency approval.
     *
     * @throws IllegalStateException when the gate is not an APPROVED emergency one, or was reviewed already
     */
    public GateRecord withReview(ReviewEntry given) {
        if (emergency == null || status != GateStatus.APPROVED || review != null) {
            throw new IllegalStateException("gate " + gateId + " (" + status + (emergency == null ? ", not an emergency"
                    : "") + (review == null ? "" : ", reviewed") + ") cannot be reviewed");
        }
        GateRecordLater next = later();
        next.review = given;
        return new GateRecord(toBuilder(), next);
    }

    /** The emergency request (incident, review obligation); {@code null} for a usual gate. */
    @CheckForNull
    public EmergencyEntry getEmergency() {
        return emergency;
    }

    /** The review of the emergency approval; {@code null} until given. */
    @CheckForNull
    public ReviewEntry getReview() {
        return review;
    }

    /** What the approval is about, as the build gave it; empty when nothing was named and no commit was known. */
    public List<SubjectEntry> getSubjects() {
        return subjects == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(subjects));
    }

    /** The journal record of the decision; {@code null} until the journal recorded one. */
    @CheckForNull
    public JournalPlace getDecisionRecord() {
        return decisionRecord;
    }

    /** The signed attestation of the approval; {@code null} before it is made, and for every other outcome. */
    @CheckForNull
    public AttestationEntry getAttestation() {
        return attestation;
    }

    private GateRecordLater later() {
        GateRecordLater l = new GateRecordLater(getTrail(), getEvidence(), status, gateState, journalFailure);
        l.decisionRecord = decisionRecord;
        l.attestation = attestation;
        l.review = review;
        return l;
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
        b.subjects = getSubjects();
        b.emergency = emergency;
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
