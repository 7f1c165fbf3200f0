package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStoreAction;
import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.release.SystemRebinding;
import java.util.Optional;
import net.sf.json.JSONObject;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CredentialGuard;

/**
 * A credential bound to a critical system of the registry ({@link #getSystem()}).
 *
 * <p>How the credentials plugin hands a credential to a build (credentials 1405.vb_cda_74a_f8974,
 * {@code CredentialsProvider.java}): {@code findCredentialById(id, type, run, …)} (lines 894-985) looks the stored
 * credential up and returns {@code contextualize(type, c, run)} (lines 988-998), which calls
 * {@code Credentials.forRun(run)} (Credentials.java:65-68, by default {@code this}) and keeps its answer only when it is
 * an instance of the requested type, silently falling back to the stored object otherwise. So (1) {@link #forRun}
 * returns a copy of the same concrete class, which implements every interface the stored one does; (2) the stored
 * object itself refuses every secret, so that the fallback, {@code lookupCredentials…} without a run (another plugin,
 * the script console) and any path that skips {@code forRun} get nothing.
 *
 * <p>The copy's guard is transient: the credentials plugin fingerprints a credential by its XML
 * ({@code getFingerprintOf}, lines 1461-1475), which must be the stored one's for usage tracking to work, and a copy
 * that was serialized and read back (program.dat, an agent) has no guard and refuses, as the stored one does.
 */
public abstract class GatedCredentials extends BaseStandardCredentials {
    private static final long serialVersionUID = 1L;

    private final String system;
    /** {@code null} on the stored credential (and on any copy read back): refuses. */
    @CheckForNull
    private transient volatile CredentialGuard guard;

    protected GatedCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, String system) {
        super(scope, id, description);
        this.system = SystemField.normalize(system);
    }

    /** The registry id of the critical system this credential deploys to. */
    public String getSystem() {
        return system;
    }

    /**
     * The copy for this build. It does no work here (no decision, no journal, no build.xml save): the credentials plugin
     * calls {@code forRun} on whatever thread looks the credential up, and Declarative's {@code credentials()} does so
     * on the CPS VM thread ({@code ModelInterpreter.groovy:470}), where blocking I/O stalls every pipeline. The copy is
     * judged, journaled and listed on the build page when its secret is first asked for ({@link CredentialGuard}),
     * which {@code withCredentials} does in its own background thread.
     */
    @Override
    public final Credentials forRun(Run<?, ?> context) {
        GatedCredentials copy = copy();
        copy.guard = CredentialGuard.forBuild(getId(), system,
                new GatedCredentialRelease.Judgement(getId(), system, context));
        return copy;
    }

    /** A copy of this credential (same class, same fields), without a guard. */
    protected abstract GatedCredentials copy();

    /** Whether this copy may give out its secret (false for the stored credential; decides a copy not yet asked). */
    public final boolean isReleased() {
        CredentialGuard g = guard;
        return g != null && g.released();
    }

    /**
     * The secret of {@code property}, when this is a copy released to its build; otherwise
     * {@code CredentialsUnavailableException} with the reason (the stored credential's refusal is journaled too).
     */
    protected final <T> T release(T secret, String property) {
        CredentialGuard g = guard;
        if (g == null) {
            g = CredentialGuard.stored(getId(), system);
            GatedCredentialRelease.refusedWithoutBuild(getId(), system);
        }
        return g.release(secret, property, CredentialsUnavailableException::new);
    }

    /**
     * The descriptor of every gated kind: the credentials plugin's id and description, plus the system, checked
     * against the registry. Nested here because {@code BaseStandardCredentialsDescriptor} is protected in
     * {@code BaseStandardCredentials}.
     */
    public abstract static class GatedCredentialsDescriptor extends BaseStandardCredentialsDescriptor {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        /**
         * Checks the system against the registry in force: a critical system is fine; anything else is an error, since
         * a credential bound to it would be refused to every build. Needs Item/Configure on the folder whose store
         * holds the credential, or Overall/Administer for the global store (the values shown are the registry's).
         */
        @POST
        public FormValidation doCheckSystem(@AncestorInPath @CheckForNull Item item, @QueryParameter String value) {
            if (item == null) {
                jenkins.checkPermission(Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
            return SystemField.check(value);
        }

        /**
         * Makes the credential from its form, and refuses an update that changes its system
         * ({@link SystemRebinding}). The credentials plugin's Update form posts to
         * {@code CredentialsWrapper.doUpdateSubmit}, which makes the replacement through {@code Descriptor.bindJSON},
         * i.e. this method (credentials 1405.vb_cda_74a_f8974 {@code CredentialsStoreAction.java:1394-1398}); the
         * credential being updated is the wrapper in the request's path.
         */
        @Override
        public Credentials newInstance(@CheckForNull StaplerRequest2 req, JSONObject formData) throws FormException {
            Credentials made = super.newInstance(req, formData);
            CredentialsStoreAction.CredentialsWrapper updated = req == null ? null
                    : req.findAncestorObject(CredentialsStoreAction.CredentialsWrapper.class);
            if (updated != null && updated.getCredentials() instanceof GatedCredentials
                    && made instanceof GatedCredentials) {
                GatedCredentials stored = (GatedCredentials) updated.getCredentials();
                Optional<String> refused = SystemRebinding.refusal(stored.getId(), stored.getSystem(),
                        ((GatedCredentials) made).getSystem());
                if (refused.isPresent()) {
                    throw new FormException(refused.get(), "system");
                }
            }
            return made;
        }
    }
}
