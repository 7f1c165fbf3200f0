package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

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

/** {@code simulate --credentials-for SYSTEM}: the contract's {@code credentials} object; the exit code stays the gate's. */
public class CredentialsForToolTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY.replace(
                "    jobs: [\"retail/checkout/**\"]\n", "    jobs: [\"retail/checkout/**\"]\n"
                        + "    credentialsReleaseWindow: 15m\n"));
    }

    private ToolRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml"));
        all.addAll(List.of(args));
        return ToolRun.in(dir, all.toArray(new String[0]));
    }

    private static JsonNode credentials(ToolRun run) throws Exception {
        return new ObjectMapper().readTree(run.out).get("credentials");
    }

    private static final String AT = "2026-12-01T10:00:00Z";

    @Test
    public void anApprovedGateReleasesItsSystemsCredentials() throws Exception {
        ToolRun run = run("--system", "checkout-service", "--at", AT, "--approve", "erin:checkout-leads",
                "--approve", "frank:sre-oncall", "--credentials-for", "checkout-service");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode c = credentials(run);
        assertThat(c.get("system").asText(), is("checkout-service"));
        assertThat(c.get("released").asBoolean(), is(true));
        assertThat(c.get("reason").asText(), containsString("approved criticalChangeGate simulated for"
                + " checkout-service"));
    }

    @Test
    public void anotherSystemsCredentialsStayLocked() throws Exception {
        ToolRun run = run("--system", "checkout-service", "--at", AT, "--approve", "erin:checkout-leads",
                "--approve", "frank:sre-oncall", "--credentials-for", "payments");
        assertThat(run.exit, is(0)); // the gate's outcome
        JsonNode c = credentials(run);
        assertThat(c.get("system").asText(), is("payments"));
        assertThat(c.get("released").asBoolean(), is(false));
        assertThat(c.get("reason").asText(), containsString("no approved criticalChangeGate for payments in this"
                + " build"));
    }

    @Test
    public void aPendingOrRejectedGateReleasesNothing() throws Exception {
        ToolRun pending = run("--system", "checkout-service", "--at", AT, "--approve", "erin:checkout-leads",
                "--credentials-for", "checkout-service");
        assertThat(pending.exit, is(3));
        assertThat(credentials(pending).get("released").asBoolean(), is(false));
        assertThat(credentials(pending).get("reason").asText(), containsString("gate simulated is PENDING"));
        ToolRun rejected = run("--system", "checkout-service", "--at", AT, "--reject", "erin:checkout-leads=no",
                "--credentials-for", "checkout-service");
        assertThat(rejected.exit, is(1));
        assertThat(credentials(rejected).get("released").asBoolean(), is(false));
        assertThat(credentials(rejected).get("reason").asText(), containsString("gate simulated is REJECTED"));
    }

    @Test
    public void theWindowEndsFifteenMinutesAfterTheApproval() throws Exception {
        String[] approved = {"--system", "checkout-service", "--at", AT, "--approve",
            "erin:checkout-leads@2026-12-01T10:05:00Z", "--approve", "frank:sre-oncall@2026-12-01T10:10:00Z",
            "--credentials-for", "checkout-service", "--until"};
        ToolRun atTheEnd = run(concat(approved, "2026-12-01T10:25:00Z"));
        assertThat(atTheEnd.toString(), atTheEnd.exit, is(0));
        assertThat(credentials(atTheEnd).get("released").asBoolean(), is(true));
        ToolRun after = run(concat(approved, "2026-12-01T10:25:00.001Z"));
        assertThat(after.exit, is(0));
        assertThat(credentials(after).get("released").asBoolean(), is(false));
        assertThat(credentials(after).get("reason").asText(), containsString("credentialsReleaseWindow of PT15M"
                + " ended at 2026-12-01T10:25:00Z"));
    }

    @Test
    public void withoutTheFlagThereIsNoCredentialsObject() throws Exception {
        ToolRun run = run("--system", "checkout-service", "--approve", "erin:checkout-leads", "--approve",
                "frank:sre-oncall");
        assertThat(new ObjectMapper().readTree(run.out).has("credentials"), is(false));
    }

    private static String[] concat(String[] args, String last) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(last);
        return all.toArray(new String[0]);
    }
}
