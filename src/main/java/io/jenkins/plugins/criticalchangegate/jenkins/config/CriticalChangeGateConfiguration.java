package io.jenkins.plugins.criticalchangegate.jenkins.config;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import hudson.security.Permission;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.source.LastKnownGoodStore;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.ParseOptions;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryKeeper;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryStatus;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The plugin's section of Manage Jenkins → System (JCasC: {@code unclassified: criticalChangeGate:}): where the
 * registry of critical systems comes from, where the audit journal lives, the documentation check's timeouts and the
 * longest approval timeout a registry may ask for. Only Overall/Administer sees or changes it.
 *
 * <p>The registry in use is kept by a {@link RegistryKeeper}: the newest registry that loaded and validated, saved
 * under {@code $JENKINS_HOME/critical-change-gate/registry} so that a restart has it even when the source is down.
 * A source that fails never replaces it; when no good registry was ever loaded, every gate fails closed.
 */
@Extension
@Symbol("criticalChangeGate")
public final class CriticalChangeGateConfiguration extends GlobalConfiguration {
    private static final Logger LOGGER = Logger.getLogger(CriticalChangeGateConfiguration.class.getName());

    @CheckForNull
    private volatile RegistrySourceSetting registry;
    /** The inline registry of configurations saved before registry sources existed; moved to {@link #registry}. */
    @Deprecated
    @CheckForNull
    private String registryYaml;
    @CheckForNull
    private String journalDirectory;
    private volatile int documentationConnectTimeoutSeconds = SettingRules.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private volatile int documentationReadTimeoutSeconds = SettingRules.DEFAULT_READ_TIMEOUT_SECONDS;
    private volatile int maxApprovalTimeoutDays = SettingRules.DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS;

    private final transient RegistryKeeper keeper;
    private final transient RegistryLoading loading;

    @SuppressWarnings("deprecation")
    public CriticalChangeGateConfiguration() {
        load();
        if (maxApprovalTimeoutDays < 1 || maxApprovalTimeoutDays > SettingRules.MAX_APPROVAL_TIMEOUT_DAYS) {
            // config.xml edited by hand: XStream does not go through the bounded setter
            LOGGER.warning(() -> "maxApprovalTimeoutDays " + maxApprovalTimeoutDays + " in the saved configuration is"
                    + " outside 1.." + SettingRules.MAX_APPROVAL_TIMEOUT_DAYS + "; using "
                    + SettingRules.DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS);
            maxApprovalTimeoutDays = SettingRules.DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS;
        }
        if (registry == null && registryYaml != null) {
            registry = new InlineRegistry(registryYaml);
            registryYaml = null;
            save();
        }
        keeper = new RegistryKeeper(source(), new LastKnownGoodStore(registryStore()), parseOptions(),
                Clock.systemUTC());
        keeper.restore();
        loading = new RegistryLoading(keeper);
        RegistrySourceSetting setting = registry;
        if (setting != null && setting.isLocal()) {
            loading.now();
        }
        // a remote source is first loaded by RegistryRefresh, shortly after start-up, never in the start-up thread
    }

    public static CriticalChangeGateConfiguration get() {
        return ExtensionList.lookupSingleton(CriticalChangeGateConfiguration.class);
    }

