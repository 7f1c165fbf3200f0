package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildGateFacts;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CredentialGuard;
import io.jenkins.plugins.criticalchangegate.jenkins.step.GateRecords;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import io.jenkins.plugins.criticalchangegate.release.CredentialLookup;
import io.jenkins.plugins.criticalchangegate.release.CredentialRecords;
import io.jenkins.plugins.criticalchangegate.release.CredentialRelease;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gathers the facts of one lookup of a gated credential (the registry in force, the build's gate records, its job,
 * whether it runs, the time), asks {@link CredentialRelease}, and records the answer: in the audit journal
 * ({@code CREDENTIALS_RELEASED} / {@code CREDENTIALS_REFUSED}) and on the build page ({@link CredentialUseAction}).
 * A release the journal cannot record is withdrawn: no secret leaves without a trace.
 */
final class GatedCredentialRelease {
    private static final Logger LOGGER = Logger.getLogger(GatedCredentialRelease.class.getName());

    private GatedCredentialRelease() {
    }

    /** Decides for the build, journals and lists the decision: called once per copy, where its secret is read. */
    static ReleaseDecision judge(String credentialId, String system, Run<?, ?> run) {
        String job = run.getParent().getFullName();
        CredentialLookup lookup;
        ReleaseDecision decision;
        try {
            lookup = CredentialLookup.forBuild(credentialId, system, job, run.getNumber(), run.isBuilding(),
                    BuildGateFacts.of(GateRecords.of(run)), Instant.now());
            decision = CredentialRelease.decide(registry(), lookup);
        } catch (RuntimeException e) {
            // e.g. a gate status the release does not know (BuildGateFacts.standing): refused, and on the record
            LOGGER.log(Level.WARNING, "gated credential " + credentialId + " could not be judged for " + run, e);
            lookup = CredentialLookup.forBuild(credentialId, system, job, run.getNumber(), run.isBuilding(),
                    List.of(), Instant.now());
            decision = ReleaseDecision.unjudged(credentialId, system, "gated credential '" + credentialId
                    + "' (bound to system '" + system + "') is refused: its release could not be decided (" + e
                    + ")");
        }
        decision = journal(decision, lookup);
        CredentialUseAction.record(run, decision);
        return decision;
    }

    /**
     * The judgement of one copy, taken when its secret is first read ({@link CredentialGuard#forBuild}). A class, not a
     * lambda, so that the lookup's code ({@code forRun}) only makes it (LookupDoesNoBlockingWorkTest follows calls, and
     * ArchUnit counts a lambda's body as its enclosing method's).
     */
    static final class Judgement implements Supplier<ReleaseDecision> {
        private final String credentialId;
        private final String system;
        private final Run<?, ?> run;

        Judgement(String credentialId, String system, Run<?, ?> run) {
            this.credentialId = credentialId;
            this.system = system;
            this.run = run;
        }

        @Override
        public ReleaseDecision get() {
            return judge(credentialId, system, run);
        }
    }

    /** The stored credential was asked for its secret (without a build): refused, and journaled. */
    static void refusedWithoutBuild(String credentialId, String system) {
        CredentialLookup lookup = CredentialLookup.withoutBuild(credentialId, system, Instant.now());
        journal(CredentialRelease.decide(registry(), lookup), lookup);
    }

    /** The registry in force, or {@code null} (refused, fail closed) when none is loaded. */
    @CheckForNull
    private static Registry registry() {
        try {
            return CriticalChangeGateConfiguration.get().registry().registry();
        } catch (RegistryUnavailableException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "gated credentials are refused: no critical-systems registry is available", e);
            return null;
        }
    }

    private static ReleaseDecision journal(ReleaseDecision decision, CredentialLookup lookup) {
        try {
            GateJournal.get().append(CredentialRecords.of(decision, lookup));
            return decision;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.SEVERE, "the audit journal could not record " + decision, e);
            if (!decision.released()) {
                return decision;
            }
            return decision.withdrawn("gated credential '" + decision.credentialId() + "' (bound to system '"
                    + decision.system() + "') is refused: the audit journal could not record its release ("
                    + e.getMessage() + "), and no deploy secret is handed out off the record");
        }
    }
}
