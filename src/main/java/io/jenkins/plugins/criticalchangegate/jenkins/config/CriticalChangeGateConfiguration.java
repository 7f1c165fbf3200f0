package io.jenkins.plugins.criticalchangegate.jenkins.config;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import hudson.security.Permission;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.source.Fetched;
import io.jenkins.plugins.criticalchangegate.registry.source.FileSource;
import io.jenkins.plugins.criticalchangegate.registry.source.InlineSource;
import io.jenkins.plugins.criticalchangegate.registry.source.LastKnownGoodStore;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.ParseOptions;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryKeeper;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryStatus;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import io.jenkins.plugins.criticalchangegate.registry.source.SourceException;
import io.jenkins.plugins.criticalchangegate.registry.source.UrlSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
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
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_READ_TIMEOUT_SECONDS = 15;
    static final int MAX_TIMEOUT_SECONDS = 300;
    static final int DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS = 30;
    static final int MAX_APPROVAL_TIMEOUT_DAYS = 365;

    @CheckForNull
    private volatile RegistrySourceSetting registry;
    /** The inline registry of configurations saved before registry sources existed; moved to {@link #registry}. */
    @Deprecated
    @CheckForNull
    private String registryYaml;
    @CheckForNull
    private String journalDirectory;
    private volatile int documentationConnectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private volatile int documentationReadTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;
    private volatile int maxApprovalTimeoutDays = DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS;

    private final transient RegistryKeeper keeper;

    @SuppressWarnings("deprecation")
    public CriticalChangeGateConfiguration() {
        load();
        if (maxApprovalTimeoutDays < 1 || maxApprovalTimeoutDays > MAX_APPROVAL_TIMEOUT_DAYS) {
            // config.xml edited by hand: XStream does not go through the bounded setter
            LOGGER.warning(() -> "maxApprovalTimeoutDays " + maxApprovalTimeoutDays + " in the saved configuration is"
                    + " outside 1.." + MAX_APPROVAL_TIMEOUT_DAYS + "; using " + DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS);
            maxApprovalTimeoutDays = DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS;
        }
        if (registry == null && registryYaml != null) {
            registry = new InlineRegistry(registryYaml);
            registryYaml = null;
            save();
        }
        keeper = new RegistryKeeper(source(), new LastKnownGoodStore(registryStore()), parseOptions(),
                Clock.systemUTC());
        keeper.restore();
        RegistrySourceSetting setting = registry;
        if (setting != null && setting.isLocal()) {
            refreshNow();
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
     * Binds the form, after checking every value in it, so that a bad value (invalid inline YAML, a relative path, an
     * http URL, a number out of range) is refused with its message, naming the field, before anything is saved: Stapler
     * only logs what a setter of a nested object (such as {@code RegistryUrl.setRefreshMinutes}) throws while it binds,
     * which would drop the value silently. The inline registry is checked against the maximum approval timeout
     * submitted in the same form, so raising the maximum and pasting a registry that needs it is one save.
     *
     * <p>A Jenkins where no registry was ever chosen shows the drop-down's first kind with blank fields; submitted
     * blank, they mean "still none" rather than an invalid registry, so the rest of Manage Jenkins → System can be
     * saved (gates keep failing closed, and the monitor keeps saying so).
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        checkNumber(json, "documentationConnectTimeoutSeconds", MAX_TIMEOUT_SECONDS);
        checkNumber(json, "documentationReadTimeoutSeconds", MAX_TIMEOUT_SECONDS);
        checkNumber(json, "maxApprovalTimeoutDays", MAX_APPROVAL_TIMEOUT_DAYS);
        Duration submittedMaximum = json.has("maxApprovalTimeoutDays")
                ? Duration.ofDays(Integer.parseInt(json.optString("maxApprovalTimeoutDays").strip()))
                : maxApprovalTimeout();
        JSONObject source = json.optJSONObject("registry");
        if (source != null) {
            if (registry == null && isBlank(source)) {
                json.remove("registry");
            } else {
                checkSource(source, submittedMaximum);
            }
        }
        String journal = json.optString("journalDirectory");
        if (journal != null && !journal.isBlank()) {
            String problem = journalDirectoryProblem(journal);
            if (problem != null) {
                throw new Descriptor.FormException("Audit journal directory: " + problem, "journalDirectory");
            }
        }
        try {
            return super.configure(req, json);
        } catch (IllegalArgumentException e) {
            throw new Descriptor.FormException(rootMessage(e), "registry");
        }
    }

    /** Whether a submitted source has none of its fields filled in. */
    private static boolean isBlank(JSONObject source) {
        for (String field : new String[] {"yaml", "path", "url"}) {
            if (source.has(field) && !source.optString(field).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static void checkSource(JSONObject source, Duration maximum) throws Descriptor.FormException {
        try {
            if (source.has("yaml")) {
                String problems = inlineProblems(source.optString("yaml"), maximum);
                if (problems != null) {
                    throw new Descriptor.FormException("The registry of critical systems is not valid:\n" + problems,
                            "registry");
                }
            }
            if (source.has("path")) {
                FileSource.parse(source.optString("path"));
            }
            if (source.has("url")) {
                UrlSource.parse(source.optString("url"));
            }
        } catch (IllegalArgumentException e) {
            throw new Descriptor.FormException(e.getMessage(), "registry");
        }
        checkNumber(source, "refreshMinutes", RegistryUrl.MAX_REFRESH_MINUTES);
    }

    private static void checkNumber(JSONObject json, String name, int max) throws Descriptor.FormException {
        if (!json.has(name)) {
            return;
        }
        String text = json.optString(name).strip();
        try {
            bounded(name, Integer.parseInt(text), max);
        } catch (NumberFormatException e) {
            throw new Descriptor.FormException(name + " must be a whole number between 1 and " + max + ", got '"
                    + text + "'", name);
        } catch (IllegalArgumentException e) {
            throw new Descriptor.FormException(e.getMessage(), name);
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
     * JCasC then fails with the registry's messages. The administrator's maximum is applied by the keeper, since JCasC
     * may set it after this: a registry over it is refused when it loads, and the status and the monitor say so.
     *
     * @throws IllegalArgumentException when an inline registry is not valid
     */
    @DataBoundSetter
    public void setRegistry(@CheckForNull RegistrySourceSetting registry) {
        if (registry instanceof InlineRegistry) {
            String problems = inlineProblems(((InlineRegistry) registry).getYaml(),
                    RegistryParser.maxApprovalTimeout());
            if (problems != null) {
                throw new IllegalArgumentException("The registry of critical systems is not valid:\n" + problems);
            }
        }
        this.registry = registry;
        save();
        keeper.setSource(source());
        if (registry == null || registry.isLocal()) {
            refreshNow();
        } else {
            Timer.get().submit(this::refreshNow);
        }
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
            String problem = journalDirectoryProblem(journalDirectory);
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
        this.documentationConnectTimeoutSeconds = bounded("documentationConnectTimeoutSeconds", seconds,
                MAX_TIMEOUT_SECONDS);
        save();
    }

    public int getDocumentationReadTimeoutSeconds() {
        return documentationReadTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDocumentationReadTimeoutSeconds(int seconds) {
        this.documentationReadTimeoutSeconds = bounded("documentationReadTimeoutSeconds", seconds,
                MAX_TIMEOUT_SECONDS);
        save();
    }

    public int getMaxApprovalTimeoutDays() {
        return maxApprovalTimeoutDays;
    }

    /**
     * The longest {@code approvalTimeout} a registry may ask for. A registry asking for more is refused when it
     * loads; lowering the maximum below what the registry in use asks for makes that registry invalid too (the gates
     * fail closed until one within the maximum loads: the form warns before saving).
     */
    @DataBoundSetter
    public void setMaxApprovalTimeoutDays(int days) {
        this.maxApprovalTimeoutDays = bounded("maxApprovalTimeoutDays", days, MAX_APPROVAL_TIMEOUT_DAYS);
        save();
        keeper.setOptions(parseOptions());
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

    /** Asks the source again when its refresh interval has passed since the last look (RegistryRefresh). */
    void refreshIfDue() throws InterruptedException {
        RegistrySourceSetting setting = registry;
        if (setting == null) {
            return;
        }
        keeper.refreshIfDue(setting.refreshInterval())
                .ifPresent(result -> LOGGER.fine(() -> "registry refresh: " + result.summary()));
    }

    /** Loads now; failures are kept by the keeper (status page, system log), never thrown. */
    void refreshNow() {
        try {
            keeper.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not load the registry of critical systems", e);
        }
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
        String problem = journalDirectoryProblem(value);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    /**
     * Checks the maximum, and warns before it is saved when the registry in use asks for more: that registry would
     * then be invalid, and every gate would fail closed until one within the maximum loads.
     */
    @POST
    public FormValidation doCheckMaxApprovalTimeoutDays(@QueryParameter int value) {
        new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
        if (value < 1 || value > MAX_APPROVAL_TIMEOUT_DAYS) {
            return FormValidation.error("Between 1 and " + MAX_APPROVAL_TIMEOUT_DAYS + " days.");
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
            return new NotConfigured(null);
        }
        try {
            return setting.toSource();
        } catch (IllegalArgumentException e) {
            // a config.xml edited by hand (an http URL, a relative path): XStream bypasses the checks of the form and
            // JCasC; the gates fail closed with the reason rather than Jenkins failing to load the configuration
            return new NotConfigured("the configured registry source is not valid: " + e.getMessage());
        }
    }

    ParseOptions parseOptions() {
        return ParseOptions.defaults().withMaxApprovalTimeout(maxApprovalTimeout());
    }

    private Path registryStore() {
        return new JenkinsFacade().rootDir().toPath().resolve("critical-change-gate").resolve("registry");
    }

    /** The problems of an inline registry, one per line, or {@code null} when it is valid. */
    @CheckForNull
    private static String inlineProblems(String yaml, Duration maximum) {
        try {
            RegistryParser.parse(yaml.getBytes(StandardCharsets.UTF_8), new InlineSource(yaml).describe(), maximum);
            return null;
        } catch (RegistryException e) {
            return e.getMessage();
        }
    }

    @CheckForNull
    private static String journalDirectoryProblem(String value) {
        try {
            if (!Path.of(value.strip()).isAbsolute()) {
                return "Give an absolute path.";
            }
        } catch (InvalidPathException e) {
            return "Not a valid path: " + e.getMessage();
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e.toString() : cause.getMessage();
    }

    private static int bounded(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * The source of a Jenkins where no usable registry source is configured (none was ever chosen, or the saved one
     * is not valid): loading fails, so every gate fails closed.
     */
    private static final class NotConfigured implements RegistrySource {
        @CheckForNull
        private final String problem;

        NotConfigured(@CheckForNull String problem) {
            this.problem = problem;
        }

        @Override
        public String describe() {
            return "no source configured";
        }

        @Override
        public Fetched fetch(@CheckForNull Fetched.Validators previous) throws SourceException {
            throw new SourceException((problem == null ? "no registry of critical systems is configured" : problem)
                    + " (Manage Jenkins > System > Critical change gate)");
        }
    }
}
