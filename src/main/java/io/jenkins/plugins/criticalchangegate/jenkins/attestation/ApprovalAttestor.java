package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.attestation.ApprovalAttestation;
import io.jenkins.plugins.criticalchangegate.attestation.AttestationRecord;
import io.jenkins.plugins.criticalchangegate.attestation.Attestor;
import io.jenkins.plugins.criticalchangegate.attestation.DocumentationSeen;
import io.jenkins.plugins.criticalchangegate.attestation.Envelope;
import io.jenkins.plugins.criticalchangegate.attestation.JournalPosition;
import io.jenkins.plugins.criticalchangegate.attestation.SigningKey;
import io.jenkins.plugins.criticalchangegate.attestation.Statement;
import io.jenkins.plugins.criticalchangegate.attestation.Subject;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AttestationEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStateCodec;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.JournalPlace;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectEntry;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs the attestation of an APPROVED gate with Jenkins' current attestation key: the statement is made by the
 * Jenkins-free {@link ApprovalAttestation} from what the build keeps (the policy's state, the documentation evidence,
 * the journal record of the decision, the subjects), exactly as {@code simulate --attest-out} makes it.
 */
public final class ApprovalAttestor {
    private ApprovalAttestor() {
    }

    /**
     * The signed attestation of an approved gate, and the journal event that records its digest; empty when the gate
     * names nothing to attest (no artifact given to the step and no commit known to Jenkins).
     *
     * @param registrySha256 the version of the registry the gate decided with, or null when unknown
     * @throws IOException when the key ring cannot be read or made, or the gate's state cannot be read
     * @throws IllegalArgumentException when the gate is not APPROVED
     */
    public static Optional<Signed> sign(Run<?, ?> run, GateRecord record, @CheckForNull String registrySha256)
            throws IOException {
        Optional<Statement> statement = statement(record, registrySha256, buildUrl(run));
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        SigningKey key = AttestationKey.get().getOrCreate().current();
        Envelope envelope = new Attestor(key).sign(statement.get());
        AttestationEntry entry = new AttestationEntry(envelope.toJsonText(), AttestationRecord.envelopeSha256(envelope),
                key.keyId());
        String change = record.getChangeId();
        String changeId = change == null ? "" : change;
        AuditEvent event = AttestationRecord.attested(run.getParent().getFullName(), run.getNumber(),
                record.getSystem(), changeId, envelope, key.keyId()).with("gateId", record.getGateId());
        return Optional.of(new Signed(entry, event));
    }

    /**
     * The statement of an approved gate from its record alone (no Jenkins): the policy's state, the evidence, the
     * decision's journal record and the subjects it keeps; empty when it names no subject.
     *
     * @throws IOException when the gate's saved state cannot be read
     * @throws IllegalArgumentException when the gate is not APPROVED
     */
    static Optional<Statement> statement(GateRecord record, @CheckForNull String registrySha256,
            @CheckForNull String buildUrl) throws IOException {
        List<Subject> subjects = subjects(record.getSubjects());
        if (subjects.isEmpty()) {
            return Optional.empty();
        }
        String saved = record.getGateState();
        if (saved == null) {
            throw new IOException("gate " + record.getGateId() + " has no saved state to attest");
        }
        GateState state = GateStateCodec.decode(saved);
        Instant decidedAt = state.decision().map(GateEvent::at)
                .orElseThrow(() -> new IllegalArgumentException(record + " is not decided"));
        JournalPlace place = record.getDecisionRecord();
        JournalPosition decision = place == null ? null : JournalPosition.of(place.getSeq(), place.getHash());
        return Optional.of(ApprovalAttestation.of(state, documentation(record.getEvidence()), registrySha256,
                buildUrl, decision, subjects, decidedAt));
    }

    private static List<Subject> subjects(List<SubjectEntry> entries) {
        List<Subject> subjects = new ArrayList<>();
        for (SubjectEntry e : entries) {
            subjects.add(e.isCommit() ? Subject.gitCommit(e.getDigest()) : Subject.sha256(e.getName(), e.getDigest()));
        }
        return subjects;
    }

    /** What the approvers saw, from the evidence kept on the build; null when the record has none (never checked). */
    @CheckForNull
    static DocumentationSeen documentation(Map<String, String> evidence) {
        String url = evidence.getOrDefault("finalUrl", evidence.get("requestedUrl"));
        String sha256 = evidence.get("sha256");
        String fetchedAt = evidence.get("fetchedAt");
        if (url == null || sha256 == null || fetchedAt == null) {
            return null;
        }
        try {
            return DocumentationSeen.of(url, sha256, Instant.parse(fetchedAt));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The build's absolute URL when Jenkins knows its own URL (Manage Jenkins → System); null otherwise. */
    @CheckForNull
    private static String buildUrl(Run<?, ?> run) {
        String root = new JenkinsFacade().rootUrl();
        return root == null ? null : root + run.getUrl();
    }

    /** A signed attestation and its journal event. */
    public static final class Signed {
        private final AttestationEntry entry;
        private final AuditEvent event;

        Signed(AttestationEntry entry, AuditEvent event) {
            this.entry = entry;
            this.event = event;
        }

        public AttestationEntry entry() {
            return entry;
        }

        /** The ATTESTED record: the envelope's SHA-256, the key id and the subjects. */
        public AuditEvent event() {
            return event;
        }
    }
}
