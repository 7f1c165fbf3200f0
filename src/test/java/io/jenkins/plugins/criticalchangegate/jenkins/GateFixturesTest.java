package io.jenkins.plugins.criticalchangegate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.documentation.Authorization;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationCheck;
import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import java.net.http.HttpClient;
import org.junit.Test;

/** The inputs of the Jenkins tests are valid: the registry parses, and the loopback page passes the real check. */
public class GateFixturesTest {
    @Test
    public void theTestRegistryParsesAndResolvesBothSystems() throws Exception {
        Registry registry = RegistryParser.parse(GateFixtures.registry(8080), "registry");
        Resolution checkout = registry.resolve(GateFixtures.CHECKOUT, "p");
        assertThat(checkout.kind(), is(Resolution.Kind.CRITICAL));
        assertThat(checkout.system().orElseThrow().requiredApprovals(), is(2));
        assertThat(registry.resolve(GateFixtures.PAYMENTS, "p").kind(), is(Resolution.Kind.CRITICAL));
        assertThat(registry.resolve("internal-wiki", "p").kind(), is(Resolution.Kind.NOT_CRITICAL));
        assertThat(checkout.system().orElseThrow().requirement(),
                containsString("2 approval(s) from: group checkout-leads, group sre"));
    }

    @Test
    public void theLoopbackPageIsVerifiedAndTheUnrelatedOneRefused() throws Exception {
        try (GateFixtures.DocumentationSite site = new GateFixtures.DocumentationSite()) {
            Registry registry = RegistryParser.parse(GateFixtures.registry(site.port()), "registry");
            CriticalSystem checkout = registry.resolve(GateFixtures.CHECKOUT, "p").system().orElseThrow();
            CheckLimits limits = CheckLimits.defaults();
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(limits.connectTimeout()).build();
            DocumentationCheck check = new DocumentationCheck(client, limits);
            Evidence good = check.check(site.url("CHG-1234"), "CHG-1234", checkout.documentation(), null);
            assertThat(good.detail(), good.isVerified(), is(true));
            Evidence bad = check.check(site.url("unrelated"), "CHG-1234", checkout.documentation(), null);
            assertThat(bad.reason().name(), is("CHANGE_ID_MISSING"));
            Evidence anonymous = check.check(site.url("private/CHG-77"), "CHG-77", checkout.documentation(), null);
            assertThat(anonymous.status(), is(401));
            Evidence withToken = check.check(site.url("private/CHG-77"), "CHG-77", checkout.documentation(),
                    Authorization.of(io.jenkins.plugins.criticalchangegate.jenkins.facts.AuthorizationHeader.bearer(
                            GateFixtures.TOKEN)));
            assertThat(withToken.detail(), withToken.isVerified(), is(true));
        }
    }
}
