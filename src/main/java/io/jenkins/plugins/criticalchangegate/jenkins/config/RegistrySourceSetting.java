package io.jenkins.plugins.criticalchangegate.jenkins.config;

import hudson.ExtensionList;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.source.Fetched;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import io.jenkins.plugins.criticalchangegate.registry.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the global configuration takes the registry of critical systems from: one of {@link InlineRegistry},
 * {@link RegistryFile} or {@link RegistryUrl}, chosen in Manage Jenkins → System (JCasC:
 * {@code registry: inline: …}, {@code registry: fromFile: …}, {@code registry: fromUrl: …}). A setting is a plain
 * value the form and JCasC bind; {@link #toSource()} turns it into the Jenkins-free source the
 * {@link io.jenkins.plugins.criticalchangegate.registry.source.RegistryKeeper} loads from.
 */
public abstract class RegistrySourceSetting extends AbstractDescribableImpl<RegistrySourceSetting> {
    /** The source this setting stands for, built anew whenever the configuration changes. */
    abstract RegistrySource toSource();

    /** How long after one load the periodic refresh asks the source again. */
    abstract Duration refreshInterval();

    /**
     * Whether loading reads only local data (the configuration itself, a file on the controller), so that it may
     * run in the thread that saves the configuration; a remote source is loaded in the background.
     */
    abstract boolean isLocal();

    /** The settings' descriptors, in the order the form's drop-down lists them. */
    static List<SettingDescriptor> all() {
        return ExtensionList.lookup(SettingDescriptor.class);
    }

    /** The descriptor of a kind of setting; its "Check registry" button loads a registry without keeping it. */
    public abstract static class SettingDescriptor extends Descriptor<RegistrySourceSetting> {
        /**
         * Loads and validates the registry from a source now, as the gate would, with the global configuration's
         * options, and says what came of it. Nothing is kept: the registry in use changes only when the
         * configuration is saved.
         */
        static FormValidation test(RegistrySource source) throws InterruptedException {
            Fetched fetched;
            try {
                fetched = source.fetch(null);
            } catch (SourceException e) {
                return FormValidation.error("Cannot load the registry: " + e.getMessage());
            }
            try {
                byte[] bytes = fetched.bytes();
                LoadedRegistry loaded = LoadedRegistry.parse(bytes, source.describe(), Instant.now(),
                        CriticalChangeGateConfiguration.get().parseOptions());
                return FormValidation.ok("Valid: " + loaded.registry().size() + " critical system(s), "
                        + bytes.length + " bytes, from " + source.describe()
                        + ". Save the configuration to use it.");
            } catch (RegistryException e) {
                // the exception's message lists every problem, one SOURCE:LINE:COLUMN line each
                return FormValidation.error("The registry from " + source.describe() + " is not valid:\n"
                        + e.getMessage());
            }
        }
    }
}
