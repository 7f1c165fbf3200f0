package io.jenkins.plugins.criticalchangegate.release;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "may this build use this gated credential now?": released (with the gate that released it, and
 * whether that was an emergency gate), or refused with a message naming the credential, the system and what is
 * missing. Serializable because a contextualized credential keeps it. An immutable value.
 */
public final class ReleaseDecision implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean released;
    private final String credentialId;
    private final String system;
    @CheckForNull
    private final String gateId;
    private final boolean emergency;
    private final String reason;

    private ReleaseDecision(boolean released, String credentialId, String system, @CheckForNull String gateId,
            boolean emergency, String reason) {
        this.released = released;
        this.credentialId = Objects.requireNonNull(credentialId);
        this.system = Objects.requireNonNull(system);
        this.gateId = gateId;
        this.emergency = emergency;
        this.reason = Objects.requireNonNull(reason);
    }

    static ReleaseDecision released(String credentialId, String system, BuildGate gate, String reason) {
        return new ReleaseDecision(true, credentialId, system, gate.gateId(), gate.emergency(), reason);
    }

    static ReleaseDecision refused(String credentialId, String system, @CheckForNull BuildGate gate, String reason) {
        return new ReleaseDecision(false, credentialId, system, gate == null ? null : gate.gateId(),
                gate != null && gate.emergency(), reason);
    }

    /**
     * A refusal taken without a decision: the facts could not be gathered or judged (an error in the adapter), so
     * nothing is released (fail closed); {@code reason} names the credential, the system and the failure.
     */
    public static ReleaseDecision unjudged(String credentialId, String system, String reason) {
        return new ReleaseDecision(false, credentialId, system, null, false, reason);
    }

    /**
     * This decision refused after all, for a reason found after it was taken (the journal could not record the
     * release: a secret handed out must be on the record, so it is not handed out).
     */
    public ReleaseDecision withdrawn(String why) {
        return new ReleaseDecision(false, credentialId, system, gateId, emergency, why);
    }

    public boolean released() {
        return released;
    }

    public String credentialId() {
        return credentialId;
    }

    /** The system as the registry names it when it knows it, else as the credential names it. */
    public String system() {
        return system;
    }

    /** The gate that released the credential, or the gate whose standing refused it; empty when there was none. */
    public Optional<String> gateId() {
        return Optional.ofNullable(gateId);
    }

    /** Whether that gate is an emergency gate. */
    public boolean emergency() {
        return emergency;
    }

    /** A sentence for the build log, the journal and the tool. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return (released ? "released: " : "refused: ") + reason;
    }
}
