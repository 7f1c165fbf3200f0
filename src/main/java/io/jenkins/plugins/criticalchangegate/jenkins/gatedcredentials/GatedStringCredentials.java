package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.Secret;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/** Secret text bound to a critical system: {@code withCredentials([string(…)])} gets it only behind an approved gate. */
public class GatedStringCredentials extends GatedCredentials implements StringCredentials {
    private static final long serialVersionUID = 1L;

    private final Secret gatedSecret;

    @DataBoundConstructor
    public GatedStringCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, String system, Secret gatedSecret) {
        super(scope, id, description, system);
        this.gatedSecret = gatedSecret;
    }

    /** The secret, for a copy released to its build; refused everywhere else. */
    @Override
    public Secret getSecret() {
        return release(gatedSecret, "secret");
    }

    /**
     * The stored secret for the credential's form ({@code <f:password>} shows it encrypted) and JCasC's export; not the
     * credential interface, and not for other plugins: they get {@link #getSecret()}.
     */
    @Restricted(NoExternalUse.class)
    public Secret getGatedSecret() {
        return gatedSecret;
    }

    @Override
    protected GatedCredentials copy() {
        return new GatedStringCredentials(getScope(), getId(), getDescription(), getSystem(), gatedSecret);
    }

    /** Listed in "Add Credentials" as "Secret text, gated by a critical change"; the JCasC key {@code gatedString}. */
    @Extension
    @Symbol("gatedString")
    public static class DescriptorImpl extends GatedCredentials.GatedCredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "Secret text, gated by a critical change";
        }
    }
}
