package io.jenkins.plugins.criticalchangegate.jenkins.config;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.registry.source.InlineSource;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import java.time.Duration;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The registry typed into the configuration itself (JCasC: {@code registry: inline: yaml: |}). Convenient for a small
 * Jenkins or a first trial; a reliability team that owns the registry in Git should use {@link RegistryFile} or
 * {@link RegistryUrl}.
 */
public final class InlineRegistry extends RegistrySourceSetting {
    /** Inline text changes only when the configuration is saved, and a save loads it at once. */
    private static final Duration NEVER = Duration.ofDays(3650);

    private final String yaml;

    @DataBoundConstructor
    public InlineRegistry(@CheckForNull String yaml) {
        this.yaml = yaml == null ? "" : yaml;
    }

    public String getYaml() {
        return yaml;
    }

    @Override
    RegistrySource toSource() {
        return new InlineSource(yaml);
    }

    @Override
    Duration refreshInterval() {
        return NEVER;
    }

    @Override
    boolean isLocal() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InlineRegistry && ((InlineRegistry) o).yaml.equals(yaml);
    }

    @Override
    public int hashCode() {
        return Objects.hash(yaml);
    }

    @Extension
    @Symbol("inline")
    public static final class DescriptorImpl extends SettingDescriptor {
        @Override
        public String getDisplayName() {
            return "Inline YAML";
        }

        /** Checks the text as the administrator types it, with the registry's own messages. */
        @POST
        public FormValidation doCheckYaml(@QueryParameter @CheckForNull String value) throws InterruptedException {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            if (value == null || value.isBlank()) {
                return FormValidation.error("Give the registry's YAML (docs/registry.md).");
            }
            return test(new InlineSource(value));
        }

        /** The "Check registry" button: the same check as the field's, on demand. */
        @POST
        public FormValidation doTestRegistry(@QueryParameter @CheckForNull String yaml) throws InterruptedException {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            return doCheckYaml(yaml);
        }
    }
}
