package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A secret file bound to a critical system: {@code withCredentials([file(…)])} writes it only behind an approved gate.
 * The content is given base64-encoded (the new credential's form, JCasC's {@code ${readFileBase64:…}}, the REST API), as
 * credentials' {@code SecretBytes.fromString} reads a form field; the Update form keeps it as SecretBytes' ciphertext
 * (credentials.jelly says why it is no secret text area there).
 */
public class GatedFileCredentials extends GatedCredentials implements FileCredentials {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final SecretBytes gatedContent;

    @DataBoundConstructor
    public GatedFileCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, String system, String fileName, SecretBytes gatedContent) {
        super(scope, id, description, system);
        this.fileName = fileName == null ? "" : fileName.strip();
        this.gatedContent = gatedContent;
    }

    @Override
    public String getFileName() {
        return fileName;
    }

    /** The content, for a copy released to its build; refused everywhere else. */
    @Override
    public InputStream getContent() {
        return new ByteArrayInputStream(release(gatedContent, "content").getPlainData());
    }

    /** The stored content for the form and JCasC's export only (see GatedStringCredentials#getGatedSecret). */
    @Restricted(NoExternalUse.class)
    public SecretBytes getGatedContent() {
        return gatedContent;
    }

    @Override
    protected GatedCredentials copy() {
        return new GatedFileCredentials(getScope(), getId(), getDescription(), getSystem(), fileName, gatedContent);
    }

    /** "Secret file, gated by a critical change"; the JCasC key {@code gatedFile}. */
    @Extension
    @Symbol("gatedFile")
    public static class DescriptorImpl extends GatedCredentials.GatedCredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "Secret file, gated by a critical change";
        }
    }
}
