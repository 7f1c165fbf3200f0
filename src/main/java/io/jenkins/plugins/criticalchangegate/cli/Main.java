package io.jenkins.plugins.criticalchangegate.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;


/**
 * The entry point of {@code critical-change-gate-tool.jar}: {@code java -jar critical-change-gate-tool.jar COMMAND
 * ...}. Exit codes are those of {@link ExitCode}.
 */
public final class Main {
    static final String USAGE = "usage: java -jar critical-change-gate-tool.jar <registry|simulate|docs|audit|attest|demo> ..."
            + " (--help for each)";

    private final List<Command> commands = List.of(
            new RegistryCommand(), new SimulateCommand(), new DocsCommand(), new AuditCommand(),
            new AttestCommand(), new DemoCommand());

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Console console = new Console(out, err, System.getenv(), Path.of("").toAbsolutePath());
        System.exit(run(Arrays.asList(args), console));
    }

    /** Runs the tool as {@link #main} does, with the given console: for tests. */
    static int run(List<String> args, Console console) {
        return new Main().dispatch(args, console);
    }

    private int dispatch(List<String> args, Console console) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            PrintStream target = args.isEmpty() ? console.err() : console.out();
            target.println(USAGE);
            for (Command command : commands) {
                target.printf("  %-9s %s%n", command.name(), command.summary());
            }
            return args.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        for (Command command : commands) {
            if (command.name().equals(args.get(0))) {
                try {
                    return command.run(args.subList(1, args.size()), console);
                } catch (UsageException e) {
                    console.err().println("error: " + e.getMessage());
                    console.err().println(USAGE);
                    return ExitCode.USAGE;
                } catch (RuntimeException e) {
                    // A defect, never the user's input: still one clear line rather than a stack trace.
                    console.err().println("internal error: " + e + " (please report it)");
                    return ExitCode.FAILED;
                }
            }
        }
        console.err().println("error: unknown command '" + args.get(0) + "'");
        console.err().println(USAGE);
        return ExitCode.USAGE;
    }

}
