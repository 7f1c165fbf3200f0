package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code simulate ... --notify-out FILE} writes the exact webhook bodies a gate would send (docs/notifications.md). */
public class SimulateNotifyOutTest {
    private static final String ROOT = "https://jenkins.example.invalid/";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
    }

    private ToolRun simulate(String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml"));
        all.addAll(List.of(args));
        return ToolRun.in(dir, all.toArray(new String[0]));
    }

    private JsonNode payloads(String file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
    }

    private static List<String> members(JsonNode payload) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = payload.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    public void anApprovedGateSendsOpenedThenDecidedWithTheDocumentedMembers() throws Exception {
        ToolRun run = simulate("--system", "checkout-service", "--job", "retail/checkout/deploy", "--change", "CHG-7",
                "--started-by", "carol", "--at", "2026-03-02T09:00:00Z", "--approve",
                "erin:checkout-leads@2026-03-02T09:10:00Z", "--approve", "alice@2026-03-02T09:20:00Z",
                "--notify-out", "payloads.json");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode all = payloads("payloads.json");
        assertThat(all.size(), is(2));

        JsonNode opened = all.get(0);
        // canonical form: members sorted by name, absent values left out (docs/notifications.md)
        assertThat(members(opened), is(List.of("approvals", "approvalsNeeded", "build", "buildUrl", "changeId",
                "deadline", "event", "gateUrl", "job", "requestedAt", "requirement", "schemaVersion", "startedBy",
                "system", "text")));
        assertThat(members(opened), is(new ArrayList<>(new TreeSet<>(members(opened)))));
        assertThat(opened.get("schemaVersion").asInt(), is(1));
        assertThat(opened.get("event").asText(), is("gate.opened"));
        assertThat(opened.get("system").asText(), is("checkout-service"));
        assertThat(opened.get("changeId").asText(), is("CHG-7"));
        assertThat(opened.get("job").asText(), is("retail/checkout/deploy"));
        assertThat(opened.get("build").asLong(), is(0L));
        assertThat(opened.get("buildUrl").asText(), is(ROOT + "job/retail/job/checkout/job/deploy/0/"));
        assertThat(opened.get("gateUrl").asText(),
                is(ROOT + "job/retail/job/checkout/job/deploy/0/critical-change-gate/"));
        assertThat(opened.get("requestedAt").asText(), is("2026-03-02T09:00:00Z"));
        Instant deadline = Instant.parse(opened.get("deadline").asText());
        assertThat(deadline.isAfter(Instant.parse("2026-03-02T09:00:00Z")), is(true));
        assertThat(opened.get("startedBy").asText(), is("carol"));
        assertThat(opened.get("approvalsNeeded").asInt(), is(2));
        assertThat(opened.get("approvals").size(), is(0));
        assertThat(opened.get("requirement").asText().isEmpty(), is(false));
        assertThat(opened.get("text").asText(), is("Approval needed: change CHG-7 to checkout-service"
                + " (retail/checkout/deploy #0), started by carol, needs 2 more approval(s) of 2 by " + deadline
                + ". " + ROOT + "job/retail/job/checkout/job/deploy/0/critical-change-gate/"));

        JsonNode decided = all.get(1);
        assertThat(decided.get("schemaVersion").asInt(), is(1));
        assertThat(decided.get("event").asText(), is("gate.decided"));
        assertThat(decided.get("outcome").asText(), is("APPROVED"));
        assertThat(decided.get("decidedAt").asText(), is("2026-03-02T09:20:00Z"));
        assertThat(decided.get("approvers").toString(), is("[\"erin\",\"alice\"]"));
        assertThat(decided.get("approvals").size(), is(2));
        assertThat(decided.get("approvals").get(0).get("user").asText(), is("erin"));
        assertThat(decided.get("approvals").get(0).get("through").asText(), is("checkout-leads"));
        assertThat(decided.get("approvals").get(0).get("at").asText(), is("2026-03-02T09:10:00Z"));
        assertThat(decided.get("text").asText(), is("Change CHG-7 to checkout-service (retail/checkout/deploy #0)"
                + " was APPROVED, approved by erin, alice. " + ROOT
                + "job/retail/job/checkout/job/deploy/0/critical-change-gate/"));
    }

    @Test
    public void aGateLeftOpenSendsOpenedThenTheReminderAnHourBeforeItsDeadline() throws Exception {
        ToolRun run = simulate("--system", "checkout-service", "--change", "CHG-8", "--at", "2026-03-02T09:00:00Z",
                "--approve", "erin:checkout-leads@2026-03-02T09:05:00Z", "--notify-out", "payloads.json");
        assertThat(run.toString(), run.exit, is(3));
        JsonNode all = payloads("payloads.json");
        assertThat(all.size(), is(2));
        assertThat(all.get(0).get("event").asText(), is("gate.opened"));
        assertThat(all.get(0).get("job").asText(), is("simulate"));
        assertThat(all.get(0).has("startedBy"), is(false));
        JsonNode expiring = all.get(1);
        assertThat(expiring.get("event").asText(), is("gate.expiring"));
        assertThat(expiring.get("schemaVersion").asInt(), is(1));
        assertThat(expiring.get("approvals").size(), is(1));
        Instant deadline = Instant.parse(expiring.get("deadline").asText());
        assertThat(expiring.get("text").asText(), is("Reminder: change CHG-8 to checkout-service (simulate #0)"
                + " expires in " + Duration.ofHours(1).toMinutes() + " min and still needs 1 more approval(s) of 2. "
                + ROOT + "job/simulate/0/critical-change-gate/"));
        assertThat(deadline.isAfter(Instant.parse("2026-03-02T09:00:00Z")), is(true));
    }

    @Test
    public void aSystemThatIsNotCriticalSendsNothing() throws Exception {
        ToolRun run = simulate("--system", "wiki", "--notify-out", "payloads.json");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(payloads("payloads.json").size(), is(0));
    }

    @Test
    public void aFileThatCannotBeWrittenIsAFailureNamingIt() {
        ToolRun run = simulate("--system", "checkout-service", "--notify-out", "no/such/dir/payloads.json");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.err, containsString("--notify-out no/such/dir/payloads.json"));
    }

    @Test
    public void theOptionNeedsAValue() {
        ToolRun run = simulate("--system", "checkout-service", "--notify-out");
        assertThat(run.toString(), run.exit, is(2));
    }
}
