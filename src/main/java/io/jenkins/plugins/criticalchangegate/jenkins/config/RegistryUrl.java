package io.jenkins.plugins.criticalchangegate.jenkins.config;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.credentials.DocumentationCredentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ProxyConfiguration;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import io.jenkins.plugins.criticalchangegate.registry.source.SourceLimits;
import io.jenkins.plugins.criticalchangegate.registry.source.UrlSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The registry served over HTTPS by the reliability team's service or Git host (JCasC:
 * {@code registry: fromUrl: url: …, credentialsId: …, refreshMinutes: …}). Fetched through Jenkins' proxy settings
 * with a conditional request (ETag / Last-Modified) every {@link #getRefreshMinutes()} minutes, bounded in time and
 * size; a {@code Secret text} credential is sent as a Bearer token, a {@code Username with password} one as HTTP
 * Basic, to this URL only. Redirects are not followed: configure the final URL.
 */
public final class RegistryUrl extends RegistrySourceSetting {
    static final int DEFAULT_REFRESH_MINUTES = 5;
    static final int MAX_REFRESH_MINUTES = 24 * 60;

    private final String url;
    @CheckForNull
    private String credentialsId;
    private int refreshMinutes = DEFAULT_REFRESH_MINUTES;

    /**
     * @param url an https URL without user-info or fragment
     * @throws IllegalArgumentException naming what is wrong with it
     */
    @DataBoundConstructor
    public RegistryUrl(@CheckForNull String url) {
        this.url = UrlSource.parse(url).toString();
    }

    public String getUrl() {
        return url;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.strip();
    }

    public int getRefreshMinutes() {
        return refreshMinutes;
    }

    /** @throws IllegalArgumentException outside 1 to 1440 */
    @DataBoundSetter
    public void setRefreshMinutes(int refreshMinutes) {
        if (refreshMinutes < 1 || refreshMinutes > MAX_REFRESH_MINUTES) {
            throw new IllegalArgumentException("refreshMinutes must be between 1 and " + MAX_REFRESH_MINUTES
                    + ", got " + refreshMinutes);
        }
        this.refreshMinutes = refreshMinutes;
    }

    @Override
    RegistrySource toSource() {
        return source(URI.create(url), credentialsId);
    }

    @Override
    Duration refreshInterval() {
        return Duration.ofMinutes(refreshMinutes);
    }

    @Override
    boolean isLocal() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RegistryUrl)) {
            return false;
        }
        RegistryUrl other = (RegistryUrl) o;
        return other.url.equals(url) && Objects.equals(other.credentialsId, credentialsId)
                && other.refreshMinutes == refreshMinutes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, credentialsId, refreshMinutes);
    }

    /**
     * The source, with Jenkins' HTTP client: the proxy configured in Manage Jenkins, no redirects followed by the
     * client (the source refuses them), and the source's connect timeout.
     */
    private static RegistrySource source(URI uri, @CheckForNull String credentialsId) {
        SourceLimits limits = SourceLimits.defaults();
        Supplier<String> authorization = credentialsId == null ? null : () -> authorization(credentialsId);
        return new UrlSource(uri, client(limits), authorization, limits);
    }

    private static HttpClient client(SourceLimits limits) {
        return ProxyConfiguration.newHttpClientBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .build();
    }

    /**
     * The Authorization header for a credential of Jenkins' own scope, looked up as the system (the registry is
     * loaded by Jenkins, not on behalf of a user) at each fetch, so a rotated token is picked up.
     *
     * @throws IllegalStateException naming the id (never the secret) when no usable credential has it: the source
     *     then fails and the last good registry stays in use
     */
    private static String authorization(String credentialsId) {
        StandardCredentials credential = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(
                        StandardCredentials.class, (Item) null, ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(credentialsId));
        if (credential == null) {
            throw new IllegalStateException("no credential with id '" + credentialsId + "' is available to Jenkins"
                    + " (Manage Jenkins → Credentials, scope Global or System)");
        }
        String header = DocumentationCredentials.header(credential);
        if (header == null) {
            throw new IllegalStateException("the credential '" + credentialsId + "' must be of kind 'Secret text'"
                    + " (sent as a Bearer token) or 'Username with password' (sent as HTTP Basic)");
        }
        return header;
    }

    @Extension
    @Symbol("fromUrl")
    public static final class DescriptorImpl extends SettingDescriptor {
        @Override
        public String getDisplayName() {
            return "HTTPS URL";
        }

        public int getDefaultRefreshMinutes() {
            return DEFAULT_REFRESH_MINUTES;
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter @CheckForNull String value) {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            try {
                UrlSource.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckRefreshMinutes(@QueryParameter int value) {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            if (value < 1 || value > MAX_REFRESH_MINUTES) {
                return FormValidation.error("Between 1 and " + MAX_REFRESH_MINUTES + " minutes.");
            }
            return FormValidation.ok();
        }

        /**
         * The credentials an administrator may choose: Secret text and Username with password of Jenkins' own
         * scope. Others (who could not configure the registry anyway) see only the current value, never the list.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter @CheckForNull String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!new JenkinsFacade().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(credentialsId == null ? "" : credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, (Item) null, StandardCredentials.class, List.of(),
                            CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                                    CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)))
                    .includeCurrentValue(credentialsId == null ? "" : credentialsId);
        }

        /** The "Check registry" button: fetches the URL now (through the proxy, with the credential) and validates. */
        @POST
        public FormValidation doTestRegistry(@QueryParameter @CheckForNull String url,
                @QueryParameter @CheckForNull String credentialsId) throws InterruptedException {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            URI uri;
            try {
                uri = UrlSource.parse(url);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            return test(source(uri, credentialsId == null || credentialsId.isBlank() ? null : credentialsId.strip()));
        }
    }
}
