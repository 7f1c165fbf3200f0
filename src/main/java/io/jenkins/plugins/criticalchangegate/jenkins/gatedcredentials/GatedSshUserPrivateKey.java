package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.Secret;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * An SSH username with private key bound to a critical system: {@code withCredentials([sshUserPrivateKey(…)])} writes
 * the key file, and {@code sshagent([…])} adds the key, only behind an approved gate.
 *
 * <p>What the consumers read (ssh-credentials 349.vb_8b_6b_9709f5b_, {@code SSHUserPrivateKey}): credentials-binding
 * 687.v619cb_15e923f {@code SSHUserPrivateKeyBinding.bind} reads {@code getPrivateKeys()}, {@code getPassphrase()} (only
 * with a {@code passphraseVariable}), {@code getUsername()} and {@code isUsernameSecret()}; ssh-agent 376.v8933585c69d3
 * reads {@code getPassphrase()} then {@code getPrivateKeys()}; the deprecated {@code getPrivateKey()} is the first key.
 * The three key getters go through the guard; the username and {@code isUsernameSecret()} are not secret (the binding's
 * {@code variables()} asks the latter before any secret is read, so it must not judge).
 *
 * <p>One key per credential, as the form of ssh-credentials' own kind enters it ({@code DirectEntryPrivateKeySource}).
 * The credentials plugin's snapshot of an {@code SSHUserPrivateKey} (ssh-credentials'
 * {@code SSHUserPrivateKeySnapshotTaker}, used when a credential is sent to an agent) reads the same getters, so it gets
 * the key only from a released copy and fails on the stored one.
 */
public class GatedSshUserPrivateKey extends GatedCredentials implements SSHUserPrivateKey {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final Secret gatedPrivateKey;
    /** {@code null} when the key has no passphrase (an empty one is none, as ssh-credentials' own kind reads it). */
    @CheckForNull
    private final Secret gatedPassphrase;

    @DataBoundConstructor
    public GatedSshUserPrivateKey(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, String system, String username, @CheckForNull Secret gatedPrivateKey,
            @CheckForNull Secret gatedPassphrase) {
        super(scope, id, description, system);
        this.username = username == null ? "" : username.strip();
        this.gatedPrivateKey = gatedPrivateKey == null ? Secret.fromString("") : gatedPrivateKey;
        this.gatedPassphrase = Secret.toString(gatedPassphrase).isEmpty() ? null : gatedPassphrase;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /**
     * The username is not secret (shown on the form, bound as plain text), as for the gated username with password and
     * ssh-credentials' own kind by default; masking it would also mask every unrelated occurrence of a common word.
     */
    @Override
    public boolean isUsernameSecret() {
        return false;
    }

    /** The private key (one, ending with a newline as OpenSSH wants), for a copy released to its build; else refused. */
    @Override
    public List<String> getPrivateKeys() {
        String key = Secret.toString(release(gatedPrivateKey, "privateKeys"));
        if (key.isBlank()) {
            return List.of();
        }
        return List.of(key.endsWith("\n") ? key : key + "\n");
    }

    /** The first private key, as {@link #getPrivateKeys()} (released or refused the same way). */
    @Deprecated
    @Override
    public String getPrivateKey() {
        List<String> keys = getPrivateKeys();
        return keys.isEmpty() ? "" : keys.get(0);
    }

    /**
     * The passphrase ({@code null} when the key has none), for a copy released to its build; refused everywhere else,
     * also when there is none, so that the stored credential does not tell whether its key is protected.
     */
    @CheckForNull
    @Override
    public Secret getPassphrase() {
        return release(Optional.ofNullable(gatedPassphrase), "passphrase").orElse(null);
    }

    /** The stored key for the form and JCasC's export only (see GatedStringCredentials#getGatedSecret). */
    @Restricted(NoExternalUse.class)
    public Secret getGatedPrivateKey() {
        return gatedPrivateKey;
    }

    /** The stored passphrase for the form and JCasC's export only; {@code null} when there is none. */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public Secret getGatedPassphrase() {
        return gatedPassphrase;
    }

    @Override
    protected GatedCredentials copy() {
        return new GatedSshUserPrivateKey(getScope(), getId(), getDescription(), getSystem(), username,
                gatedPrivateKey, gatedPassphrase);
    }

    /** "SSH username with private key, gated by a critical change"; the JCasC key {@code gatedSshUserPrivateKey}. */
    @Extension
    @Symbol("gatedSshUserPrivateKey")
    public static class DescriptorImpl extends GatedCredentials.GatedCredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "SSH username with private key, gated by a critical change";
        }
    }
}
