package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.release.BuildGate;
import io.jenkins.plugins.criticalchangegate.release.CredentialLookup;
import io.jenkins.plugins.criticalchangegate.release.CredentialRelease;
import io.jenkins.plugins.criticalchangegate.release.GateStanding;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/**
 * The guard every gated credential delegates its secrets to (the credential classes themselves cannot be constructed
 * here: BaseStandardCredentials and Secret are stubs whose constructors throw). The stored credential's guard refuses;
 * only the guard of a copy judged released gives the secret; a refused copy refuses with the decision's message.
 */
public class CredentialGuardTest {
    /** The exception the credentials use (CredentialsUnavailableException(property, message)), stood in for here. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String property;

        Unavailable(String property, String message) {
            super(message);
            this.property = property;
        }
    }

    private static final String REGISTRY = "version: 1\nunknownSystems: deny\ndefaults:\n  documentation:\n"
            + "    allowedHosts: [wiki.example.com]\nsystems:\n  - id: checkout-service\n    name: Checkout\n"
            + "    tier: 1\n    owners: [t]\n    approvers: [g1, g2]\n";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static ReleaseDecision decide(GateStanding standing) throws Exception {
        return CredentialRelease.decide(RegistryParser.parse(REGISTRY, "reg.yaml"), CredentialLookup.forBuild(
                "deploy-token", "checkout-service", "deploy", 3, true, List.of(BuildGate.of("g1", "checkout-service",
                        standing, NOW, false)), NOW));
    }

    @Test
    public void theStoredCredentialNeverGivesItsSecret() {
        CredentialGuard stored = CredentialGuard.stored("deploy-token", "checkout-service");
        assertThat(stored.released(), is(false));
        Unavailable e = assertThrows(Unavailable.class, () -> stored.release("s3cr3t", "secret", Unavailable::new));
        assertThat(e.property, is("secret"));
        assertThat(e.getMessage(), containsString("gated credential 'deploy-token' (bound to system"
                + " 'checkout-service') gives out its secret only to a build holding an approved criticalChangeGate"
                + " for checkout-service"));
        assertThat(e.getMessage().contains("s3cr3t"), is(false));
    }

    @Test
    public void aCopyForABuildFollowsItsDecision() throws Exception {
        CredentialGuard released = CredentialGuard.judged("deploy-token", "checkout-service",
                decide(GateStanding.APPROVED));
        assertThat(released.released(), is(true));
        assertThat(released.release("s3cr3t", "secret", Unavailable::new), is("s3cr3t"));
        for (GateStanding standing : GateStanding.values()) {
            if (standing == GateStanding.APPROVED) {
                continue;
            }
            CredentialGuard refused = CredentialGuard.judged("deploy-token", "checkout-service", decide(standing));
            Unavailable e = assertThrows(Unavailable.class, () -> refused.release("s3cr3t", "password",
                    Unavailable::new));
            assertThat(standing + ": " + e.getMessage(), e.getMessage(), containsString(
                    "no approved criticalChangeGate for checkout-service in this build"));
            assertThat(e.property, is("password"));
        }
    }

    /** A withdrawn release (the journal failed) refuses with the withdrawal's reason. */
    @Test
    public void aWithdrawnReleaseRefuses() throws Exception {
        ReleaseDecision withdrawn = decide(GateStanding.APPROVED).withdrawn("the journal could not record it");
        CredentialGuard guard = CredentialGuard.judged("deploy-token", "checkout-service", withdrawn);
        Unavailable e = assertThrows(Unavailable.class, () -> guard.release("x", "secret", Unavailable::new));
        assertThat(e.getMessage(), is("the journal could not record it"));
    }

    /** The guard survives Java serialization with its decision (a released copy stays released, a refused one not). */
    @Test
    public void survivesSerialization() throws Exception {
        CredentialGuard released = CredentialGuard.judged("deploy-token", "checkout-service",
                decide(GateStanding.APPROVED));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(released);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((CredentialGuard) in.readObject()).released(), is(true));
        }
    }
}
