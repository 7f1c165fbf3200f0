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
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A copy made for a build is judged when its secret is first asked for, not when it is made: Declarative makes one
     * on the CPS VM thread only to choose a binding, where the judgement's journal fsync must not run.
     */
    @Test
    public void aCopyIsJudgedAtItsFirstReadAndOnlyOnce() throws Exception {
        ReleaseDecision approved = decide(GateStanding.APPROVED);
        AtomicInteger judged = new AtomicInteger();
        CredentialGuard copy = CredentialGuard.forBuild("deploy-token", "checkout-service", () -> {
            judged.incrementAndGet();
            return approved;
        });
        assertThat(judged.get(), is(0));
        List<Thread> readers = new ArrayList<>();
        List<String> read = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> read.add(copy.release("s3cr3t", "secret", Unavailable::new)));
            readers.add(t);
            t.start();
        }
        for (Thread t : readers) {
            t.join();
        }
        assertThat(read.size(), is(8));
        assertThat(read.stream().allMatch("s3cr3t"::equals), is(true));
        assertThat(judged.get(), is(1));
    }

    /** A judgement that fails (an adapter error) refuses, naming the credential and the failure; it is not retried. */
    @Test
    public void aJudgementThatFailsRefuses() {
        AtomicInteger judged = new AtomicInteger();
        CredentialGuard copy = CredentialGuard.forBuild("deploy-token", "checkout-service", () -> {
            judged.incrementAndGet();
            throw new IllegalArgumentException("No enum constant GateStanding.EMERGENCY_PENDING");
        });
        Unavailable e = assertThrows(Unavailable.class, () -> copy.release("s3cr3t", "secret", Unavailable::new));
        assertThat(e.getMessage(), containsString("gated credential 'deploy-token' (bound to system"
                + " 'checkout-service') is refused: its release could not be decided"));
        assertThat(e.getMessage(), containsString("EMERGENCY_PENDING"));
        assertThat(copy.released(), is(false));
        assertThat(judged.get(), is(1));
    }

    /** A refused judgement keeps refusing: asking again does not judge again. */
    @Test
    public void aRefusedCopyStaysRefused() throws Exception {
        ReleaseDecision pending = decide(GateStanding.PENDING);
        AtomicInteger judged = new AtomicInteger();
        CredentialGuard copy = CredentialGuard.forBuild("deploy-token", "checkout-service", () -> {
            judged.incrementAndGet();
            return pending;
        });
        assertThrows(Unavailable.class, () -> copy.release("s3cr3t", "secret", Unavailable::new));
        assertThrows(Unavailable.class, () -> copy.release("s3cr3t", "secret", Unavailable::new));
        assertThat(judged.get(), is(1));
    }

    /**
     * The guard cannot travel: the credential keeps it in a transient field, and it is no Serializable, so a copy
     * written to program.dat or sent to an agent arrives without one and refuses as the stored credential does.
     */
    @Test
    public void theGuardCannotBeSerialized() {
        CredentialGuard released = CredentialGuard.judged("deploy-token", "checkout-service", decideQuietly());
        assertThat(released.released(), is(true));
        assertThrows(NotSerializableException.class, () -> {
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                out.writeObject(released);
            }
        });
    }

    private static ReleaseDecision decideQuietly() {
        try {
            return decide(GateStanding.APPROVED);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
