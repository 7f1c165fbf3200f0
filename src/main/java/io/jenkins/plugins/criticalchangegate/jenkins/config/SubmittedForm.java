package io.jenkins.plugins.criticalchangegate.jenkins.config;

import hudson.model.Descriptor;
import io.jenkins.plugins.criticalchangegate.registry.source.FileSource;
import io.jenkins.plugins.criticalchangegate.registry.source.UrlSource;
import java.time.Duration;
import net.sf.json.JSONObject;

/**
 * The plugin's part of a Manage Jenkins → System submission, checked before anything is bound, so that a bad value
 * (invalid inline YAML, a relative path, an http URL, a number out of range) is refused with its message, naming the
 * field, before anything is saved: Stapler only logs what a setter of a nested object (such as
 * {@code RegistryUrl.setRefreshMinutes}) throws while it binds, which would drop the value silently.
 */
final class SubmittedForm {
    private SubmittedForm() {
    }

    /**
     * Checks every value of the form. The inline registry is checked against the maximum approval timeout submitted
     * in the same form, so raising the maximum and pasting a registry that needs it is one save.
     *
     * <p>A Jenkins where no registry was ever chosen shows the drop-down's first kind with blank fields; submitted
     * blank, they mean "still none" rather than an invalid registry, and are removed from {@code json}, so the rest
     * of Manage Jenkins → System can be saved (gates keep failing closed, and the monitor keeps saying so).
     *
     * @param json the configuration's part of the form
     * @param registryChosen whether a registry source is configured already
     * @param maximum the maximum approval timeout in use, for a form that does not set it
     * @throws Descriptor.FormException naming the first bad value and its field
     */
    static void check(JSONObject json, boolean registryChosen, Duration maximum) throws Descriptor.FormException {
        checkNumber(json, "documentationConnectTimeoutSeconds", SettingRules.MAX_TIMEOUT_SECONDS);
        checkNumber(json, "documentationReadTimeoutSeconds", SettingRules.MAX_TIMEOUT_SECONDS);
        checkNumber(json, "maxApprovalTimeoutDays", SettingRules.MAX_APPROVAL_TIMEOUT_DAYS);
        Duration submittedMaximum = json.has("maxApprovalTimeoutDays")
                ? Duration.ofDays(Integer.parseInt(json.optString("maxApprovalTimeoutDays").strip()))
                : maximum;
        JSONObject source = json.optJSONObject("registry");
        if (source != null) {
            if (!registryChosen && isBlank(source)) {
                json.remove("registry");
            } else {
                checkSource(source, submittedMaximum);
            }
        }
        String journal = json.optString("journalDirectory");
        if (journal != null && !journal.isBlank()) {
            String problem = SettingRules.journalDirectoryProblem(journal);
            if (problem != null) {
                throw new Descriptor.FormException("Audit journal directory: " + problem, "journalDirectory");
            }
        }
    }

    /**
     * What a setter refused while the form was bound (checked above, so not expected), as an error of the registry
     * field with the innermost message: Stapler wraps what a nested object's constructor throws.
     */
    static Descriptor.FormException refusedWhileBinding(IllegalArgumentException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new Descriptor.FormException(cause.getMessage() == null ? e.toString() : cause.getMessage(),
                "registry");
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
                String problems = SettingRules.inlineProblems(source.optString("yaml"), maximum);
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
            SettingRules.bounded(name, Integer.parseInt(text), max);
        } catch (NumberFormatException e) {
            throw new Descriptor.FormException(name + " must be a whole number between 1 and " + max + ", got '"
                    + text + "'", name);
        } catch (IllegalArgumentException e) {
            throw new Descriptor.FormException(e.getMessage(), name);
        }
    }
}
