package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code registry show} and {@code simulate} with {@code --commit-message FILE} and {@code --ai-assisted}: the
 * requirement that applies to such a change, and {@code applied.aiAssisted} saying why.
 */
public class AiAssistedToolTest {
    static final String REGISTRY = RegistryCommandTest.REGISTRY.replace(
            "    jobs: [\"retail/checkout/**\"]\n",
            "    jobs: [\"retail/checkout/**\"]\n"
                    + "    aiAssisted:\n"
                    + "      require:\n"
                    + "        requiredApprovals: 3\n"
                    + "        approvers: [checkout-leads, sre-oncall]\n");
    private static final String BY_COPILOT = "commit 9f2c1e7d\nSpeed up the basket\n\nMemoizes prices.\n\n"
            + "Co-authored-by: GitHub Copilot <copilot@github.com>\nSigned-off-by: Dave <dave@example.com>\n";
    private static final String HUMAN = "Fix a typo\n\nSigned-off-by: Dave <dave@example.com>\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    @Before
    public void writeFiles() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), REGISTRY);
        Files.writeString(dir.resolve("copilot.txt"), BY_COPILOT);
        Files.writeString(dir.resolve("human.txt"), HUMAN);
    }

    private ToolRun run(String... args) {
        return ToolRun.in(dir, args);
    }

    private ToolRun show(String... args) {
        List<String> all = new ArrayList<>(List.of("registry", "show", "--registry", "critical.yaml", "--system",
                "checkout-service"));
        all.addAll(List.of(args));
        return run(all.toArray(new String[0]));
    }

    private ToolRun simulate(String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml", "--system",
                "checkout-service", "--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall"));
        all.addAll(List.of(args));
        return run(all.toArray(new String[0]));
    }

    private static JsonNode json(ToolRun run) throws IOException {
        return new ObjectMapper().readTree(run.out);
    }

    @Test
    public void showPrintsTheRuleAndTheSystemsOwnRequirementWithoutCommits() throws Exception {
        ToolRun run = show();
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = json(run);
        assertThat(json.get("applied").get("aiAssisted").isNull(), is(true));
        assertThat(json.get("requiredApprovals").asInt(), is(2));
        assertThat(json.get("approvers").toString(), is("[\"checkout-leads\",\"sre-oncall\",\"user:alice\"]"));
        JsonNode rule = json.get("aiAssisted");
        assertThat(rule.get("trailers").size(), is(9));
        assertThat(rule.get("trailers").get(1).get("name").asText(), is("Claude"));
        assertThat(rule.get("require").get("requiredApprovals").asInt(), is(3));
        assertThat(rule.get("require").get("approvers").toString(), is("[\"checkout-leads\",\"sre-oncall\"]"));
        assertThat(rule.get("requirement").asText(), is("3 approval(s) from: group checkout-leads, group sre-oncall;"
                + " not the build's starter nor a commit author"));
        assertThat(rule.get("approvalsNeeded").asInt(), is(3));
    }

    @Test
    public void showPrintsTheStricterRequirementForAnAssistedCommitAndWhy() throws Exception {
        ToolRun run = show("--commit-message", "human.txt", "--commit-message", "copilot.txt");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = json(run);
        assertThat(json.get("applied").get("aiAssisted").toString(), is("{\"reason\":\"trailer\",\"declared\":false,"
                + "\"commit\":\"9f2c1e7d\",\"trailer\":\"Co-authored-by: GitHub Copilot <copilot@github.com>\","
                + "\"pattern\":\"GitHub Copilot (built-in)\"}"));
        assertThat(json.get("requiredApprovals").asInt(), is(3));
        assertThat(json.get("approvers").toString(), is("[\"checkout-leads\",\"sre-oncall\"]"));
    }

    @Test
    public void showWithADeclarationOrOnlyHumanCommits() throws Exception {
        JsonNode declared = json(show("--commit-message", "human.txt", "--ai-assisted"));
        assertThat(declared.get("applied").get("aiAssisted").toString(), is("{\"reason\":\"declared\","
                + "\"declared\":true,\"commit\":null,\"trailer\":null,\"pattern\":null}"));
        assertThat(declared.get("requiredApprovals").asInt(), is(3));
        JsonNode human = json(show("--commit-message", "human.txt"));
        assertThat(human.get("applied").get("aiAssisted").isNull(), is(true));
        assertThat(human.get("requiredApprovals").asInt(), is(2));
    }

    @Test
    public void showForASystemWithoutARuleOrNotCritical() throws Exception {
        JsonNode payments = json(run("registry", "show", "--registry", "critical.yaml", "--system", "payments",
                "--commit-message", "copilot.txt", "--ai-assisted"));
        assertThat(payments.get("aiAssisted").isNull(), is(true));
        assertThat(payments.get("applied").get("aiAssisted").isNull(), is(true));
        assertThat(payments.get("requiredApprovals").asInt(), is(1));
        JsonNode unknown = json(run("registry", "show", "--registry", "critical.yaml", "--system", "frontend-x",
                "--ai-assisted"));
        assertThat(unknown.get("critical").asBoolean(), is(false));
        assertThat(unknown.get("aiAssisted").isNull(), is(true));
        assertThat(unknown.get("applied").get("aiAssisted").isNull(), is(true));
    }

    @Test
    public void simulateHoldsAnAssistedChangeToTheStricterRule() throws Exception {
        ToolRun run = simulate("--commit-message", "copilot.txt");
        assertThat(run.toString(), run.exit, is(ExitCode.PENDING));
        JsonNode json = json(run);
        assertThat(json.get("outcome").asText(), is("PENDING"));
        assertThat(json.get("requiredApprovals").asInt(), is(3));
        assertThat(json.get("approvalsStillNeeded").asInt(), is(1));
        assertThat(json.get("applied").get("aiAssisted").get("reason").asText(), is("trailer"));
        assertThat(json.get("applied").get("aiAssisted").get("commit").asText(), is("9f2c1e7d"));
        assertThat(json.get("events").get(0).get("text").asText(), containsString("; the stricter rule for"
                + " AI-assisted changes applies: commit 9f2c1e7d has the trailer 'Co-authored-by: GitHub Copilot"
                + " <copilot@github.com>', which matches GitHub Copilot (built-in)"));
    }

    @Test
    public void simulateKeepsTheSystemsOwnRuleForHumanCommitsAndHonoursADeclaration() throws Exception {
        ToolRun human = simulate("--commit-message", "human.txt");
        assertThat(human.toString(), human.exit, is(0));
        assertThat(json(human).get("applied").get("aiAssisted").isNull(), is(true));
        ToolRun declared = simulate("--commit-message", "human.txt", "--ai-assisted");
        assertThat(declared.exit, is(ExitCode.PENDING));
        assertThat(json(declared).get("applied").get("aiAssisted").get("reason").asText(), is("declared"));
        // the one refused is the user the stricter rule's approvers leave out
        ToolRun alice = simulate("--ai-assisted", "--approve", "alice");
        assertThat(json(alice).get("refused").get(0).get("reason").asText(), is("NOT_AUTHORIZED"));
        ToolRun notCritical = run("simulate", "--registry", "critical.yaml", "--system", "frontend-x",
                "--ai-assisted");
        assertThat(notCritical.exit, is(0));
        assertThat(json(notCritical).get("applied").get("aiAssisted").isNull(), is(true));
    }

    @Test
    public void theJournalsRequestSaysWhy() throws Exception {
        ToolRun run = simulate("--commit-message", "copilot.txt", "--journal", "journal");
        assertThat(run.toString(), run.exit, is(ExitCode.PENDING));
        List<JournalRecord> requested = new ArrayList<>();
        JournalQuery.builder().build().forEach(dir.resolve("journal"), (r, line) -> {
            if (r.type() == AuditEventType.GATE_REQUESTED) {
                requested.add(r);
            }
        });
        assertThat(requested.size(), is(1));
        assertThat(requested.get(0).fields().get("aiAssisted"), is(Map.of("reason", "trailer", "declared", false,
                "commit", "9f2c1e7d", "trailer", "Co-authored-by: GitHub Copilot <copilot@github.com>", "pattern",
                "GitHub Copilot (built-in)")));
    }

    @Test
    public void badCommitMessageArgumentsAreUsageErrors() {
        ToolRun missing = simulate("--commit-message", "nope.txt");
        assertThat(missing.exit, is(ExitCode.USAGE));
        assertThat(missing.err, containsString("cannot read nope.txt: no such file"));
        ToolRun valued = show("--ai-assisted=yes");
        assertThat(valued.exit, is(ExitCode.USAGE));
        assertThat(valued.err, containsString("option --ai-assisted takes no value"));
        ToolRun noValue = show("--commit-message");
        assertThat(noValue.exit, is(ExitCode.USAGE));
    }

    @Test
    public void theDocumentedExampleNeedsASecurityOfficerForAnAiAssistedCheckoutChange() throws Exception {
        Path root = repositoryRoot();
        ToolRun run = ToolRun.in(root, "simulate", "--registry", "docs/examples/critical-systems.yaml", "--system",
                "checkout-service", "--commit-message", "docs/examples/ai-assisted-commit.txt", "--approve",
                "erin:checkout-leads", "--approve", "frank:sre-oncall");
        assertThat(run.toString(), run.exit, is(ExitCode.PENDING));
        JsonNode json = json(run);
        assertThat(json.get("requiredApprovals").asInt(), is(3));
        assertThat(json.get("approvalsStillNeeded").asInt(), is(1));
        assertThat(json.get("applied").get("aiAssisted").get("commit").asText(),
                is("9f2c1e7d4b5a6c3e2f1a0b9c8d7e6f5a4b3c2d1e"));
        assertThat(json.get("applied").get("aiAssisted").get("pattern").asText(), is("Claude (built-in)"));
        ToolRun approved = ToolRun.in(root, "simulate", "--registry", "docs/examples/critical-systems.yaml",
                "--system", "checkout-service", "--commit-message", "docs/examples/ai-assisted-commit.txt",
                "--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall", "--approve",
                "grace:security-officers");
        assertThat(approved.toString(), approved.exit, is(0));
    }

    @Test
    public void whatGitItselfPrintsIsRead() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        assumeTrue("git is not installed", git(repo, "init", "-q") != null);
        git(repo, "-c", "user.name=Dave", "-c", "user.email=dave@example.com", "commit", "-q", "--allow-empty",
                "-m", "Retry payments", "-m", "Retries idempotent calls.",
                "-m", "Co-authored-by: Cursor Agent <cursoragent@cursor.com>\nSigned-off-by: Dave <dave@example.com>");
        String hash = git(repo, "rev-parse", "HEAD").strip();
        Files.writeString(dir.resolve("log.txt"), git(repo, "log", "-1"));
        Files.writeString(dir.resolve("format.txt"), git(repo, "log", "-1", "--format=commit %H%n%B"));
        for (String file : List.of("log.txt", "format.txt")) {
            JsonNode applied = json(show("--commit-message", file)).get("applied").get("aiAssisted");
            assertThat(file, applied.get("commit").asText(), is(hash));
            assertThat(file, applied.get("trailer").asText(), is("Co-authored-by: Cursor Agent"
                    + " <cursoragent@cursor.com>"));
        }
        git(repo, "-c", "user.name=Dave", "-c", "user.email=dave@example.com", "commit", "-q", "--allow-empty",
                "-m", "Second");
        Files.writeString(dir.resolve("two.txt"), git(repo, "log", "-2"));
        ToolRun two = show("--commit-message", "two.txt");
        assertThat(two.exit, is(ExitCode.USAGE));
        assertThat(two.err, containsString("give one commit per --commit-message"));
    }

    /** git's output, or {@code null} when git cannot be run; its global and system configuration are kept out. */
    private String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("HOME", dir.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("docs/examples"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return d;
    }
}
