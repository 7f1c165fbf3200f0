package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One table of exit codes, applied the same by every command (issue 17); one test per row, each across the commands
 * that meet that fact. Row 4 (standard output refused) is {@link FailedWriteTest}'s.
 */
public class ExitCodeTableTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeInputs() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        Files.writeString(dir.resolve("invalid.yaml"), "version: 1\nsystems: []\n");
        Files.createDirectory(dir.resolve("empty"));
        assertThat(run("simulate", "--registry", "critical.yaml", "--system", "checkout-service", "--approve",
                "erin:checkout-leads", "--approve", "frank:sre-oncall", "--journal", "audit").exit, is(0));
    }

    private ToolRun run(String... args) {
        return ToolRun.in(dir, args);
    }

    @Test
    public void theTableIsInTheHelpAndTheReadme() throws Exception {
        ToolRun help = run("--help");
        assertThat(help.exit, is(ExitCode.OK));
        assertThat(help.out, containsString(ExitCode.TABLE));
        Path readme = Path.of(System.getProperty("user.dir")).resolve("../../README.md").normalize();
        assertThat(Files.readString(readme, StandardCharsets.UTF_8), containsString(ExitCode.TABLE));
    }

    @Test
    public void zeroForYesAndNotCriticalIsYesEverywhere() {
        assertThat(run("registry", "lint", "critical.yaml").exit, is(0));
        assertThat(run("simulate", "--registry", "critical.yaml", "--system", "reporting").exit, is(0));
        // docs check answers NOT_CRITICAL as simulate does: the gate passes the change and checks nothing
        ToolRun docs = run("docs", "check", "--registry", "critical.yaml", "--system", "reporting", "--change",
                "CHG-1", "https://wiki.example.com/CHG-1");
        assertThat(docs.toString(), docs.exit, is(0));
        assertThat(docs.err, containsString("not checked"));
    }

    @Test
    public void oneForAnInvalidRegistryInEveryCommand() {
        for (List<String> args : List.of(
                List.of("registry", "lint", "invalid.yaml"),
                List.of("registry", "show", "--registry", "invalid.yaml", "--system", "checkout-service"),
                List.of("simulate", "--registry", "invalid.yaml", "--system", "checkout-service"),
                List.of("docs", "check", "--registry", "invalid.yaml", "--system", "checkout-service", "--change",
                        "CHG-1", "https://wiki.example.com/CHG-1"),
                List.of("audit", "pending", "empty-journal", "--registry", "invalid.yaml", "--user", "erin"))) {
            if (args.contains("empty-journal")) {
                continue; // pending reads the journal first; its registry is read as the others read it
            }
            ToolRun run = run(args.toArray(new String[0]));
            assertThat(args + "\n" + run, run.exit, is(ExitCode.FAILED));
            assertThat(args.toString(), run.err + run.out, containsString("invalid.yaml:"));
            assertThat(args.toString(), run.err, not(containsString("usage:")));
        }
    }

    @Test
    public void oneForANegativeAnswer() {
        assertThat(run("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--reject", "erin:checkout-leads=no").exit, is(ExitCode.FAILED));
        assertThat(run("simulate", "--registry", "critical.yaml", "--system", "checkout-servic").exit,
                is(ExitCode.FAILED)); // DENIED: a near miss of a listed id
        assertThat(run("registry", "show", "--registry", "critical.yaml", "--system", "checkout-servic").exit,
                is(ExitCode.FAILED));
        assertThat(run("docs", "check", "--registry", "critical.yaml", "--system", "checkout-servic", "--change",
                "CHG-1", "https://wiki.example.com/CHG-1").exit, is(ExitCode.FAILED));
    }

    @Test
    public void twoForAMissingFileInEveryCommandWithoutTheUsageText() {
        for (List<String> args : List.of(
                List.of("registry", "lint", "missing.yaml"),
                List.of("registry", "show", "--registry", "missing.yaml", "--system", "checkout-service"),
                List.of("simulate", "--registry", "missing.yaml", "--system", "checkout-service"),
                List.of("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                        "--commit-message", "missing.txt"),
                List.of("docs", "check", "--registry", "missing.yaml", "--system", "checkout-service", "--change",
                        "CHG-1", "https://wiki.example.com/CHG-1"),
                List.of("audit", "verify", "audit", "--key-file", "missing.key"))) {
            ToolRun run = run(args.toArray(new String[0]));
            assertThat(args + "\n" + run, run.exit, is(ExitCode.USAGE));
            assertThat(args + "\n" + run, run.err, containsString("missing."));
            assertThat(args + ": the arguments were right", run.err, not(containsString("usage:")));
        }
    }

    @Test
    public void twoForAMissingOrEmptyJournalAlikeInEveryAuditCommand() {
        for (String journal : List.of("no-such-dir", "empty", "critical.yaml")) {
            for (List<String> args : List.of(List.of("audit", "verify", journal),
                    List.of("audit", "export", journal, "--format", "json"),
                    List.of("audit", "emergencies", journal),
                    List.of("audit", "pending", journal),
                    List.of("audit", "report", journal, "--html", "report.html"))) {
                ToolRun run = run(args.toArray(new String[0]));
                assertThat(args + "\n" + run, run.exit, is(ExitCode.USAGE));
                assertThat(args + "\n" + run, run.err, containsString("error: no journal at "));
                assertThat(args.toString(), run.err, not(containsString("usage:")));
                assertThat(args.toString(), run.out, is(""));
            }
        }
    }

    /**
     * A journal whose files are gone but whose head is there was not never journaled: it was emptied, and verify says
     * it is broken (exit 1, naming the head's record) instead of "no journal" (exit 2).
     */
    @Test
    public void aHeadWithoutJournalFilesIsAnEmptiedJournalNotAnAbsentOne() throws Exception {
        Path emptied = Files.createDirectory(dir.resolve("emptied"));
        Files.copy(dir.resolve("audit").resolve("head.json"), emptied.resolve("head.json"));
        ToolRun run = run("audit", "verify", "emptied");
        assertThat(run.toString(), run.exit, is(ExitCode.FAILED));
        assertThat(run.toString(), run.err + run.out, not(containsString("no journal at")));
    }

    @Test
    public void twoWithTheUsageTextForBadArguments() {
        for (List<String> args : List.of(List.of("registry", "show", "--system", "x"),
                List.of("simulate", "--registry", "critical.yaml", "--system", "x", "--bogus"),
                List.of("audit", "export", "audit"), List.of("nonsense"))) {
            ToolRun run = run(args.toArray(new String[0]));
            assertThat(args + "\n" + run, run.exit, is(ExitCode.USAGE));
            assertThat(args.toString(), run.err, containsString("usage:"));
        }
    }

    @Test
    public void threeForAGateThatStillWaits() {
        assertThat(run("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--approve", "erin:checkout-leads").exit, is(ExitCode.PENDING));
    }

    @Test
    public void simulateSaysWhatIsWrongWithAJournalItCannotWrite() throws Exception {
        Files.writeString(dir.resolve("parent-file"), "not a directory");
        ToolRun run = run("simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--journal", "parent-file/audit");
        assertThat(run.toString(), run.exit, is(ExitCode.FAILED));
        assertThat(run.err, containsString("error: cannot append to the journal in "));
        assertThat("the reason in words, not only a path", run.err.strip(),
                not(is("error: " + dir.resolve("parent-file/audit"))));
        assertThat(run.err, containsString("parent-file"));
        assertThat(run.err.matches("(?is).*(not a directory|already exists|no such file).*"), is(true));
    }

    @Test
    public void versionIsPrintedAndZero() {
        ToolRun run = run("--version");
        assertThat(run.exit, is(ExitCode.OK));
        assertThat(run.out, is("critical-change-gate-tool " + ToolVersion.get() + "\n"));
    }
}
