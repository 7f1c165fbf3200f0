package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegistryCommandTest {
    static final String REGISTRY = String.join("\n",
            "version: 1",
            "unknownSystems: allow",
            "defaults:",
            "  documentation:",
            "    allowedHosts: [wiki.example.com]",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall, \"user:alice\"]",
            "    jobs: [\"retail/checkout/**\"]",
            "  - id: payments",
            "    name: Payments",
            "    tier: 2",
            "    owners: [team-payments]",
            "    approvers: [payments-leads, sre-oncall]",
            "    requiredApprovals: 1",
            "");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    @Before
    public void writeRegistries() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), REGISTRY);
        Files.writeString(dir.resolve("broken.yaml"), REGISTRY.replace("tier: 1", "tier: first")
                .replace("owners: [team-payments]", "ownres: [team-payments]"));
    }

    private ToolRun run(String... args) {
        return ToolRun.in(dir, args);
    }

    @Test
    public void lintSaysOkWithTheNumberOfSystems() {
        ToolRun run = run("registry", "lint", "critical.yaml");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(run.out, is("critical.yaml: OK, 2 systems\n"));
    }

    @Test
    public void lintPrintsOneLinePerProblemAndExitsOne() {
        ToolRun run = run("registry", "lint", "critical.yaml", "broken.yaml");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.out, is("critical.yaml: OK, 2 systems\n"
                + "broken.yaml:9:11: 'tier' must be a whole number, not 'first'\n"
                + "broken.yaml:13:5: missing required key 'owners' (the owning teams, e.g. [team-checkout])\n"
                + "broken.yaml:16:5: unknown key 'ownres' in a system; did you mean 'owners'?\n"));
    }

    @Test
    public void lintOfAnUnreadableFileExitsTwoWithoutTheUsageText() {
        ToolRun run = run("registry", "lint", "critical.yaml", "missing.yaml");
        assertThat(run.toString(), run.exit, is(2));
        assertThat(run.out, is("critical.yaml: OK, 2 systems\n"));
        assertThat(run.err, containsString("error: cannot read missing.yaml: no such file\n"));
        assertThat("the arguments were right: no usage text (issue 17)", run.err, not(containsString("usage:")));
        assertThat(run("registry", "lint", ".").exit, is(2));
    }

    @Test
    public void lintRefusesNonUtf8Files() throws Exception {
        Files.write(dir.resolve("latin1.yaml"), REGISTRY.replace("Checkout", "Caf\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1));
        ToolRun run = run("registry", "lint", "latin1.yaml");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.out, startsWith("latin1.yaml:8:14: the file is not valid UTF-8: byte 0xE9"));
    }

    @Test
    public void lintWithoutFilesIsAUsageError() {
        ToolRun run = run("registry", "lint");
        assertThat(run.exit, is(2));
        assertThat(run.err, containsString("registry lint needs at least one FILE"));
        assertThat(run("registry").exit, is(2));
        assertThat(run("registry", "frobnicate").exit, is(2));
        assertThat(run("registry", "lint", "--frobnicate", "critical.yaml").exit, is(2));
    }

    @Test
    public void showPrintsTheResolvedPolicyAsOneJsonObject() throws Exception {
        ToolRun run = run("registry", "show", "--registry", "critical.yaml", "--system", " Checkout-Service");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("system").asText(), is("checkout-service"));
        assertThat(json.get("critical").asBoolean(), is(true));
        assertThat(json.get("resolution").asText(), is("CRITICAL"));
        assertThat(json.get("requiredApprovals").asInt(), is(2));
        assertThat(json.get("approvers").toString(), is("[\"checkout-leads\",\"sre-oncall\",\"user:alice\"]"));
        assertThat(json.get("approvalTimeout").asText(), is("24h"));
        assertThat(json.get("excludeCommitAuthors").asBoolean(), is(true));
        assertThat(json.get("documentation").toString(), is("{\"allowedHosts\":[\"wiki.example.com\"],"
                + "\"requireChangeId\":true,\"allowHttp\":false,\"requiredSections\":[]}"));
        assertThat(json.get("jobs").toString(), is("[\"retail/checkout/**\"]"));
    }

    @Test
    public void showOfASystemThatIsNotCriticalSaysSo() throws Exception {
        ToolRun run = run("registry", "show", "--registry", "critical.yaml", "--system", "inventory");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("critical").asBoolean(), is(false));
        assertThat(json.get("resolution").asText(), is("NOT_CRITICAL"));
        assertThat(json.get("requiredApprovals").asInt(), is(0));
        assertThat(json.get("approvers").size(), is(0));
        assertThat(json.get("documentation").isNull(), is(true));
    }

    @Test
    public void aDeniedLookupExitsOneWithTheReason() throws Exception {
        ToolRun run = run("registry", "show", "--registry=critical.yaml", "--system", "payments", "--job",
                "retail/checkout/deploy");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.err, is("denied: job 'retail/checkout/deploy' is bound to system 'checkout-service' in the"
                + " critical-systems registry, but the pipeline names 'payments': name the bound system, or change"
                + " the job's binding in the registry\n"));
        assertThat(new ObjectMapper().readTree(run.out).get("resolution").asText(), is("DENIED"));

        ToolRun typo = run("registry", "show", "--registry", "critical.yaml", "--system", "paymnets");
        assertThat(typo.exit, is(1));
        assertThat(typo.err, containsString("did you mean 'payments'?"));
    }

    @Test
    public void showWithAnInvalidRegistryPrintsItsProblemsAndExitsOne() {
        ToolRun run = run("registry", "show", "--registry", "broken.yaml", "--system", "payments");
        assertThat(run.exit, is(1));
        assertThat(run.err, startsWith("broken.yaml:9:11: 'tier' must be a whole number, not 'first'\n"));
    }

    @Test
    public void showWithBadArgumentsOrAnUnreadableFileExitsTwo() {
        assertThat(run("registry", "show", "--registry", "critical.yaml").exit, is(2));
        assertThat(run("registry", "show", "--system", "x").exit, is(2));
        assertThat(run("registry", "show", "--registry", "critical.yaml", "--system", "x", "extra").exit, is(2));
        assertThat(run("registry", "show", "--registry", "critical.yaml", "--system", "x", "--system", "y").exit,
                is(2));
        ToolRun missing = run("registry", "show", "--registry", "nope.yaml", "--system", "x");
        assertThat(missing.exit, is(2));
        assertThat(missing.err, startsWith("error: cannot read nope.yaml: no such file"));
    }

    @Test
    public void helpExplainsBothSubcommands() {
        ToolRun run = run("registry", "--help");
        assertThat(run.exit, is(0));
        assertThat(run.out, startsWith(RegistryCommand.USAGE));
        assertThat(run.out, containsString("FILE:LINE:COLUMN: message"));
        assertThat(run("registry", "show", "--help").exit, is(0));
        assertThat(run("--help").out, containsString("registry  lint registry files"));
    }
}
