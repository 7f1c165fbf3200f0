package io.jenkins.plugins.criticalchangegate.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.AuthorizationHeader;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns the step's {@code credentialsId} into the {@code Authorization} header for the documentation site, as the
 * credentials plugin's consumer guide says: looked up in the context of the build
 * ({@code CredentialsProvider.findCredentialById(id, type, run)}, which applies the build's authentication and
 * records nothing yet), then tracked ({@code CredentialsProvider.track(run, c)}) so the credential's usage page lists
 * the build.
 */
final class DocumentationCredentials {
    private DocumentationCredentials() {
    }

    /**
     * @return the header value, or {@code null} when no credentials id was given
     * @throws AbortException when the id names no usable credential: the step fails rather than fetch anonymously
     */
    @CheckForNull
    static String authorization(@CheckForNull String credentialsId, Run<?, ?> run) throws AbortException {
        if (credentialsId == null) {
            return null;
        }
        StandardCredentials credential = CredentialsProvider.findCredentialById(credentialsId,
                StandardCredentials.class, run);
        try {
            if (credential instanceof StringCredentials) {
                CredentialsProvider.track(run, credential);
                return AuthorizationHeader.bearer(((StringCredentials) credential).getSecret().getPlainText());
            }
            if (credential instanceof StandardUsernamePasswordCredentials) {
                StandardUsernamePasswordCredentials pair = (StandardUsernamePasswordCredentials) credential;
                CredentialsProvider.track(run, credential);
                return AuthorizationHeader.basic(pair.getUsername(), pair.getPassword().getPlainText());
            }
        } catch (IllegalArgumentException e) {
            throw new AbortException("criticalChangeGate: parameter 'credentialsId' ('" + credentialsId + "'): "
                    + e.getMessage());
        }
        if (credential == null) {
            throw new AbortException("criticalChangeGate: parameter 'credentialsId': no credential with id '"
                    + credentialsId + "' is available to this build");
        }
        throw new AbortException("criticalChangeGate: parameter 'credentialsId': the credential '" + credentialsId
                + "' must be of kind 'Secret text' (sent as a Bearer token) or 'Username with password' (sent as"
                + " HTTP Basic)");
    }
}
