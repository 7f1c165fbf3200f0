package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.parse;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.withSystems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.Resolution.Kind;
import java.util.List;
import java.time.Duration;
import org.junit.Test;

public class RegistryResolveTest {
    private static String system(String id, String... jobs) {
        return "  - {id: " + id + ", name: " + id + ", tier: 1, owners: [o], approvers: [g1, g2]"
                + (jobs.length == 0 ? "" : ", jobs: [\"" + String.join("\", \"", jobs) + "\"]") + "}";
    }

    private static Registry registry(String unknown) throws RegistryException {
        return parse(withSystems(unknown, system("checkout-service", "retail/checkout/**"),
                system("payments-ledger", "payments/*/deploy", "*/ledger-tools"),
                system("search", "search-deploy")));
    }

    @Test
    public void findsAListedSystemIgnoringCaseAndSurroundingBlanks() throws Exception {
        Resolution r = registry("deny").resolve("  Checkout-SERVICE\t", null);
        assertThat(r.kind(), is(Kind.CRITICAL));
        assertThat(r.system().get().id().value(), is("checkout-service"));
    }

    @Test
    public void unknownSystemsFollowTheRegistrysChoice() throws Exception {
        Resolution allowed = registry("allow").resolve("inventory", null);
        assertThat(allowed.kind(), is(Kind.NOT_CRITICAL));
        assertThat(allowed.system().isPresent(), is(false));
        assertThat(allowed.message(), containsString("unknownSystems: allow"));
        Resolution denied = registry("deny").resolve("inventory", "inventory/deploy");
        assertThat(denied.kind(), is(Kind.DENIED));
        assertThat(denied.message(), is("system 'inventory' is not in the critical-systems registry, which refuses"
                + " unknown systems (unknownSystems: deny)"));
    }

    @Test
    public void aNearMissOfAListedIdIsDeniedWithDidYouMean() throws Exception {
        Registry registry = registry("allow");
        for (String typo : List.of("chekcout-service", "checkout-servce", "checkout_service", "checkout-servic",
                "checkout-serviceXY", "paymnts-ledger", "serach", "searches")) {
            Resolution r = registry.resolve(typo, null);
            assertThat(typo, r.kind(), is(Kind.DENIED));
            assertThat(typo, r.message(), containsString("did you mean '"));
        }
        assertThat(registry.resolve("chekcout-service", null).message(), is("system 'chekcout-service' is not in the"
                + " critical-systems registry; did you mean 'checkout-service'? A near-miss of a critical system's"
                + " id is refused rather than let through"));
        // three edits away is simply unknown
        assertThat(registry.resolve("checkout-serv", null).kind(), is(Kind.NOT_CRITICAL));
    }

    @Test
    public void aJobBoundToASystemMustNameIt() throws Exception {
        Registry registry = registry("allow");
        Resolution named = registry.resolve("checkout-service", "retail/checkout/deploy-prod");
        assertThat(named.kind(), is(Kind.CRITICAL));
        assertThat(named.message(), is("job 'retail/checkout/deploy-prod' is bound to system 'checkout-service'"));

        Resolution other = registry.resolve("search", "retail/checkout/deploy-prod");
        assertThat(other.kind(), is(Kind.DENIED));
        assertThat(other.message(), is("job 'retail/checkout/deploy-prod' is bound to system 'checkout-service' in"
                + " the critical-systems registry, but the pipeline names 'search': name the bound system, or change"
                + " the job's binding in the registry"));

        // an unknown system would pass under 'allow', but the binding wins
        Resolution unknown = registry.resolve("not-listed-anywhere", "retail/checkout/pr/PR-7");
        assertThat(unknown.kind(), is(Kind.DENIED));
        assertThat(unknown.message(), containsString("'checkout-service'"));
        assertThat(unknown.message(), containsString("'not-listed-anywhere'"));
    }

