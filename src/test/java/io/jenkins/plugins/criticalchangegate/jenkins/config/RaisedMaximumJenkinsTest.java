package io.jenkins.plugins.criticalchangegate.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import java.io.InputStream;
import java.util.Map;
import org.htmlunit.html.HtmlForm;
import org.junit.Rule;
import org.junit.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One save that lists a system needing a longer approval timeout and raises the maximum to allow it. Jenkins sets the
 * registry first: Stapler binds the form in the form's order ({@code registry} is above
 * {@code maxApprovalTimeoutDays}), and JCasC sets a configuration's attributes in the order of a HashSet of their
 * names, where {@code registry} also comes first. The registry is refused under the old maximum; the new maximum must
 * load it, or the old registry stays in use (the new system passes as not critical under
 * {@code unknownSystems: allow}), and a new controller fails every gate closed until a restart. The rules themselves
 * are tested in the Central build (RegistryKeeperOptionsTest); this is the same save through the form and JCasC.
 */
public class RaisedMaximumJenkinsTest {
    /** {@code raised-maximum.yaml}: the registry below, payments-ledger (60d) added, and maxApprovalTimeoutDays 90. */
    private static final String RESOURCE = "raised-maximum.yaml";
    /** The registry in use before the save: checkout-service only, and anything else passes. */
    private static final String CHECKOUT_ONLY = String.join("\n",
            "version: 1",
            "unknownSystems: allow",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]",
            "    approvalTimeout: 7d",
            "");

    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    private static Resolution.Kind paymentsLedger(CriticalChangeGateConfiguration config) throws Exception {
        return config.registry().registry().resolve("payments-ledger", "payments/deploy").kind();
    }

    /** The inline registry of the JCasC resource, so the form submits the very text JCasC applies. */
    @SuppressWarnings("unchecked")
    private static String registryWithPaymentsLedger() throws Exception {
        Map<String, Object> root;
        try (InputStream in = RaisedMaximumJenkinsTest.class.getResourceAsStream(RESOURCE)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Object> gate = (Map<String, Object>) ((Map<String, Object>) root.get("unclassified"))
                .get("criticalChangeGate");
        Map<String, Object> registry = (Map<String, Object>) gate.get("registry");
        return (String) ((Map<String, Object>) registry.get("inline")).get("yaml");
    }

    private static void assertTheRegistryNeedingNinetyDaysIsInUse(CriticalChangeGateConfiguration config)
            throws Exception {
        assertThat(config.getMaxApprovalTimeoutDays(), is(90));
        assertThat(String.join("\n", config.getRegistryStatus()), paymentsLedger(config),
                is(Resolution.Kind.CRITICAL));
        assertThat(String.join("\n", config.getRegistryStatus()), config.isRegistryFailing(), is(false));
    }

    /**
     * The administrator pasted the registry listing payments-ledger, saw it refused for its 60d under the default
     * maximum of 30 days (the status says so; checkout-service's registry stays in use), raises the maximum and saves
     * Manage Jenkins → System: the form submits the registry and the maximum together.
     */
    @Test
    public void oneFormSaveRaisesTheMaximumAndLoadsTheRegistryThatNeedsIt() throws Exception {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        config.setRegistry(new InlineRegistry(CHECKOUT_ONLY));
        config.setRegistry(new InlineRegistry(registryWithPaymentsLedger()));
        assertThat(config.getMaxApprovalTimeoutDays(), is(30));
        assertThat(String.join("\n", config.getRegistryStatus()), containsString("approvalTimeout '60d'"));
        assertThat("the registry before stays in use", paymentsLedger(config), is(Resolution.Kind.NOT_CRITICAL));

        HtmlForm form = j.createWebClient().goTo("configure").getFormByName("config");
        form.getInputByName("_.maxApprovalTimeoutDays").setValue("90");
        j.submit(form);

        assertThat(((InlineRegistry) config.getRegistry()).getYaml(), containsString("id: payments-ledger"));
        assertTheRegistryNeedingNinetyDaysIsInUse(config);
    }

    /** A running controller, checkout-service's registry in use, applies a JCasC file with both keys. */
    @Test
    public void configurationAsCodeRaisesTheMaximumAndLoadsTheRegistryThatNeedsIt() throws Exception {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        config.setRegistry(new InlineRegistry(CHECKOUT_ONLY));
        assertThat(paymentsLedger(config), is(Resolution.Kind.NOT_CRITICAL));

        ConfigurationAsCode.get().configure(RaisedMaximumJenkinsTest.class.getResource(RESOURCE).toExternalForm());

        assertTheRegistryNeedingNinetyDaysIsInUse(config);
    }

    /** A new controller, nothing in its store, configured as code: no registry would be in use at all. */
    @Test
    @ConfiguredWithCode(RESOURCE)
    public void aNewControllerConfiguredAsCodeLoadsTheRegistryThatNeedsTheRaisedMaximum() throws Exception {
        assertTheRegistryNeedingNinetyDaysIsInUse(CriticalChangeGateConfiguration.get());
    }
}
