package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Control characters from arguments, file names and file contents are escaped wherever a message echoes them
 * (issue 17): an ESC, CR or LF given to the tool never reaches the terminal raw.
 */
public class EchoedInputTest {
    /** Clears the screen, returns to the line's start, and forges a line of its own. */
    private static final String HOSTILE = "x\u001b[2J\r\nerror: forged";
    private static final String ESCAPED = "x\\u001b[2J\\u000d\\u000aerror: forged";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
    }

    private static void assertEscaped(String context, String text) {
        assertThat(context + ": " + text, text, containsString(ESCAPED));
        assertThat(context, text.contains("\u001b") || text.contains("\r"), is(false));
        assertThat(context + ": no forged line", text, not(containsString("\nerror: forged")));
    }

    @Test
    public void aRealArgumentHoldingEscCrLfIsEscapedByTheRealTool() throws Exception {
        ToolProcess tool = ToolProcess.start(dir, tmp.newFile(), "registry", "lint", HOSTILE);
        assertThat(tool.exit(), is(ExitCode.USAGE));
        String err = tool.err();
        assertEscaped("registry lint FILE", err);
        assertThat(err, containsString("cannot read " + ESCAPED));
    }

    @Test
    public void everyMessageThatEchoesAnArgumentEscapesIt() {
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of(HOSTILE));
        runs.add(List.of("registry", HOSTILE));
        runs.add(List.of("registry", "lint", "--" + HOSTILE));
        runs.add(List.of("registry", "show", "--registry", HOSTILE, "--system", "x"));
        runs.add(List.of("registry", "show", "--registry", "critical.yaml", "--system", "x", HOSTILE));
        runs.add(List.of("simulate", "--registry", "critical.yaml", "--system", "checkout-service", "--change",
                HOSTILE));
        runs.add(List.of("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--commit-message", HOSTILE));
        runs.add(List.of("docs", "check", "--registry", "critical.yaml", "--system", "checkout-service",
                "--change", HOSTILE, "https://wiki.example.com/"));
        runs.add(List.of("audit", "verify", HOSTILE));
        runs.add(List.of("audit", "export", HOSTILE, "--format", "json"));
        runs.add(List.of("audit", "pending", HOSTILE));
        runs.add(List.of("audit", "emergencies", HOSTILE));
        runs.add(List.of("audit", HOSTILE));
        runs.add(List.of("attest", HOSTILE));
        for (List<String> args : runs) {
            ToolRun run = ToolRun.in(dir, args.toArray(new String[0]));
            assertThat(args + "\n" + run, run.exit, is(ExitCode.USAGE));
            assertEscaped(args.toString(), run.err);
        }
    }

    @Test
    public void aFileNameAndAValueFromTheFileAreEscapedInLintProblems() throws Exception {
        String name = "bad\u001b]0;title\u0007.yaml";
        Files.writeString(dir.resolve(name), "version: 1\nsystems:\n  - id: \"a\u001b[31mb\"\n    tier: 1\n",
                StandardCharsets.UTF_8);
        ToolRun run = ToolRun.in(dir, "registry", "lint", name);
        assertThat(run.toString(), run.exit, is(ExitCode.FAILED));
        assertThat(run.out, containsString("bad\\u001b]0;title\\u0007.yaml:"));
        assertThat(run.out.contains("\u001b") || run.out.contains("\u0007"), is(false));
    }
}
