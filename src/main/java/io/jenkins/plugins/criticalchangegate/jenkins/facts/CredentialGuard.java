package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What a gated credential may give out: the stored credential ({@link #stored}) never gives out its secret; the copy
 * that {@code Credentials.forRun(run)} makes for a build ({@link #judged}) gives it out only when the release decision
 * for that build released it, and otherwise refuses at use with the decision's message. Jenkins-free so that the
 * Central build can run it: the credential classes delegate every secret-returning method of their public interface
 * here, and cannot be constructed outside Jenkins (their base class and {@code Secret} are stubs there).
 */
public final class CredentialGuard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String credentialId;
    private final String system;
    /** {@code null} for the stored credential: it was not looked up for a build. */
    @CheckForNull
    private final ReleaseDecision decision;

    private CredentialGuard(String credentialId, String system, @CheckForNull ReleaseDecision decision) {
        this.credentialId = Objects.requireNonNull(credentialId);
        this.system = Objects.requireNonNull(system);
        this.decision = decision;
    }

    /** The guard of a credential as stored: it refuses every secret. */
    public static CredentialGuard stored(String credentialId, String system) {
        return new CredentialGuard(credentialId, system, null);
    }

    /** The guard of the copy made for a build: it follows the decision taken at the lookup. */
    public static CredentialGuard judged(String credentialId, String system, ReleaseDecision decision) {
        return new CredentialGuard(credentialId, system, Objects.requireNonNull(decision));
    }

    /** Whether this copy may give out its secret. */
    public boolean released() {
        return decision != null && decision.released();
    }

    /** Why the secret is refused (or released). */
    public String reason() {
        if (decision != null) {
            return decision.reason();
        }
        return "gated credential '" + credentialId + "' (bound to system '" + system + "') gives out its secret"
                + " only to a build holding an approved criticalChangeGate for " + system + ", when the build looks it"
                + " up (CredentialsProvider.findCredentialById(id, type, run), as withCredentials does); it was read"
                + " without a build";
    }

    /**
     * The secret, when released; otherwise the exception {@code refusal} makes of the property and the reason.
     *
     * @param property the credential's property asked for ({@code secret}, {@code password}, {@code content})
     * @param refusal makes the exception to throw (Jenkins' {@code CredentialsUnavailableException})
     */
    public <T> T release(T secret, String property, BiFunction<String, String, ? extends RuntimeException> refusal) {
        if (!released()) {
            throw refusal.apply(property, reason());
        }
        return secret;
    }
}
