package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.RegistryProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The plugin's section of Manage Jenkins → System (JCasC: {@code unclassified: criticalChangeGate:}): the registry of
 * critical systems (inline YAML, validated on save with the registry's own {@code FILE:LINE:COLUMN} messages), where
 * the audit journal lives, its optional HMAC key, and the documentation check's timeouts.
 *
 * <p>With no registry configured, every gate fails: a Jenkins that was meant to guard critical systems but lost its
 * registry must not let changes through unchecked.
 */
@Extension
@Symbol("criticalChangeGate")
public class CriticalChangeGateConfiguration extends GlobalConfiguration {
    /** How the registry's messages name the text area. */
    static final String REGISTRY_SOURCE = "registry";
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_READ_TIMEOUT_SECONDS = 15;
    static final int MAX_TIMEOUT_SECONDS = 300;

    @CheckForNull
    private String registryYaml;
    @CheckForNull
    private String journalDirectory;
    @CheckForNull
    private Secret hmacKey;
    private int documentationConnectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int documentationReadTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;

    private transient volatile Registry registry;

    public CriticalChangeGateConfiguration() {
        load();
    }

    public static CriticalChangeGateConfiguration get() {
        return ExtensionList.lookupSingleton(CriticalChangeGateConfiguration.class);
    }

    /** Validates the registry before anything is bound, so a broken registry is never saved from the form. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        String yaml = json.optString("registryYaml");
        try {
            parse(yaml);
        } catch (RegistryException e) {
            throw new Descriptor.FormException("The registry of critical systems is not valid:\n" + problems(e),
                    "registryYaml");
        }
        String key = json.optString("hmacKey");
        if (key != null && !key.isEmpty() && !keyIsLongEnough(Secret.fromString(key))) {
            throw new Descriptor.FormException("The journal's HMAC key must be at least "
                    + JournalOptions.MIN_KEY_BYTES + " bytes long", "hmacKey");
        }
        return super.configure(req, json);
    }

    @CheckForNull
    public String getRegistryYaml() {
        return registryYaml;
    }

    /**
     * Sets the registry text. Also JCasC's way in: an invalid registry is refused with the registry's messages.
     *
     * @throws IllegalArgumentException listing the problems
     */
    @DataBoundSetter
    public void setRegistryYaml(@CheckForNull String registryYaml) {
        String text = registryYaml == null || registryYaml.isBlank() ? null : registryYaml;
        Registry parsed;
        try {
            parsed = text == null ? null : parse(text);
        } catch (RegistryException e) {
            throw new IllegalArgumentException("The registry of critical systems is not valid:\n" + problems(e), e);
        }
        this.registryYaml = text;
        this.registry = parsed;
        save();
    }

    @CheckForNull
    public String getJournalDirectory() {
        return journalDirectory;
    }

    @DataBoundSetter
    public void setJournalDirectory(@CheckForNull String journalDirectory) {
        this.journalDirectory = journalDirectory == null || journalDirectory.isBlank() ? null : journalDirectory.strip();
        save();
    }

    @CheckForNull
    public Secret getHmacKey() {
        return hmacKey;
    }

    @DataBoundSetter
    public void setHmacKey(@CheckForNull Secret hmacKey) {
        Secret key = hmacKey == null || Secret.toString(hmacKey).isEmpty() ? null : hmacKey;
        if (key != null && !keyIsLongEnough(key)) {
            throw new IllegalArgumentException("The journal's HMAC key must be at least "
                    + JournalOptions.MIN_KEY_BYTES + " bytes long");
        }
        this.hmacKey = key;
        save();
    }

    public int getDocumentationConnectTimeoutSeconds() {
        return documentationConnectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDocumentationConnectTimeoutSeconds(int seconds) {
        this.documentationConnectTimeoutSeconds = boundedSeconds("documentationConnectTimeoutSeconds", seconds);
        save();
    }

    public int getDocumentationReadTimeoutSeconds() {
        return documentationReadTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDocumentationReadTimeoutSeconds(int seconds) {
        this.documentationReadTimeoutSeconds = boundedSeconds("documentationReadTimeoutSeconds", seconds);
        save();
    }

    /**
     * The registry, parsed.
     *
     * @throws RegistryException when none is configured or the saved text is not valid (edited on disk)
     */
    Registry registry() throws RegistryException {
        Registry current = registry;
        if (current == null) {
            if (registryYaml == null) {
                throw new RegistryException(new RegistryProblem(REGISTRY_SOURCE, 1, 1, "no registry of critical"
                        + " systems is configured (Manage Jenkins > System > Critical change gate); every gate"
                        + " fails until one is"));
            }
            current = parse(registryYaml);
            registry = current;
        }
        return current;
    }

    /** The journal's directory: as configured, or {@code $JENKINS_HOME/critical-change-gate/journal}. */
    Path journalPath() {
        if (journalDirectory != null) {
            return Path.of(journalDirectory);
        }
        return new JenkinsFacade().rootDir().toPath().resolve("critical-change-gate").resolve("journal");
    }

    /** The HMAC key's text, or {@code null} for an unkeyed SHA-256 chain. */
    @CheckForNull
    String hmacKeyText() {
        return hmacKey == null ? null : hmacKey.getPlainText();
    }

    CheckLimits limits() {
        return CheckLimits.defaults()
                .withConnectTimeout(Duration.ofSeconds(documentationConnectTimeoutSeconds))
                .withReadTimeout(Duration.ofSeconds(documentationReadTimeoutSeconds));
    }

    /** Checks the registry text as the administrator types it. */
    @POST
    public FormValidation doCheckRegistryYaml(@QueryParameter @CheckForNull String value) {
        new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.warning("No registry: every criticalChangeGate step fails until one is configured.");
        }
        try {
            Registry parsed = parse(value);
            return FormValidation.ok(parsed.size() + " critical system(s), unknown systems: "
                    + parsed.unknownSystems().name().toLowerCase(Locale.ROOT));
        } catch (RegistryException e) {
            return FormValidation.error(problems(e));
        }
    }

    /** Checks the journal directory is an absolute path. */
    @POST
    public FormValidation doCheckJournalDirectory(@QueryParameter @CheckForNull String value) {
        new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok("Default: $JENKINS_HOME/critical-change-gate/journal");
        }
        try {
            if (!Path.of(value.strip()).isAbsolute()) {
                return FormValidation.error("Give an absolute path.");
            }
        } catch (InvalidPathException e) {
            return FormValidation.error("Not a valid path: " + e.getMessage());
        }
        return FormValidation.ok();
    }

    private static Registry parse(String yaml) throws RegistryException {
        return RegistryParser.parse(yaml, REGISTRY_SOURCE);
    }

    private static String problems(RegistryException e) {
        StringJoiner lines = new StringJoiner("\n");
        for (RegistryProblem problem : e.problems()) {
            lines.add(problem.toString());
        }
        return lines.toString();
    }

    private static boolean keyIsLongEnough(Secret key) {
        return key.getPlainText().getBytes(StandardCharsets.UTF_8).length >= JournalOptions.MIN_KEY_BYTES;
    }

    private static int boundedSeconds(String name, int seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_TIMEOUT_SECONDS
                    + " seconds, got " + seconds);
        }
        return seconds;
    }
}
