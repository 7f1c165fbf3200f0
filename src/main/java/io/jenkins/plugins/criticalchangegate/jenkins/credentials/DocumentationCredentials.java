package io.jenkins.plugins.criticalchangegate.jenkins.credentials;

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
public final class DocumentationCredentials {
    private DocumentationCredentials() {
    }

    /**
     * @return the header value, or {@code null} when no credentials id was given
     * @throws AbortException when the id names no usable credential: the step fails rather than fetch anonymously
     */
    @CheckForNull
    public static String authorization(@CheckForNull String credentialsId, Run<?, ?> run) throws AbortException {
        if (credentialsId == null) {
            return null;
        }
        StandardCredentials credential = CredentialsProvider.findCredentialById(credentialsId,
                StandardCredentials.class, run);
        if (credential == null) {
            throw new AbortException("criticalChangeGate: parameter 'credentialsId': no credential with id '"
                    + credentialsId + "' is available to this build");
        }
        String header;
        try {
            header = header(credential);
        } catch (IllegalArgumentException e) {
            throw new AbortException("criticalChangeGate: parameter 'credentialsId' ('" + credentialsId + "'): "
                    + e.getMessage());
        }
        if (header == null) {
            throw new AbortException("criticalChangeGate: parameter 'credentialsId': the credential '" + credentialsId
                    + "' must be of kind 'Secret text' (sent as a Bearer token) or 'Username with password' (sent as"
                    + " HTTP Basic)");
        }
        CredentialsProvider.track(run, credential);
        return header;
    }

    /**
     * The Authorization header a credential stands for: Secret text as a Bearer token, Username with password as
     * HTTP Basic; {@code null} for any other kind. Shared by the step's documentation check and the registry's URL.
     *
     * @throws IllegalArgumentException when the secret cannot be sent in a header (the message never holds it)
     */
    @CheckForNull
    public static String header(StandardCredentials credential) {
        if (credential instanceof StringCredentials) {
            return AuthorizationHeader.bearer(((StringCredentials) credential).getSecret().getPlainText());
        }
        if (credential instanceof StandardUsernamePasswordCredentials) {
            StandardUsernamePasswordCredentials pair = (StandardUsernamePasswordCredentials) credential;
            return AuthorizationHeader.basic(pair.getUsername(), pair.getPassword().getPlainText());
        }
        return null;
    }
}
