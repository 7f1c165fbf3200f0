package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * One artifact a change deploys, named to the step so the approval's attestation is about it:
 * {@code subjects: [[name: 'app.jar', sha256: '…']]}. Only trimmed here; checked when the step starts (see
 * {@link CriticalChangeGateStep}: what a constructor throws reaches the log wrapped with every argument).
 */
public class ArtifactSubject extends AbstractDescribableImpl<ArtifactSubject> {
    @CheckForNull
    private final String name;
    @CheckForNull
    private final String sha256;

    @DataBoundConstructor
    public ArtifactSubject(@CheckForNull String name, @CheckForNull String sha256) {
        this.name = name == null ? null : name.strip();
        this.sha256 = sha256 == null ? null : sha256.strip();
    }

    /** The artifact's file name or path, as deploy targets will name it to {@code attest verify}. */
    @CheckForNull
    public String getName() {
        return name;
    }

    /** Its SHA-256, 64 hexadecimal digits. */
    @CheckForNull
    public String getSha256() {
        return sha256;
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ArtifactSubject> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Artifact";
        }
    }
}
