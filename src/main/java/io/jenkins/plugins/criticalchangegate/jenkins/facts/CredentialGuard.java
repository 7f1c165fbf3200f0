package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a gated credential may give out: the stored credential ({@link #stored}) never gives out its secret; the copy
 * that {@code Credentials.forRun(run)} makes for a build ({@link #forBuild}) gives it out only when the release
 * decision for that build released it, and otherwise refuses at use with the decision's message. Jenkins-free so that
 * the Central build can run it: the credential classes delegate every secret-returning method of their public interface
 * here, and cannot be constructed outside Jenkins (their base class and {@code Secret} are stubs there).
 *
 * <p>The copy's decision is taken when its secret is first asked for, not when {@code forRun} makes it: Declarative's
 * {@code environment { X = credentials('id') }} looks the credential up on the CPS VM thread only to choose a binding
 * (pipeline-model-definition {@code ModelInterpreter.groovy:470}, {@code CredentialsBindingHandler.forId}), where the
 * journal's fsync and build.xml's save must not run; the secret itself is read by {@code withCredentials} in its own
 * background thread (credentials-binding {@code BindingStep.Execution2}, a {@code GeneralNonBlockingStepExecution}).
 * Judging at the read also journals each use once, and before the secret leaves. Not {@code Serializable}: the
 * credential keeps it in a transient field, so a copy that travels (program.dat, an agent) has none and refuses.
 */
public final class CredentialGuard {
    private static final Logger LOGGER = Logger.getLogger(CredentialGuard.class.getName());

    private final String credentialId;
    private final String system;
    /** Takes the decision (and journals it); {@code null} for the stored credential and once it has been called. */
    @CheckForNull
    private Supplier<ReleaseDecision> judge;
    /** {@code null} for the stored credential, and for a copy not yet asked for its secret. */
    @CheckForNull
    private ReleaseDecision decision;

    private CredentialGuard(String credentialId, String system, @CheckForNull Supplier<ReleaseDecision> judge,
            @CheckForNull ReleaseDecision decision) {
        this.credentialId = Objects.requireNonNull(credentialId);
        this.system = Objects.requireNonNull(system);
        this.judge = judge;
        this.decision = decision;
    }

    /** The guard of a credential as stored: it refuses every secret. */
    public static CredentialGuard stored(String credentialId, String system) {
        return new CredentialGuard(credentialId, system, null, null);
    }

    /** The guard of a copy whose decision is already taken: it follows it. */
    public static CredentialGuard judged(String credentialId, String system, ReleaseDecision decision) {
        return new CredentialGuard(credentialId, system, null, Objects.requireNonNull(decision));
    }

    /**
     * The guard of the copy made for a build: {@code judge} (gather the build's facts, decide, journal) runs once, in
     * the thread that first asks for a secret; a judge that throws refuses (fail closed), with the failure named.
     */
    public static CredentialGuard forBuild(String credentialId, String system, Supplier<ReleaseDecision> judge) {
        return new CredentialGuard(credentialId, system, Objects.requireNonNull(judge), null);
    }

    /** The decision, taken now if this is the first ask; {@code null} for the stored credential. */
    @CheckForNull
    private synchronized ReleaseDecision decision() {
        Supplier<ReleaseDecision> j = judge;
        if (j != null) {
            judge = null;
            try {
                decision = Objects.requireNonNull(j.get(), "the release judge returned no decision");
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "gated credential " + credentialId + " could not be judged", e);
                decision = ReleaseDecision.unjudged(credentialId, system, "gated credential '" + credentialId
                        + "' (bound to system '" + system + "') is refused: its release could not be decided ("
                        + e + ")");
            }
        }
        return decision;
    }

    /** Whether this copy may give out its secret (decided now if it was not yet). */
    public boolean released() {
        ReleaseDecision d = decision();
        return d != null && d.released();
    }

    /** Why the secret is refused (or released); decided now if it was not yet. */
    public String reason() {
        ReleaseDecision d = decision();
        if (d != null) {
            return d.reason();
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
