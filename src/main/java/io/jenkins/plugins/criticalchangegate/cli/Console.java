package io.jenkins.plugins.criticalchangegate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch outside its arguments: its output streams, its environment and its working directory.
 * Tests give their own, so no test changes the JVM's.
 */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    Console(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** An environment variable, empty when unset. */
    Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    /** Resolves a path the user gave against the working directory. */
    Path resolve(String path) {
        return workingDirectory.resolve(path);
    }
}