    @Test
    public void jobBindingsMatchGlobsIgnoringCase() throws Exception {
        Registry registry = registry("allow");
        assertThat(registry.resolve("x", "Retail/Checkout").kind(), is(Kind.DENIED)); // ** matches zero segments
        assertThat(registry.resolve("x", "retail/checkout-old/deploy").kind(), is(Kind.NOT_CRITICAL));
        assertThat(registry.resolve("payments-ledger", "payments/eu/deploy").kind(), is(Kind.CRITICAL));
        assertThat(registry.resolve("x", "payments/eu/deploy").kind(), is(Kind.DENIED));
        assertThat(registry.resolve("x", "payments/eu/sub/deploy").kind(), is(Kind.NOT_CRITICAL)); // * stays in one
        assertThat(registry.resolve("x", "anything/ledger-tools").kind(), is(Kind.DENIED)); // wildcard at the root
        assertThat(registry.resolve("x", "a/b/ledger-tools").kind(), is(Kind.NOT_CRITICAL));
        assertThat(registry.resolve("search", "search-deploy").kind(), is(Kind.CRITICAL)); // a literal job name
        assertThat(registry.resolve("x", "search-deploy/x").kind(), is(Kind.NOT_CRITICAL));
    }

    @Test
    public void aJobMatchedByTwoSystemsMayNameEitherAndNothingElse() throws Exception {
        Registry registry = parse(withSystems("allow", system("a", "shared/**"), system("b", "shared/deploy")));
        assertThat(registry.resolve("a", "shared/deploy").system().get().id().value(), is("a"));
        assertThat(registry.resolve("b", "shared/deploy").system().get().id().value(), is("b"));
        Resolution neither = registry.resolve("zzz-other", "shared/deploy");
        assertThat(neither.kind(), is(Kind.DENIED));
        assertThat(neither.message(), containsString("bound to system 'a' and 'b'"));
    }

    @Test
    public void aBlankOrMalformedSystemNameIsDenied() throws Exception {
        Registry registry = registry("allow");
        assertThat(registry.resolve(" ", null).kind(), is(Kind.DENIED));
        assertThat(registry.resolve(null, null).kind(), is(Kind.DENIED));
        assertThat(registry.resolve("checkout\nservice", null).kind(), is(Kind.DENIED));
        assertThat(registry.resolve(null, null).message(), containsString("'system' is required"));
    }

    @Test
    public void theLongestApprovalTimeoutCountsTheDefaultsAndEachSystemsOwn() throws Exception {
        Registry registry = RegistryParser.parse(String.join("\n",
                "version: 1",
                "unknownSystems: deny",
                "defaults:",
                "  approvalTimeout: 3d",
                "  documentation:",
                "    allowedHosts: [wiki.example.com]",
                "systems:",
                "  - {id: a, name: A, tier: 1, owners: [t], approvers: [g]}",
                "  - {id: b, name: B, tier: 1, owners: [t], approvers: [g], approvalTimeout: 90m}",
                "  - {id: c, name: C, tier: 1, owners: [t], approvers: [g], approvalTimeout: 10d}",
                ""), "r.yaml");
        assertThat(registry.longestApprovalTimeout(), is(Duration.ofDays(10)));
        Registry shorter = RegistryParser.parse(String.join("\n",
                "version: 1",
                "unknownSystems: deny",
                "defaults:",
                "  approvalTimeout: 3d",
                "  documentation:",
                "    allowedHosts: [wiki.example.com]",
                "systems:",
                "  - {id: a, name: A, tier: 1, owners: [t], approvers: [g]}",
                "  - {id: b, name: B, tier: 1, owners: [t], approvers: [g], approvalTimeout: 90m}",
                ""), "r.yaml");
        assertThat("the default's 3d, though no system names it", shorter.longestApprovalTimeout(),
                is(Duration.ofDays(3)));
        CriticalSystem tenDays = registry.resolve("c", null).system().orElseThrow();
        assertThat("a lower maximum wins", tenDays.approvalTimeoutWithin(Duration.ofDays(7)), is(Duration.ofDays(7)));
        assertThat(tenDays.approvalTimeoutWithin(Duration.ofDays(30)), is(Duration.ofDays(10)));
        assertThat(tenDays.requirement(),
                is("2 approval(s) from: group g; not the build's starter nor a commit author"));
    }

    @Test
    public void aBlankJobNameMeansNoJob() throws Exception {
        assertThat(registry("allow").resolve("inventory", "  ").kind(), is(Kind.NOT_CRITICAL));
    }
}
