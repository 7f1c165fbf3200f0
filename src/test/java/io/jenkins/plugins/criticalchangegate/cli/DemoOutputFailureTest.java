package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code demo} is the command a new user runs first, usually as {@code demo | head -2} or into a file on a full
 * disk: a failed write is a failure there too (issue 17). Its account is written line by line while it works, so
 * a reader that leaves after the first line makes the next write fail. Real processes, a real pipe and the real
 * {@code /dev/full}, as {@link FailedWriteTest} does for the other commands.
 */
public class DemoOutputFailureTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aReaderThatLeavesAfterTheFirstLineStopsTheDemoWithExitFour() throws Exception {
        Path dir = tmp.getRoot().toPath();
        ToolProcess tool = ToolProcess.start(dir, null, "demo", "out");
        String first;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(tool.process().getInputStream(),
                StandardCharsets.UTF_8))) {
            first = out.readLine();
        } // as 'head -1' does: one line, then the read end is closed
        assertThat(first, containsString("The demo's files go to"));
        int exit = tool.exit();
        String err = tool.err();
        assertThat(err, exit, is(ExitCode.OUTPUT));
        assertThat(err, containsString("error: cannot write to standard output: Broken pipe"));
        assertThat("one clear line, no stack trace: " + err, err, not(containsString("\tat ")));
        assertThat("stopped at once: it did not go on to write the report",
                Files.exists(dir.resolve("out/audit-report.html")), is(false));
    }

    @Test
    public void aFullDeviceStopsTheDemoWithExitFour() throws Exception {
        Path dir = tmp.getRoot().toPath();
        ToolProcess tool = ToolProcess.start(dir, new File("/dev/full"), "demo", "out");
        int exit = tool.exit();
        String err = tool.err();
        assertThat(err, exit, is(ExitCode.OUTPUT));
        assertThat(err, containsString("error: cannot write to standard output: No space left on device"));
        assertThat(Files.exists(dir.resolve("out/audit-report.html")), is(false));
    }
}
