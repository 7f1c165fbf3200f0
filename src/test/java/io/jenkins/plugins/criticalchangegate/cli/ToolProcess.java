package io.jenkins.plugins.criticalchangegate.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tool run as its own process ({@code java ... cli.Main ARGS}, the class path of this test run), so that its
 * standard output is a real file descriptor: {@code /dev/full}, or a pipe whose reader goes away. Standard error
 * goes to a file, read once the process ended.
 */
final class ToolProcess {
    private final Process process;
    private final Path errFile;

    private ToolProcess(Process process, Path errFile) {
        this.process = process;
        this.errFile = errFile;
    }

    /**
     * Starts the tool.
     *
     * @param workingDirectory its working directory, where standard error's file is written too
     * @param stdout where its standard output goes: a file (e.g. /dev/full), or null for a pipe to this process
     */
    static ToolProcess start(Path workingDirectory, File stdout, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path errFile = Files.createTempFile(workingDirectory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (stdout != null) {
            builder.redirectOutput(stdout);
        }
        return new ToolProcess(builder.start(), errFile);
    }

    Process process() {
        return process;
    }

    /** Waits (at most a minute: a tool that goes on writing into a closed pipe would hang here) for the exit code. */
    int exit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the tool did not stop within a minute");
        }
        return process.exitValue();
    }

    /** Its standard error, once it ended. */
    String err() throws IOException {
        return Files.readString(errFile, StandardCharsets.UTF_8);
    }
}