    /** Only administrators configure which changes need approval, and by whom; Overall/Manage is not enough. */
    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.ADMINISTER;
    }

    /**
     * Binds the form, after checking every value in it ({@link SubmittedForm}): a bad value is refused with its
     * message, naming the field, before anything is saved.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        SubmittedForm.check(json, registry != null, maxApprovalTimeout());
        try {
            return super.configure(req, json);
        } catch (IllegalArgumentException e) {
            throw SubmittedForm.refusedWhileBinding(e);
        }
    }

    /** The kinds of registry source the form offers. */
    public List<RegistrySourceSetting.SettingDescriptor> getRegistrySourceDescriptors() {
        return RegistrySourceSetting.all();
    }

    @CheckForNull
    public RegistrySourceSetting getRegistry() {
        return registry;
    }

    /**
     * Chooses where the registry comes from, and loads it: at once when it is local, in the background when it is a
     * URL. The registry in use changes only when the new one loads and validates.
     *
     * <p>An inline registry that is not a valid registry at all (whatever the maximum approval timeout) is refused:
     * JCasC then fails with the registry's messages. The administrator's maximum is applied by the keeper: a registry
     * over it is refused when it loads, and the status and the monitor say so. The form and JCasC set the registry
     * before the maximum (see {@link #setMaxApprovalTimeoutDays}), which loads it again when the maximum changes.
     *
     * @throws IllegalArgumentException when an inline registry is not valid
     */
    @DataBoundSetter
    public void setRegistry(@CheckForNull RegistrySourceSetting registry) {
        if (registry instanceof InlineRegistry) {
            String problems = SettingRules.inlineProblems(((InlineRegistry) registry).getYaml(),
                    RegistryParser.maxApprovalTimeout());
            if (problems != null) {
                throw new IllegalArgumentException("The registry of critical systems is not valid:\n" + problems);
            }
        }
        this.registry = registry;
        save();
        keeper.setSource(source());
        loading.soon(registry);
    }

    @CheckForNull
    public String getJournalDirectory() {
        return journalDirectory;
    }

    @DataBoundSetter
    public void setJournalDirectory(@CheckForNull String journalDirectory) {
        if (journalDirectory == null || journalDirectory.isBlank()) {
            this.journalDirectory = null;
        } else {
            String problem = SettingRules.journalDirectoryProblem(journalDirectory);
            if (problem != null) {
                throw new IllegalArgumentException("journalDirectory: " + problem);
            }
            this.journalDirectory = journalDirectory.strip();
        }
        save();
    }

    public int getDocumentationConnectTimeoutSeconds() {
        return documentationConnectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDocumentationConnectTimeoutSeconds(int seconds) {
        this.documentationConnectTimeoutSeconds = SettingRules.bounded("documentationConnectTimeoutSeconds", seconds,
                SettingRules.MAX_TIMEOUT_SECONDS);
        save();
    }

    public int getDocumentationReadTimeoutSeconds() {
        return documentationReadTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDocumentationReadTimeoutSeconds(int seconds) {
        this.documentationReadTimeoutSeconds = SettingRules.bounded("documentationReadTimeoutSeconds", seconds,
                SettingRules.MAX_TIMEOUT_SECONDS);
        save();
    }

    public int getMaxApprovalTimeoutDays() {
        return maxApprovalTimeoutDays;
    }

    /**
     * The longest {@code approvalTimeout} a registry may ask for. A registry asking for more is refused when it
     * loads; lowering the maximum below what the registry in use asks for makes that registry invalid too (the gates
     * fail closed until one within the maximum loads: the form warns before saving).
     *
     * <p>When the source's last load failed, it is loaded again under the new maximum: at once when it is local, in
     * the background when it is a URL. One save that lists a system needing a longer timeout and raises the maximum
     * sets the registry first (Stapler binds in the form's order; JCasC sets attributes in the order of a HashSet of
     * their names, where {@code registry} also comes first), so that registry is refused under the old maximum
     * and loads here.
     */
    @DataBoundSetter
    public void setMaxApprovalTimeoutDays(int days) {
        this.maxApprovalTimeoutDays = SettingRules.bounded("maxApprovalTimeoutDays", days,
                SettingRules.MAX_APPROVAL_TIMEOUT_DAYS);
        save();
        if (keeper.setOptions(parseOptions())) {
            loading.soonIfDue(registry);
        }
    }

    /**
     * The registry to decide with.
     *
     * @throws RegistryUnavailableException when no valid registry has ever been loaded: every gate fails closed
     */
    public LoadedRegistry registry() throws RegistryUnavailableException {
        return keeper.current();
    }

    /** The status lines the configuration page shows: the registry in use, the last failure and their ages. */
    public List<String> getRegistryStatus() {
        return keeper.status().describe(Instant.now());
    }

    /** Whether the last attempt to load the registry failed (the page shows the status as an error then). */
    public boolean isRegistryFailing() {
        RegistryStatus status = keeper.status();
        return status.lastFailure().isPresent() || status.current().isEmpty();
    }

    /** Whether a good registry is in use (else every gate fails closed). */
    boolean hasRegistry() {
        return keeper.status().current().isPresent();
    }

    /** Asks the source again once its interval has passed since the last look, or when it is due (RegistryRefresh). */
    void refreshIfDue() throws InterruptedException {
        loading.ifDue(registry);
    }

    /** Loads now, in this thread; failures are kept by the keeper (status page, system log), never thrown. */
    void refreshNow() {
        loading.now();
    }

    /** The journal's directory: as configured, or {@code $JENKINS_HOME/critical-change-gate/journal}. */
    public Path journalPath() {
        if (journalDirectory != null) {
            return Path.of(journalDirectory);
        }
        return new JenkinsFacade().rootDir().toPath().resolve("critical-change-gate").resolve("journal");
    }

    /** Where the journal is, as the page shows it: the configured directory or the default one. */
    public String getEffectiveJournalDirectory() {
        return journalPath().toString();
    }

    public CheckLimits limits() {
        return CheckLimits.defaults()
                .withConnectTimeout(Duration.ofSeconds(documentationConnectTimeoutSeconds))
                .withReadTimeout(Duration.ofSeconds(documentationReadTimeoutSeconds));
    }

    public Duration maxApprovalTimeout() {
        return Duration.ofDays(maxApprovalTimeoutDays);
    }

    /** Checks the journal directory is an absolute path. */
    @POST
    public FormValidation doCheckJournalDirectory(@QueryParameter @CheckForNull String value) {
        new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok("Default: " + new JenkinsFacade().rootDir().toPath()
                    .resolve("critical-change-gate").resolve("journal"));
        }
        String problem = SettingRules.journalDirectoryProblem(value);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    /**
     * Checks the maximum, and warns before it is saved when the registry in use asks for more: that registry would
     * then be invalid, and every gate would fail closed until one within the maximum loads.
     */
    @POST
    public FormValidation doCheckMaxApprovalTimeoutDays(@QueryParameter int value) {
        new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
        if (value < 1 || value > SettingRules.MAX_APPROVAL_TIMEOUT_DAYS) {
            return FormValidation.error("Between 1 and " + SettingRules.MAX_APPROVAL_TIMEOUT_DAYS + " days.");
        }
        Duration asked = keeper.status().current().map(loaded -> loaded.registry().longestApprovalTimeout())
                .orElse(Duration.ZERO);
        if (asked.compareTo(Duration.ofDays(value)) > 0) {
            return FormValidation.warning("The registry in use asks for an approval timeout of " + asked.toHours()
                    + " h, more than " + value + " days: saving this makes it invalid, and every gate fails closed"
                    + " until a registry within the maximum loads.");
        }
        return FormValidation.ok();
    }

    private RegistrySource source() {
        RegistrySourceSetting setting = registry;
        if (setting == null) {
            return new NotConfiguredSource(null);
        }
        try {
            return setting.toSource();
        } catch (IllegalArgumentException e) {
            // a config.xml edited by hand (an http URL, a relative path): XStream bypasses the checks of the form and
            // JCasC; the gates fail closed with the reason rather than Jenkins failing to load the configuration
            return new NotConfiguredSource("the configured registry source is not valid: " + e.getMessage());
        }
    }

    ParseOptions parseOptions() {
        return ParseOptions.defaults().withMaxApprovalTimeout(maxApprovalTimeout());
    }

    private Path registryStore() {
        return new JenkinsFacade().rootDir().toPath().resolve("critical-change-gate").resolve("registry");
    }
}
