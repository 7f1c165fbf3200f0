package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.io.IOException;

/**
 * The order in which an approval's signed attestation is issued: checked, journaled, then kept on the build. An
 * attestation the build keeps (and so archives and returns to the script) is then always in the journal, whatever
 * fails or crashes in between: auditors match every envelope they find against an {@code ATTESTED} record, and one
 * without a record looks forged. The reverse leftover is harmless: a crash after the journal and before build.xml leaves
 * a journaled digest no build kept, and the attestation is signed again when the build resumes (Ed25519 signatures are
 * deterministic, so it is usually the very same envelope).
 */
public final class AttestationIssue {
    private AttestationIssue() {
    }

    /** Writes the {@code ATTESTED} record. */
    @FunctionalInterface
    public interface Journal {
        /** @throws IOException when the journal cannot record it: nothing is attested */
        void record() throws IOException;
    }

    /** Keeps the attested record on the build (build.xml). */
    @FunctionalInterface
    public interface Keep {
        /** @throws IOException when the build cannot keep it: the step fails */
        void keep(GateRecord attested) throws IOException;
    }

    /**
     * Issues the attestation of {@code approved}.
     *
     * @return the record with its attestation, as kept
     * @throws IllegalStateException when the record is not APPROVED or already attested, before anything is journaled
     * @throws IOException when the journal or the build could not record it
     */
    public static GateRecord issue(GateRecord approved, AttestationEntry attestation, Journal journal, Keep keep)
            throws IOException {
        GateRecord attested = approved.withAttestation(attestation); // refuses anything but a first approval
        journal.record();
        keep.keep(attested);
        return attested;
    }
}
