package io.jenkins.plugins.criticalchangegate.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.casc.misc.RoundTripAbstractTest;
import java.util.Map;
import org.jvnet.hudson.test.RestartableJenkinsRule;

/**
 * JCasC round trip of a registry served over HTTPS with a credential ({@code registry: fromUrl:}). The host does not
 * resolve, so the registry never loads: the configuration round-trips all the same, and the status says why no
 * registry is in use. At each step the export gives back what the file says ({@link ConfigurationExport}), the
 * credential by its id: the secret appears in no exported setting of the gate, nor in its status.
 */
public class RegistryUrlConfigurationJenkinsTest extends RoundTripAbstractTest {
    @Override
    protected void assertConfiguredAsExpected(RestartableJenkinsRule j, String configContent) {
        CriticalChangeGateConfiguration config = CriticalChangeGateConfiguration.get();
        assertThat(config.getRegistry(), instanceOf(RegistryUrl.class));
        RegistryUrl url = (RegistryUrl) config.getRegistry();
        assertThat(url.getUrl(), is("https://registry.example.invalid/critical-systems.yaml"));
        assertThat(url.getCredentialsId(), is("registry-token"));
        assertThat(url.getRefreshMinutes(), is(15));
        assertThat(config.getMaxApprovalTimeoutDays(), is(7));
        assertThat(String.join("\n", config.getRegistryStatus()), not(containsString("not-a-real-token")));
        try {
            // the file leaves the documentation check's timeouts at their defaults, which the export lists as well
            Map<String, Object> exported = ConfigurationExport.exported();
            assertThat(exported, is(ConfigurationExport.configured(configContent, Map.of(
                    "documentationConnectTimeoutSeconds", SettingRules.DEFAULT_CONNECT_TIMEOUT_SECONDS,
                    "documentationReadTimeoutSeconds", SettingRules.DEFAULT_READ_TIMEOUT_SECONDS))));
            assertThat(exported.toString(), not(containsString("not-a-real-token")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected String stringInLogExpected() {
        return "refreshMinutes";
    }

    @Override
    protected String configResource() {
        return "configuration-as-code-url.yaml";
    }
}
