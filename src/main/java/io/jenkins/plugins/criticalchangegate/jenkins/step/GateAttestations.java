package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.attestation.ApprovalAttestor;
import io.jenkins.plugins.criticalchangegate.jenkins.attestation.AttestationArchive;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AttestationEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AttestationIssue;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Attests an approved gate before its step lets the build go on: signs the statement, keeps the envelope on the
 * gate's record (build.xml), journals its digest (ATTESTED) and archives the build's envelopes
 * ({@link AttestationArchive}). On the plugin's pool, from the step's completion, whichever path completes it (an
 * approval, a release, a resume).
 *
 * <p>Signing, journaling and saving happen under the build action's lock, once per gate, in that order
 * ({@link AttestationIssue}): two completions racing get the same envelope, and what build.xml keeps is journaled. The archive is written after, outside the lock (an artifact manager may upload), and is
 * idempotent. A failure anywhere fails closed: the step does not proceed on an approval it could not attest, since
 * deploy targets that check attestations would refuse it anyway, and auditors must find every attestation journaled.
 */
final class GateAttestations {
    private static final Logger LOGGER = Logger.getLogger(GateAttestations.class.getName());

    private GateAttestations() {
    }

    /**
     * The record, attested if it is APPROVED and names something to attest; {@code null} when it could not be, after
     * failing the step (or, when Jenkins is shutting down, leaving it to be attested when the build resumes).
     */
    @CheckForNull
    static GateRecord attestOrFail(StepContext context, GateRecord record, @CheckForNull String registrySha256,
            Consumer<Throwable> fail) {
        try {
            return attest(context.get(Run.class), context.get(TaskListener.class), record, registrySha256);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!BackgroundWork.interruptedByShutdown(e)) {
                fail.accept(StepCompleter.aborted(record.getChangeId() + " was APPROVED for " + record.getSystem()
                        + " but the approval could not be attested, so the change does not proceed: "
                        + e.getMessage(), e));
            }
            return null;
        }
    }

    /**
     * The record, attested if it is APPROVED and names something to attest.
     *
     * @param registrySha256 the registry version the gate decided with, or null when unknown
     * @throws IOException when the approval cannot be attested, journaled or archived: the step must fail
     */
    static GateRecord attest(Run<?, ?> run, TaskListener listener, GateRecord record,
            @CheckForNull String registrySha256) throws IOException, InterruptedException {
        if (record.getStatus() != GateStatus.APPROVED || record.getJournalFailure() != null) {
            return record; // nothing to attest; a journal failure fails the step by itself (StepCompletion)
        }
        GateAction action = run.getAction(GateAction.class);
        if (action == null) {
            throw new IOException("the build has no gate action for " + record);
        }
        GateRecord attested;
        synchronized (action) {
            GateRecord current = action.record(record.getGateId()).orElse(record);
            if (current.getAttestation() != null || current.getSubjects().isEmpty()) {
                attested = current;
            } else {
                Optional<ApprovalAttestor.Signed> signed = ApprovalAttestor.sign(run, current, registrySha256);
                if (signed.isEmpty()) {
                    return current;
                }
                // journaled before build.xml keeps it (AttestationIssue): a journal failure attests nothing, and the
                // step fails from the exception (attestOrFail)
                attested = AttestationIssue.issue(current, signed.get().entry(), () -> {
                    try {
                        GateJournal.get().append(signed.get().event());
                    } catch (IOException | RuntimeException e) {
                        LOGGER.log(Level.SEVERE, "the audit journal could not record the attestation of " + current, e);
                        throw new IOException("the audit journal could not record the attestation: "
                                + e.getMessage(), e);
                    }
                }, action::replace);
            }
        }
        AttestationEntry entry = attested.getAttestation();
        if (entry == null) {
            listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "no attestation: the gate names no"
                    + " artifact (subjects, subjectFiles) and Jenkins knows no commit of this build");
            return attested;
        }
        AttestationArchive.archive(run, listener, () -> envelopes(action)); // read in the archive's turn
        listener.getLogger().println(CriticalChangeGateExecution.LOG_PREFIX + "approval attested: "
                + AttestationArchive.FILE_NAME + " (envelope sha256 " + entry.getSha256() + ", key " + entry.getKeyId()
                + ")");
        return attested;
    }

    /** Every envelope of the build's gates, in the order the gates were requested. */
    private static List<String> envelopes(GateAction action) {
        List<String> envelopes = new ArrayList<>();
        for (GateRecord gate : action.records()) {
            AttestationEntry entry = gate.getAttestation();
            if (entry != null) {
                envelopes.add(entry.getEnvelope());
            }
        }
        return envelopes;
    }
}
