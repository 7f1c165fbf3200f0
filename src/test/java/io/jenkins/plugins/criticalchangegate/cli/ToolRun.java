package io.jenkins.plugins.criticalchangegate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** One run of the tool through {@link Main#run}, with its output, errors and exit code captured. */
final class ToolRun {
    final int exit;
    final String out;
    final String err;

    private ToolRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static ToolRun in(Path workingDirectory, String... args) {
        return in(workingDirectory, Map.of(), args);
    }

    /** A run with the given environment (for {@code --key-env}, {@code --auth-env}). */
    static ToolRun in(Path workingDirectory, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, workingDirectory);
        int exit = Main.run(Arrays.asList(args), console);
        return new ToolRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
