package io.jenkins.plugins.criticalchangegate.cli;

import java.util.List;

/**
 * One top-level command of the tool ({@code registry}, {@code simulate}, {@code docs}, {@code audit}).
 */
interface Command {
    /** The name the user types. */
    String name();

    /** One line for the tool's overall help. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param console where output goes, and the environment
     * @return the exit code ({@link ExitCode})
     * @throws UsageException for bad arguments; the tool prints its message and the usage, and exits 2
     */
    int run(List<String> args, Console console) throws UsageException;
}
