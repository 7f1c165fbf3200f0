package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.jenkins.plugins.casc.misc.RoundTripAbstractTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jvnet.hudson.test.RestartableJenkinsRule;

/**
 * JCasC round trip of the four gated kinds ({@code gatedString}, {@code gatedUsernamePassword}, {@code gatedFile},
 * {@code gatedSshUserPrivateKey} under {@code credentials: system: domainCredentials:}): applied from YAML, through
 * the web UI (the credentials' forms read the stored values through the restricted getters) and after a restart; each
 * time the system binding and the secrets survive, and the stored credentials still refuse their secrets.
 */
public class GatedCredentialsConfigurationJenkinsTest extends RoundTripAbstractTest {
    @Override
    protected void assertConfiguredAsExpected(RestartableJenkinsRule j, String configContent) {
        List<Credentials> all = SystemCredentialsProvider.getInstance().getCredentials();
        GatedStringCredentials token = find(all, GatedStringCredentials.class, "checkout-deploy-token");
        assertThat(token.getSystem(), is("checkout-service"));
        assertThat(token.getDescription(), is("Checkout deploy token"));
        assertThat(token.getGatedSecret().getPlainText(), is("s3cr3t-token"));
        assertThat(assertThrows(CredentialsUnavailableException.class, token::getSecret).getMessage(),
                containsString("gives out its secret only to a build holding an approved criticalChangeGate"));
        GatedUsernamePasswordCredentials registry = find(all, GatedUsernamePasswordCredentials.class,
                "checkout-registry");
        assertThat(registry.getUsername(), is("deployer"));
        assertThat(registry.getGatedPassword().getPlainText(), is("s3cr3t-password"));
        assertThrows(CredentialsUnavailableException.class, registry::getPassword);
        GatedFileCredentials kubeconfig = find(all, GatedFileCredentials.class, "checkout-kubeconfig");
        assertThat(kubeconfig.getFileName(), is("kubeconfig"));
        assertThat(new String(kubeconfig.getGatedContent().getPlainData(), StandardCharsets.UTF_8),
                is("kubeconfig"));
        assertThrows(CredentialsUnavailableException.class, kubeconfig::getContent);
        GatedSshUserPrivateKey key = find(all, GatedSshUserPrivateKey.class, "checkout-deploy-key");
        assertThat(key.getUsername(), is("deployer"));
        assertThat(key.isUsernameSecret(), is(false));
        assertThat(key.getGatedPrivateKey().getPlainText(), is("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "Z2F0ZWQtdGVzdC1rZXk=\n-----END OPENSSH PRIVATE KEY-----\n"));
        assertThat(key.getGatedPassphrase().getPlainText(), is("s3cr3t-passphrase"));
        assertThrows(CredentialsUnavailableException.class, key::getPrivateKeys);
        assertThrows(CredentialsUnavailableException.class, key::getPassphrase);
    }

    private static <C extends GatedCredentials> C find(List<Credentials> all, Class<C> type, String id) {
        return all.stream().filter(type::isInstance).map(type::cast).filter(c -> c.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + id + " in " + all));
    }

    @Override
    protected String stringInLogExpected() {
        return "GatedStringCredentials.system = checkout-service";
    }
}
