package io.jenkins.plugins.criticalchangegate.jenkins.config;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.registry.source.FileSource;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The registry kept in a file on the controller (JCasC: {@code registry: fromFile: path: …}), typically a checkout
 * of the reliability team's repository that a deployment job or a config-management agent keeps current. The file is
 * looked at every {@link #CHECK_EVERY}; it is read again only when its size, modification time or identity changed.
 */
public final class RegistryFile extends RegistrySourceSetting {
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private final String path;

    /**
     * @param path an absolute path on the controller
     * @throws IllegalArgumentException when it is not one (the form and JCasC show the message)
     */
    @DataBoundConstructor
    public RegistryFile(@CheckForNull String path) {
        this.path = FileSource.parse(path).toString();
    }

    public String getPath() {
        return path;
    }

    @Override
    RegistrySource toSource() {
        return new FileSource(Path.of(path));
    }

    @Override
    Duration refreshInterval() {
        return CHECK_EVERY;
    }

    @Override
    boolean isLocal() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryFile && ((RegistryFile) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    @Extension
    @Symbol("fromFile")
    public static final class DescriptorImpl extends SettingDescriptor {
        @Override
        public String getDisplayName() {
            return "File on the controller";
        }

        @POST
        public FormValidation doCheckPath(@QueryParameter @CheckForNull String value) {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            try {
                FileSource.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** The "Check registry" button: reads the file now and validates it. */
        @POST
        public FormValidation doTestRegistry(@QueryParameter @CheckForNull String path) throws InterruptedException {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            Path file;
            try {
                file = FileSource.parse(path);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            return test(new FileSource(file));
        }
    }
}
