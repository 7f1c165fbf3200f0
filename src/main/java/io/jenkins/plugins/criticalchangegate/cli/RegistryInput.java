package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryLint;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.RegistryProblem;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry file named on the command line: a file that cannot be read is a usage error (exit 2), a file that reads
 * but breaks the format is a {@link RegistryException} (exit 1, one line per problem). Messages name the file as the
 * user typed it.
 */
final class RegistryInput {
    private RegistryInput() {
    }

    static Registry load(String file, Console console) throws UsageException, RegistryException {
        return RegistryParser.parse(bytes(file, console), ControlCharacters.escape(file));
    }

    /** The file read as {@code registry lint} reads it: as Jenkins would under {@code maxApprovalTimeout}. */
    static RegistryLint lint(String file, Console console, Duration maxApprovalTimeout)
            throws UsageException, RegistryException {
        return RegistryLint.of(bytes(file, console), ControlCharacters.escape(file), maxApprovalTimeout);
    }

    private static byte[] bytes(String file, Console console) throws UsageException {
        Path path;
        try {
            path = console.resolve(file);
        } catch (InvalidPathException e) {
            throw new UsageException("--registry '" + ControlCharacters.escape(file) + "' is not a valid path: "
                    + e.getReason());
        }
        byte[] bytes;
        try {
            bytes = RegistryParser.read(path, RegistryParser.maxFileBytes());
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("cannot read " + ControlCharacters.escape(String.valueOf(file)) + ": no such file");
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read " + ControlCharacters.escape(file) + ": "
                    + IoProblem.describe(e));
        }
        return bytes;
    }

    /**
     * Loads the registry, or prints its problems on standard error (one {@code FILE:LINE:COLUMN: message} line each)
     * for the commands that go on only with a valid registry.
     *
     * @return the registry, or empty when it has problems (exit 1)
     * @throws UsageException when the file cannot be read
     */
    static Optional<Registry> loadOrReport(String file, Console console) throws UsageException {
        try {
            return Optional.of(load(file, console));
        } catch (RegistryException e) {
            for (RegistryProblem problem : e.problems()) {
                console.err().println(problem);
            }
            return Optional.empty();
        }
    }
}
