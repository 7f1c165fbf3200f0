package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;


/**
 * The entry point of {@code critical-change-gate-tool.jar}: {@code java -jar critical-change-gate-tool.jar COMMAND
 * ...}. Exit codes are those of {@link ExitCode}, the same for every command.
 */
public final class Main {
    static final String USAGE = "usage: java -jar critical-change-gate-tool.jar <registry|simulate|docs|audit|attest|demo>"
            + " ... (--help for each; --version)";

    /** The commands, in the order the help lists them. */
    static final List<String> COMMANDS = List.of("registry", "simulate", "docs", "audit", "attest", "demo");

    private Main() {
    }

    /**
     * The command of that name, or null. Only the one that runs is made: each loads its own classes (the attestation
     * and simulation ones are many), which {@code audit verify}, timed against {@code sha256sum} end to end, would
     * otherwise load for nothing (issue 17).
     */
    @CheckForNull
    static Command command(String name) {
        switch (name) {
            case "registry":
                return new RegistryCommand();
            case "simulate":
                return new SimulateCommand();
            case "docs":
                return new DocsCommand();
            case "audit":
                return new AuditCommand();
            case "attest":
                return new AttestCommand();
            case "demo":
                return new DemoCommand();
            default:
                return null;
        }
    }

    public static void main(String[] args) {
        Console console = new Console(FailingOutput.standardOutput(), FailingOutput.standardError(), System.getenv(),
                Path.of("").toAbsolutePath());
        System.exit(run(Arrays.asList(args), console));
    }

    /** Runs the tool as {@link #main} does, with the given console: for tests. */
    static int run(List<String> args, Console console) {
        try {
            int exit = new Main().dispatch(args, console);
            console.out().flush();
            if (console.out().checkError()) {
                // a stream that only keeps a flag (not the tool's own, which throws): the answer is still incomplete
                return outputFailed(console, "cannot write to standard output");
            }
            return exit;
        } catch (OutputFailedException e) {
            return outputFailed(console, e.getMessage());
        }
    }

    /** Says why the output is incomplete, if standard error still takes it, and stops with {@link ExitCode#OUTPUT}. */
    private static int outputFailed(Console console, String message) {
        try {
            console.err().println("error: " + message + "; the output is incomplete");
        } catch (OutputFailedException e) {
            // standard error is gone too: the exit code is all that is left to say it
        }
        return ExitCode.OUTPUT;
    }

    private int dispatch(List<String> args, Console console) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            PrintStream target = args.isEmpty() ? console.err() : console.out();
            target.println(USAGE);
            for (String name : COMMANDS) {
                Command command = java.util.Objects.requireNonNull(command(name), name);
                target.printf("  %-9s %s%n", command.name(), command.summary());
            }
            target.println();
            target.println(ExitCode.TABLE);
            return args.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        if (args.get(0).equals("--version")) {
            console.out().println("critical-change-gate-tool " + ToolVersion.get());
            return ExitCode.OK;
        }
        Command command = command(args.get(0));
        if (command != null) {
            try {
                return command.run(args.subList(1, args.size()), console);
            } catch (UnreadableInputException e) {
                // the arguments were right: the usage text would not help
                console.err().println("error: " + ControlCharacters.escapeKeepingLines(e.getMessage()));
                return ExitCode.USAGE;
            } catch (UsageException e) {
                console.err().println("error: " + ControlCharacters.escapeKeepingLines(e.getMessage()));
                console.err().println(USAGE);
                return ExitCode.USAGE;
            } catch (OutputFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                // A defect, never the user's input: still one clear line rather than a stack trace.
                console.err().println("internal error: " + ControlCharacters.escape(e.toString())
                        + " (please report it)");
                return ExitCode.FAILED;
            }
        }
        console.err().println("error: unknown command '" + ControlCharacters.escape(args.get(0)) + "'");
        console.err().println(USAGE);
        return ExitCode.USAGE;
    }

}
