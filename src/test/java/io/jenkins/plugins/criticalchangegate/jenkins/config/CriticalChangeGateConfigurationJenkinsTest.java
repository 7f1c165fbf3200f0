package io.jenkins.plugins.criticalchangegate.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.casc.misc.RoundTripAbstractTest;
import java.util.Map;
import org.jvnet.hudson.test.RestartableJenkinsRule;

/**
 * JCasC round trip of the global configuration with an inline registry ({@code unclassified: criticalChangeGate:
 * registry: inline:}): applied from YAML, checked and applied through the web UI, and read again after a restart
 * (RoundTripAbstractTest); at each step the export gives back what the file says ({@link ConfigurationExport}: the
 * harness itself never exports). The YAML's registry is checked to be valid in the Central build
 * (ConfigurationAsCodeResourceTest).
 */
public class CriticalChangeGateConfigurationJenkinsTest extends RoundTripAbstractTest {
    @Override
    protected void assertConfiguredAsExpected(RestartableJenkinsRule j, String configContent) {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        assertThat(config.getRegistry(), instanceOf(InlineRegistry.class));
        assertThat(((InlineRegistry) config.getRegistry()).getYaml(), containsString("id: checkout-service"));
        assertThat(config.getDocumentationConnectTimeoutSeconds(), is(7));
        assertThat(config.getDocumentationReadTimeoutSeconds(), is(42));
        assertThat(config.getMaxApprovalTimeoutDays(), is(14));
        assertThat(config.getJournalDirectory(), nullValue());
        try {
            assertThat(config.registry().registry().size(), is(1));
            // every setting of the file is set (journalDirectory is not: it stays unset, and is not exported)
            assertThat(ConfigurationExport.exported(), is(ConfigurationExport.configured(configContent, Map.of())));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected String stringInLogExpected() {
        return "maxApprovalTimeoutDays";
    }
}
