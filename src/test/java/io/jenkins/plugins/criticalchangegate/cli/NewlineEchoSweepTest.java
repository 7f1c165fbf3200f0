package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Catches the whole kind of defect, not one message (issue 17, "control characters from arguments and files are
 * escaped everywhere they are echoed"): every argument of every command, one at a time, gets an ESC and a line feed
 * followed by a forged line. Where the argument names a file or folder, a real copy under that hostile name is made
 * first, so the command gets as far as it would with the plain name and its success messages ("wrote FILE",
 * "appended to DIR", "FILE: OK") are checked too, not only its errors. No line the tool prints may then start with
 * the forged text, and no ESC may reach the terminal.
 */
public class NewlineEchoSweepTest {
    private static final String FORGED = "forged: looks like the tool's own line";
    private static final String HOSTILE_TAIL = "\u001b[1m\n" + FORGED;
    private static final String SHA = "ab".repeat(32);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeInputs() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        Files.writeString(dir.resolve("commit.txt"), "Ship checkout 2.3.1\n");
        Files.writeString(dir.resolve("app.jar"), "not really a jar");
        assertThat(ToolRun.in(dir, "attest", "keygen", "keys").exit, is(0));
        assertThat(ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--change", "CHG-1", "--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall",
                "--journal", "audit", "--attest-key", "keys/attestation.key", "--attest-out", "gate.intoto.jsonl",
                "--subject-sha256", "app.jar=" + SHA).exit, is(0));
    }

    /** Every command, with every option it takes, as a user would write it. */
    private static List<List<String>> commands() {
        List<String> filters = List.of("--system", "checkout-service", "--job", "retail/checkout/deploy", "--user",
                "erin", "--change", "CHG-1", "--type", "DECIDED", "--gate", "retail/checkout/deploy#1", "--outcome",
                "APPROVED", "--since", "2020-01-01", "--until", "2100-01-01");
        List<String> export = new ArrayList<>(List.of("audit", "export", "audit", "--format", "csv"));
        export.addAll(filters);
        List<String> report = new ArrayList<>(List.of("audit", "report", "audit", "--html", "report.html"));
        report.addAll(filters);
        return List.of(
                List.of("registry", "lint", "--max-approval-timeout", "30d", "critical.yaml"),
                List.of("registry", "show", "--registry", "critical.yaml", "--system", "checkout-service", "--job",
                        "retail/checkout/deploy", "--at", "2026-03-10T10:00:00Z", "--commit-message", "commit.txt"),
                List.of("registry", "show", "--registry", "critical.yaml", "--system", "unknown-thing"),
                List.of("simulate", "--registry", "critical.yaml", "--system", "checkout-service", "--job",
                        "retail/checkout/deploy", "--change", "CHG-2", "--started-by", "carol", "--commit-message",
                        "commit.txt", "--approve", "erin:checkout-leads", "--reject", "frank:sre-oncall=no",
                        "--journal", "more-audit", "--notify-out", "notify.json", "--at", "2026-03-10T10:00:00Z"),
                List.of("simulate", "--registry", "critical.yaml", "--system", "checkout-service", "--approve",
                        "erin:checkout-leads", "--approve", "frank:sre-oncall", "--attest-key",
                        "keys/attestation.key", "--attest-out", "second.intoto.jsonl", "--subject-sha256",
                        "app.jar=" + SHA, "--emergency", "--incident", "INC-1"),
                List.of("simulate", "--registry", "critical.yaml", "--system", "payments", "--credentials-for",
                        "payments", "--approve", "paula:payments-leads"),
                List.of("docs", "check", "--registry", "critical.yaml", "--system", "reporting", "--change",
                        "CHG-1", "--auth-env", "WIKI_AUTH", "--connect-timeout", "1", "--read-timeout", "1",
                        "https://wiki.example.com/CHG-1"),
                List.of("audit", "verify", "audit", "--expect-head", "1:" + SHA),
                export,
                List.of("audit", "emergencies", "audit", "--overdue", "--at", "2026-03-10T10:00:00Z"),
                List.of("audit", "pending", "audit", "--registry", "critical.yaml", "--user", "erin", "--groups",
                        "checkout-leads"),
                report,
                List.of("attest", "verify", "gate.intoto.jsonl", "--public-key", "keys/attestation.pub",
                        "--subject-file", "app.jar", "--system", "checkout-service", "--max-age", "24h"),
                List.of("attest", "keygen", "other-keys"),
                List.of("demo", "demo-dir"));
    }

    @Test
    public void noArgumentOfAnyCommandCanForgeALineOrReachTheTerminalRaw() throws Exception {
        List<String> forged = new ArrayList<>();
        int runs = 0;
        for (List<String> command : commands()) {
            for (int i = 0; i < command.size(); i++) {
                List<String> args = new ArrayList<>(command);
                String hostile = args.get(i) + HOSTILE_TAIL;
                copyIfAFileOrFolder(args.get(i), hostile);
                args.set(i, hostile);
                ToolRun run = ToolRun.in(dir, Map.of("WIKI_AUTH", "Bearer x"),
                        args.toArray(new String[0]));
                runs++;
                String both = run.out + "\n" + run.err;
                boolean lineForged = both.lines().anyMatch(line -> line.startsWith(FORGED)
                        || line.startsWith("\"" + FORGED));
                if (lineForged || both.indexOf('\u001b') >= 0) {
                    forged.add("argument " + i + " of " + command + (lineForged ? " forged a line" : " left an ESC")
                            + ":\n" + run);
                }
            }
        }
        assertThat(runs, greaterThan(100));
        assertThat(String.join("\n\n", forged), forged, is(empty()));
    }

    /** A real file or folder under the hostile name, so the command gets as far as with the plain one. */
    private void copyIfAFileOrFolder(String given, String hostile) throws IOException {
        Path original = dir.resolve(given);
        if (given.isEmpty() || given.startsWith("-") || !Files.exists(original)) {
            return;
        }
        Path copy = dir.resolve(hostile);
        if (Files.exists(copy)) {
            return; // made for an earlier command
        }
        if (Files.isRegularFile(original)) {
            Files.copy(original, copy);
            return;
        }
        try (Stream<Path> tree = Files.walk(original)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Path target = copy.resolve(original.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
