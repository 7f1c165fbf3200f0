package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A failed write is a failure (issue 17): standard output on a full device ({@code > /dev/full}) or into a pipe
 * whose reader has gone ({@code | head -c 10}) gives a clear message on standard error and exit 4, for every
 * command that prints; a closed pipe stops the work at once. Real processes, real descriptors: no mock stream.
 */
public class FailedWriteTest {
    private static final File DEV_FULL = new File("/dev/full");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeInputs() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        int exit = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--change", "CHG-1", "--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall",
                "--journal", "audit").exit;
        assertThat(exit, is(0));
    }

    /** Every command that prints on standard output, with arguments that make it print. */
    private static final List<List<String>> PRINTING = List.of(
            List.of("--help"),
            List.of("--version"),
            List.of("registry", "--help"),
            List.of("registry", "lint", "critical.yaml"),
            List.of("registry", "show", "--registry", "critical.yaml", "--system", "checkout-service"),
            List.of("simulate", "--registry", "critical.yaml", "--system", "reporting"),
            List.of("docs", "--help"),
            List.of("audit", "verify", "audit"),
            List.of("audit", "export", "audit", "--format", "json"),
            List.of("audit", "export", "audit", "--format", "csv"),
            List.of("audit", "emergencies", "audit"),
            List.of("audit", "pending", "audit"),
            List.of("attest", "keygen", "keys"));

    @Test
    public void everyCommandFailsOnAFullDevice() throws Exception {
        for (List<String> args : PRINTING) {
            ToolProcess tool = ToolProcess.start(dir, DEV_FULL, args.toArray(new String[0]));
            int exit = tool.exit();
            String err = tool.err();
            assertThat(args + ": " + err, exit, is(ExitCode.OUTPUT));
            assertThat(args.toString(), err, containsString("error: cannot write to standard output:"));
            assertThat(args.toString(), err, containsString("No space left on device"));
            assertThat(args.toString(), err, containsString("the output is incomplete"));
            assertThat("one clear line, no stack trace: " + err, err, not(containsString("\tat ")));
        }
    }

    @Test
    public void theSameOutputToAFileSucceeds() throws Exception {
        // the other half of the test above: the commands themselves succeed, only the device refused
        for (List<String> args : PRINTING) {
            if (args.contains("keygen")) {
                continue; // it writes its keys once
            }
            File out = tmp.newFile();
            ToolProcess tool = ToolProcess.start(dir, out, args.toArray(new String[0]));
            assertThat(args + ": " + tool.err(), tool.exit(), is(ExitCode.OK));
            assertThat(args.toString(), out.length(), greaterThan(0L));
        }
    }

    @Test
    public void aClosedPipeStopsTheExportAtOnce() throws Exception {
        for (int i = 2; i <= 100; i++) {
            assertThat(ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                    "--change", "CHG-" + i, "--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall",
                    "--reject", "bob=not this one", "--journal", "audit").exit, is(0));
        }
        File whole = tmp.newFile();
        ToolProcess complete = ToolProcess.start(dir, whole, "audit", "export", "audit", "--format", "json");
        assertThat(complete.err(), complete.exit(), is(0));
        assertThat("more than a pipe holds (64 KiB on Linux), so the export must write after the reader left",
                whole.length(), greaterThan(128L * 1024));

        ToolProcess tool = ToolProcess.start(dir, null, "audit", "export", "audit", "--format", "json");
        byte[] first = new byte[10];
        try (InputStream out = tool.process().getInputStream()) {
            int read = 0;
            while (read < first.length) {
                int n = out.read(first, read, first.length - read);
                assertThat("the export printed something", n, greaterThan(0));
                read += n;
            }
        } // as 'head -c 10' does: read, then close the read end
        int exit = tool.exit();
        String err = tool.err();
        assertThat(err, exit, is(ExitCode.OUTPUT));
        assertThat(err, containsString("error: cannot write to standard output: Broken pipe"));
        assertThat(new String(first, StandardCharsets.UTF_8), containsString("["));
    }

    @Test
    public void aStreamThatOnlyKeepsAnErrorFlagStillFails() {
        // Console streams of another origin (PrintStream over a stream that fails) keep the error as a flag only:
        // Main asks checkError() at the end, so the exit code says it all the same
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(failing, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir);
        assertThat(Main.run(List.of("--version"), console), is(ExitCode.OUTPUT));
        assertThat(err.toString(StandardCharsets.UTF_8), containsString("cannot write to standard output"));
    }

    @Test
    public void inProcessTheToolsOwnStreamStopsAtTheFirstFailedWrite() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (FileOutputStream full = new FileOutputStream(DEV_FULL)) {
            Console console = new Console(FailingOutput.over(full, "standard output"),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir);
            assertThat(Main.run(List.of("audit", "export", "audit", "--format", "csv"), console),
                    is(ExitCode.OUTPUT));
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text, containsString("error: cannot write to standard output: No space left on device"));
        assertThat("said once, by Main, not also as a failed export", text, not(containsString("export stopped")));
    }
}
