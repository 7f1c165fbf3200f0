package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SimulateCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
    }

    private ToolRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml"));
        all.addAll(List.of(args));
        return ToolRun.in(dir, all.toArray(new String[0]));
    }

    private static JsonNode json(ToolRun run) throws Exception {
        return new ObjectMapper().readTree(run.out);
    }

    private static String pairs(JsonNode array, String a, String b) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(a).asText() + ":" + n.get(b).asText()));
        return String.join(" ", out);
    }

    @Test
    public void twoDistinctAuthorizedApproversApprove() throws Exception {
        ToolRun run = run("--system", "checkout-service", "--started-by", "carol", "--commit-author", "dave",
                "--approve", "carol:checkout-leads", "--approve", "dave:sre-oncall", "--approve",
                "erin:checkout-leads", "--approve", "ERIN:sre-oncall", "--approve", "mallory:developers",
                "--approve", "alice", "--approve", "frank:sre-oncall");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = json(run);
        assertThat(json.get("system").asText(), is("checkout-service"));
        assertThat(json.get("critical").asBoolean(), is(true));
        assertThat(json.get("outcome").asText(), is("APPROVED"));
        assertThat(pairs(json.get("approvals"), "user", "group"), is("erin:checkout-leads alice:user:alice"));
        assertThat(pairs(json.get("refused"), "user", "reason"), is("carol:SELF_APPROVAL dave:COMMIT_AUTHOR"
                + " ERIN:DUPLICATE_APPROVER mallory:NOT_AUTHORIZED frank:GATE_CLOSED"));
        assertThat(json.get("events").get(0).get("type").asText(), is("REQUESTED"));
        assertThat(json.get("decision").get("type").asText(), is("APPROVED"));
    }

    @Test
    public void approvalsAndRejectionsApplyInTheOrderGiven() throws Exception {
        ToolRun rejectedFirst = run("--system", "checkout-service", "--reject", "erin:sre-oncall=no rollback plan",
                "--approve", "frank:sre-oncall", "--approve=gina:checkout-leads");
        assertThat(rejectedFirst.toString(), rejectedFirst.exit, is(1));
        assertThat(json(rejectedFirst).get("outcome").asText(), is("REJECTED"));
        assertThat(json(rejectedFirst).get("decision").get("text").asText(), is("no rollback plan"));
        assertThat(pairs(json(rejectedFirst).get("refused"), "user", "reason"),
                is("frank:GATE_CLOSED gina:GATE_CLOSED"));

        ToolRun approvedFirst = run("--system", "checkout-service", "--approve", "frank:sre-oncall",
                "--approve=gina:checkout-leads", "--reject", "erin:sre-oncall=no rollback plan");
        assertThat(approvedFirst.exit, is(0));
        assertThat(json(approvedFirst).get("outcome").asText(), is("APPROVED"));
    }

    @Test
    public void anUnfinishedGateIsPending() throws Exception {
        ToolRun run = run("--system", "checkout-service", "--approve", "erin:checkout-leads");
        assertThat(run.toString(), run.exit, is(3));
        assertThat(json(run).get("outcome").asText(), is("PENDING"));
        assertThat(json(run).get("approvalsStillNeeded").asInt(), is(1));
    }

    @Test
    public void aSystemThatIsNotCriticalPasses() throws Exception {
        ToolRun run = run("--system", "inventory", "--approve", "erin:checkout-leads");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(json(run).get("outcome").asText(), is("NOT_CRITICAL"));
        assertThat(json(run).get("critical").asBoolean(), is(false));
        assertThat(json(run).get("events").get(0).get("type").asText(), is("PASSED_NOT_CRITICAL"));
    }

    @Test
    public void aDeniedLookupExitsOne() throws Exception {
        ToolRun run = run("--system", "inventory", "--job", "retail/checkout/deploy");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(json(run).get("outcome").asText(), is("DENIED"));
        assertThat(run.err, startsWith("denied: job 'retail/checkout/deploy' is bound to system 'checkout-service'"));
    }

    @Test
    public void distinctGroupsAreEnforced() throws Exception {
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY.replace(
                "    jobs: [\"retail/checkout/**\"]", "    requireDistinctGroups: true"));
        ToolRun run = run("--system", "checkout-service", "--approve", "erin:checkout-leads", "--approve",
                "frank:checkout-leads", "--approve", "gina:checkout-leads,sre-oncall");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(pairs(json(run).get("approvals"), "user", "group"), is("erin:checkout-leads gina:sre-oncall"));
        assertThat(pairs(json(run).get("refused"), "user", "reason"), is("frank:GROUP_ALREADY_USED"));
    }

    @Test
    public void badArgumentsExitTwo() {
        assertThat(run("--system", "checkout-service", "--reject", "erin:sre-oncall").exit, is(2));
        assertThat(run("--system", "checkout-service", "--reject", "erin=").exit, is(2));
        assertThat(run("--system", "checkout-service", "--approve", ":sre-oncall").exit, is(2));
        assertThat(run("--system", "checkout-service", "--approve").exit, is(2));
        assertThat(run("--system", "checkout-service", "--vote", "x").exit, is(2));
        assertThat(run("--approve", "x").exit, is(2));
        assertThat(ToolRun.in(dir, "simulate", "--registry", "missing.yaml", "--system", "x").exit, is(2));
        ToolRun run = run("--system", "checkout-service", "--reject", "erin");
        assertThat(run.err, containsString("--reject needs USER[:GROUP,...]=REASON"));
        assertThat(run.err, containsString("usage:"));
    }

    @Test
    public void aValueThatLooksLikeAnOptionIsNotTakenForOne() throws Exception {
        ToolRun run = run("--system", "checkout-service", "--started-by", "--approve", "--approve",
                "erin:checkout-leads");
        assertThat(run.toString(), run.exit, is(3));
        assertThat(pairs(json(run).get("approvals"), "user", "group"), is("erin:checkout-leads"));
    }

    @Test
    public void helpDescribesTheOptionsAndExitCodes() {
        ToolRun run = ToolRun.in(dir, "simulate", "--help");
        assertThat(run.exit, is(0));
        assertThat(run.out, startsWith(SimulateCommand.USAGE));
        assertThat(run.out, containsString("Exit 0 for APPROVED and NOT_CRITICAL, 3 for PENDING"));
    }
}
