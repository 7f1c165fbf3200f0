package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.Secret;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Username with password bound to a critical system. The username is not secret (it is shown and bound as
 * credentials-binding binds a non-secret username); the password is released only behind an approved gate.
 */
public class GatedUsernamePasswordCredentials extends GatedCredentials implements StandardUsernamePasswordCredentials {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final Secret gatedPassword;

    @DataBoundConstructor
    public GatedUsernamePasswordCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, String system, String username, Secret gatedPassword) {
        super(scope, id, description, system);
        this.username = username == null ? "" : username;
        this.gatedPassword = gatedPassword;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** The password, for a copy released to its build; refused everywhere else. */
    @Override
    public Secret getPassword() {
        return release(gatedPassword, "password");
    }

    /** The stored password for the form and JCasC's export only (see GatedStringCredentials#getGatedSecret). */
    @Restricted(NoExternalUse.class)
    public Secret getGatedPassword() {
        return gatedPassword;
    }

    @Override
    protected GatedCredentials copy() {
        return new GatedUsernamePasswordCredentials(getScope(), getId(), getDescription(), getSystem(), username,
                gatedPassword);
    }

    /** "Username with password, gated by a critical change"; the JCasC key {@code gatedUsernamePassword}. */
    @Extension
    @Symbol("gatedUsernamePassword")
    public static class DescriptorImpl extends GatedCredentials.GatedCredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "Username with password, gated by a critical change";
        }
    }
}
