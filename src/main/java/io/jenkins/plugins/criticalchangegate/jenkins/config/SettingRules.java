package io.jenkins.plugins.criticalchangegate.jenkins.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.source.InlineSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The rules each value of the global configuration follows, whichever way it arrives: the submitted form (checked
 * before anything is bound, {@link SubmittedForm}), Configuration as Code and the setters, and the form's field checks.
 */
final class SettingRules {
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_READ_TIMEOUT_SECONDS = 15;
    static final int MAX_TIMEOUT_SECONDS = 300;
    static final int DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS = 30;
    static final int MAX_APPROVAL_TIMEOUT_DAYS = 365;

    private SettingRules() {
    }

    /**
     * {@code value}, when it is between 1 and {@code max}.
     *
     * @throws IllegalArgumentException naming the setting otherwise
     */
    static int bounded(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    /** What is wrong with a journal directory as typed, or {@code null} when it is an absolute path. */
    @CheckForNull
    static String journalDirectoryProblem(String value) {
        try {
            if (!Path.of(value.strip()).isAbsolute()) {
                return "Give an absolute path.";
            }
        } catch (InvalidPathException e) {
            return "Not a valid path: " + e.getMessage();
        }
        return null;
    }

    /** The problems of an inline registry under a maximum approval timeout, one per line, or {@code null} if none. */
    @CheckForNull
    static String inlineProblems(String yaml, Duration maximum) {
        try {
            RegistryParser.parse(yaml.getBytes(StandardCharsets.UTF_8), new InlineSource(yaml).describe(), maximum);
            return null;
        } catch (RegistryException e) {
            return e.getMessage();
        }
    }
}
