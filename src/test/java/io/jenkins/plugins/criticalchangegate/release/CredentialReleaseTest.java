package io.jenkins.plugins.criticalchangegate.release;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The decision "may this build use a credential bound to system S now?", table-driven: every gate standing, system
 * match and mismatch, a job bound elsewhere, a finished build, no build, the window's edges, no registry.
 */
public class CredentialReleaseTest {
    static final String REGISTRY = String.join("\n",
            "version: 1",
            "unknownSystems: allow",
            "defaults:",
            "  documentation:",
            "    allowedHosts: [wiki.example.com]",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]",
            "    jobs: [\"retail/checkout/**\"]",
            "    credentialsReleaseWindow: 15m",
            "  - id: payments",
            "    name: Payments",
            "    tier: 1",
            "    owners: [team-payments]",
            "    approvers: [payments-leads, sre-oncall]",
            "    jobs: [\"payments/**\"]",
            "  - id: search",
            "    name: Search",
            "    tier: 2",
            "    owners: [team-search]",
            "    approvers: [search-leads, sre-oncall]",
            "");

    static final Instant APPROVED_AT = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant NOW = APPROVED_AT.plus(Duration.ofMinutes(5));
    static final String JOB = "retail/checkout/deploy";

    private static Registry registry;

    @BeforeClass
    public static void parseRegistry() throws Exception {
        registry = RegistryParser.parse(REGISTRY, "reg.yaml");
    }

    private static ReleaseDecision decide(String bound, String job, List<BuildGate> gates, Instant at) {
        return CredentialRelease.decide(registry, CredentialLookup.forBuild("deploy-token", bound, job, 7, true,
                gates, at));
    }

    private static BuildGate gate(String system, GateStanding standing) {
        return BuildGate.of("g1", system, standing, APPROVED_AT, false);
    }

    /** Every standing, on a gate for the credential's own system: only APPROVED releases (a new standing fails here). */
    @Test
    public void onlyAnApprovedGateForTheSystemReleases() {
        Map<GateStanding, Boolean> expected = new EnumMap<>(GateStanding.class);
        expected.put(GateStanding.PENDING, false);
        expected.put(GateStanding.HELD, false);
        expected.put(GateStanding.APPROVED, true);
        expected.put(GateStanding.REJECTED, false);
        expected.put(GateStanding.EXPIRED, false);
        expected.put(GateStanding.ABORTED, false);
        expected.put(GateStanding.DOCUMENTATION_REFUSED, false);
        expected.put(GateStanding.NOT_CRITICAL, false);
        assertThat(expected.keySet(), is(java.util.EnumSet.allOf(GateStanding.class)));
        for (GateStanding standing : GateStanding.values()) {
            ReleaseDecision d = decide("checkout-service", JOB, List.of(gate("checkout-service", standing)), NOW);
            assertThat(standing + ": " + d, d.released(), is(expected.get(standing)));
            assertThat(d.credentialId(), is("deploy-token"));
            assertThat(d.system(), is("checkout-service"));
            if (!d.released()) {
                assertThat(d.reason(), containsString("gated credential 'deploy-token'"));
                assertThat(d.reason(), containsString(
                        "no approved criticalChangeGate for checkout-service in this build"));
                assertThat(d.reason(), containsString("gate g1 is " + standing));
                assertThat(d.gateId().orElse(null), is("g1"));
            } else {
                assertThat(d.gateId().orElse(null), is("g1"));
                assertThat(d.emergency(), is(false));
            }
        }
    }

    /** Each row: credential's system, the gate's system, the job, released? */
    @Test
    public void theGateMustBeForTheSameRegistrySystem() {
        Object[][] rows = {
            {"checkout-service", "checkout-service", JOB, true},
            {"checkout-service", "  CHECKOUT-Service ", JOB, true}, // ids compare as the gate compares them
            {"Checkout-Service", "checkout-service", JOB, true},
            {"checkout-service", "payments", JOB, false}, // another system's gate
            {"checkout-service", "payments", "payments/ledger", false},
            {"payments", "payments", "payments/ledger", true},
            {"payments", "payments", JOB, false}, // the job is bound to checkout-service
            {"checkout-service", "checkout-service", "payments/ledger", false}, // job bound elsewhere: gate denied
            {"search", "search", "anything/else", true}, // a system without job bindings
            {"search", "search", JOB, false}, // a job bound to checkout-service names search: denied
            {"checkout-servise", "checkout-servise", JOB, false}, // a near-miss is no registry system
            {"unlisted", "unlisted", "other/job", false}, // unknown: fail closed though unknownSystems: allow
        };
        for (Object[] row : rows) {
            ReleaseDecision d = decide((String) row[0], (String) row[2], List.of(gate((String) row[1],
                    GateStanding.APPROVED)), NOW);
            assertThat(List.of(row) + ": " + d, d.released(), is(row[3]));
            assertThat(d.reason(), containsString("'deploy-token'"));
        }
    }

    @Test
    public void refusalsNameWhatIsMissing() {
        assertThat(decide("checkout-service", JOB, List.of(), NOW).reason(), is("gated credential 'deploy-token'"
                + " (bound to system 'checkout-service') is refused: no approved criticalChangeGate for"
                + " checkout-service in this build"));
        assertThat(decide("payments", JOB, List.of(gate("payments", GateStanding.APPROVED)), NOW).reason(),
                containsString("job 'retail/checkout/deploy' is bound to system 'checkout-service'"));
        assertThat(decide("unlisted", "other/job", List.of(), NOW).reason(),
                containsString("'unlisted' is not a critical system of the registry"));
        assertThat(decide("checkout-service", JOB, List.of(gate("payments", GateStanding.APPROVED)), NOW).reason(),
                containsString("no approved criticalChangeGate for checkout-service in this build"));
    }

    @Test
    public void aFinishedBuildNoBuildAndNoRegistryAreRefused() {
        List<BuildGate> approved = List.of(gate("checkout-service", GateStanding.APPROVED));
        ReleaseDecision finished = CredentialRelease.decide(registry, CredentialLookup.forBuild("deploy-token",
                "checkout-service", JOB, 7, false, approved, NOW));
        assertThat(finished.released(), is(false));
        assertThat(finished.reason(), containsString("build 'retail/checkout/deploy' #7 has finished"));
        ReleaseDecision noBuild = CredentialRelease.decide(registry, CredentialLookup.withoutBuild("deploy-token",
                "checkout-service", NOW));
        assertThat(noBuild.released(), is(false));
        assertThat(noBuild.reason(), containsString("looked up without a build"));
        ReleaseDecision noRegistry = CredentialRelease.decide(null, CredentialLookup.forBuild("deploy-token",
                "checkout-service", JOB, 7, true, approved, NOW));
        assertThat(noRegistry.released(), is(false));
        assertThat(noRegistry.reason(), containsString("no critical-systems registry is loaded"));
    }

    /** checkout-service has a 15m window: released up to its end inclusive, refused one millisecond after. */
    @Test
    public void theReleaseWindowEndsExactlyOnTime() {
        List<BuildGate> approved = List.of(gate("checkout-service", GateStanding.APPROVED));
        Instant end = APPROVED_AT.plus(Duration.ofMinutes(15));
        Object[][] rows = {
            {APPROVED_AT.minusMillis(1), false}, // approved later than the lookup: not yet
            {APPROVED_AT, true},
            {end.minusMillis(1), true},
            {end, true},
            {end.plusMillis(1), false},
        };
        for (Object[] row : rows) {
            ReleaseDecision d = decide("checkout-service", JOB, approved, (Instant) row[0]);
            assertThat(row[0] + ": " + d, d.released(), is(row[1]));
        }
        assertThat(decide("checkout-service", JOB, approved, end.plusMillis(1)).reason(), containsString(
                "gate g1 was approved at 2026-12-01T10:00:00Z, and its credentialsReleaseWindow of PT15M ended at"
                        + " 2026-12-01T10:15:00Z"));
        // payments has no window: the rest of the build
        ReleaseDecision late = decide("payments", "payments/ledger", List.of(gate("payments", GateStanding.APPROVED)),
                APPROVED_AT.plus(Duration.ofDays(30)));
        assertThat(late.toString(), late.released(), is(true));
    }

    @Test
    public void anApprovedGateWithoutATimeIsRefused() {
        ReleaseDecision d = decide("checkout-service", JOB, List.of(BuildGate.of("g1", "checkout-service",
                GateStanding.APPROVED, null, false)), NOW);
        assertThat(d.released(), is(false));
        assertThat(d.reason(), containsString("APPROVED only at an unknown time"));
    }

    @Test
    public void emergencyGatesReleaseWhenApprovedAndAreEmergencyPendingBefore() {
        for (GateStanding standing : GateStanding.values()) {
            ReleaseDecision d = decide("checkout-service", JOB, List.of(BuildGate.of("e1", "checkout-service",
                    standing, APPROVED_AT, true)), NOW);
            assertThat(standing + ": " + d, d.released(), is(standing == GateStanding.APPROVED));
            assertThat(d.emergency(), is(true));
            if (standing == GateStanding.PENDING || standing == GateStanding.HELD) {
                assertThat(d.reason(), containsString("emergency-pending"));
            }
        }
    }

    @Test
    public void anyApprovedGateForTheSystemAmongOthersReleases() {
        List<BuildGate> gates = new ArrayList<>();
        gates.add(BuildGate.of("a", "payments", GateStanding.APPROVED, APPROVED_AT, false));
        gates.add(BuildGate.of("b", "checkout-service", GateStanding.REJECTED, APPROVED_AT, false));
        gates.add(BuildGate.of("c", "checkout-service", GateStanding.APPROVED, APPROVED_AT, false));
        ReleaseDecision d = decide("checkout-service", JOB, gates, NOW);
        assertThat(d.released(), is(true));
        assertThat(d.gateId().orElse(null), is("c"));
        gates.remove(2);
        ReleaseDecision refused = decide("checkout-service", JOB, gates, NOW);
        assertThat(refused.released(), is(false));
        assertThat(refused.reason(), containsString("gate b is REJECTED"));
    }

    @Test
    public void theRecordsCarryTheDecision() {
        ReleaseDecision d = decide("checkout-service", JOB, List.of(gate("checkout-service", GateStanding.APPROVED)),
                NOW);
        CredentialLookup lookup = CredentialLookup.forBuild("deploy-token", "checkout-service", JOB, 7, true,
                List.of(), NOW);
        var event = CredentialRecords.of(d, lookup);
        assertThat(event.type().name(), is("CREDENTIALS_RELEASED"));
        assertThat(event.fields().get("credentialId"), is("deploy-token"));
        assertThat(event.fields().get("system"), is("checkout-service"));
        assertThat(event.fields().get("gateId"), is("g1"));
        assertThat(event.fields().get("job"), is(JOB));
        assertThat(event.fields().get("build"), is(7L));
        assertThat(event.fields().get("emergency"), is(false));
        var refused = CredentialRecords.of(CredentialRelease.decide(registry, CredentialLookup.withoutBuild(
                "deploy-token", "checkout-service", NOW)), CredentialLookup.withoutBuild("deploy-token",
                "checkout-service", NOW));
        assertThat(refused.type().name(), is("CREDENTIALS_REFUSED"));
        assertThat(refused.fields().containsKey("job"), is(false));
    }
}
