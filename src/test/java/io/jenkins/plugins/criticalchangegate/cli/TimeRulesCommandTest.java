package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code registry show --at} and {@code simulate --at/--until} with the time rules of the documented 90-day reset
 * example (docs/examples/safety-reset-90-days.yaml): real tool runs, JSON read back.
 */
public class TimeRulesCommandTest {
    static final String EXAMPLE = "docs/examples/safety-reset-90-days.yaml";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    @Before
    public void copyTheExample() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.copy(repositoryRoot().resolve(EXAMPLE), dir.resolve("reset.yaml"));
    }

    /** The repository root (the Central build runs tests from central/plugin). */
    static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve(EXAMPLE))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no " + EXAMPLE + " above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    private ToolRun show(String system, String... more) {
        List<String> args = new ArrayList<>(List.of("registry", "show", "--registry", "reset.yaml", "--system",
                system));
        args.addAll(List.of(more));
        return ToolRun.in(dir, args.toArray(new String[0]));
    }

    private ToolRun simulate(String system, String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "--registry", "reset.yaml", "--system", system));
        args.addAll(List.of(more));
        return ToolRun.in(dir, args.toArray(new String[0]));
    }

    private static JsonNode json(ToolRun run) throws Exception {
        return new ObjectMapper().readTree(run.out);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> events(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("events").forEach(e -> out.add(e.get("type").asText() + "@" + e.get("at").asText()));
        return out;
    }

    @Test
    public void theDocumentedNinetyDayResetExampleLints() {
        ToolRun run = ToolRun.in(repositoryRoot(), "registry", "lint", EXAMPLE);
        assertThat(run.toString(), run.exit, is(0));
        assertThat(run.out.strip(), is(EXAMPLE + ": OK, 3 systems"));
    }

    @Test
    public void docsRegistryMdShowsTheExampleAsItIs() throws Exception {
        String docs = Files.readString(repositoryRoot().resolve("docs/registry.md"));
        String example = Files.readString(repositoryRoot().resolve(EXAMPLE));
        assertThat(docs.contains("```yaml\n" + example + "```\n"), is(true));
    }

    @Test
    public void showAtAnInstantPrintsTheRequirementThenAndTheRulesThatShapedIt() throws Exception {
        ToolRun during = show("checkout-service", "--at", "2026-04-15T10:00:00+02:00");
        assertThat(during.toString(), during.exit, is(0));
        JsonNode json = json(during);
        assertThat(json.get("at").asText(), is("2026-04-15T08:00:00Z"));
        assertThat(json.get("requiredApprovals").asInt(), is(2));
        assertThat(json.get("approvalRules").get(0).get("group").asText(), is("sre-oncall"));
        assertThat(json.get("documentation").get("requiredSections").get(0).asText(), is("Rollback plan"));
        assertThat(names(json.get("applied")), contains("aiAssisted", "overlays", "freeze"));
        assertThat(json.get("applied").get("overlays").get(0).asText(), is("safety-reset-90-days"));
        assertThat(json.get("applied").get("freeze").isNull(), is(true));

        JsonNode before = json(show("checkout-service", "--at", "2026-03-01T22:59:59Z"));
        assertThat(before.get("requiredApprovals").asInt(), is(1));
        assertThat(before.get("applied").get("overlays").size(), is(0));

        JsonNode asWritten = json(show("checkout-service"));
        assertThat("without --at, the policy as written", asWritten.get("requiredApprovals").asInt(), is(1));
        assertThat("without --at, no time rules in applied", names(asWritten.get("applied")), contains("aiAssisted"));
    }

    @Test
    public void showAtAnInstantNamesTheFreezeOrTheClosedWindowInForce() throws Exception {
        JsonNode quarterEnd = json(show("payments-ledger", "--at", "2026-03-31T10:00:00+02:00"))
                .get("applied").get("freeze");
        assertThat(quarterEnd.get("name").asText(), is("quarter-end-close"));
        assertThat(quarterEnd.get("mode").asText(), is("hold"));
        assertThat(quarterEnd.get("end").asText(), is("2026-04-01T10:00:00Z"));
        assertThat(quarterEnd.get("heldUntil").asText(), is("2026-04-01T10:00:00Z"));

        JsonNode saturday = json(show("checkout-service", "--at", "2026-04-18T10:00:00Z")).get("applied")
                .get("freeze");
        assertThat(saturday.get("name").asText(), is("outside-windows"));
        assertThat(saturday.get("mode").asText(), is("hold"));
        assertThat(saturday.get("heldUntil").asText(), is("2026-04-20T07:00:00Z"));
        assertThat(saturday.get("reason").asText(), is("outside its deployment windows"));

        JsonNode easter = json(show("checkout-service", "--at", "2026-04-05T12:00:00+02:00")).get("applied")
                .get("freeze");
        assertThat(easter.get("name").asText(), is("easter-2026"));
        assertThat(easter.get("mode").asText(), is("deny"));

        ToolRun unknown = show("intranet-wiki", "--at", "2026-04-05T12:00:00+02:00");
        assertThat(unknown.exit, is(1));
        assertThat(names(json(unknown).get("applied")), contains("aiAssisted", "overlays", "freeze"));
    }

    @Test
    public void aGateHeldByAFreezeIsHeldAndExitsThree() throws Exception {
        ToolRun run = simulate("payments-ledger", "--at", "2026-03-31T10:00:00+02:00", "--started-by", "carol",
                "--approve", "erin:security-officers", "--approve", "frank:sre-oncall");
        assertThat(run.toString(), run.exit, is(3));
        JsonNode json = json(run);
        assertThat(json.get("outcome").asText(), is("HELD"));
        assertThat(json.get("heldUntil").asText(), is("2026-04-01T10:00:00Z"));
        assertThat(json.get("approvalsStillNeeded").asInt(), is(0));
        assertThat(json.get("applied").get("overlays").get(0).asText(), is("safety-reset-90-days"));
        assertThat(json.get("applied").get("freeze").get("name").asText(), is("quarter-end-close"));
        assertThat(events(json), contains("REQUESTED@2026-03-31T08:00:00Z", "HELD@2026-03-31T08:00:00Z",
                "APPROVAL_ACCEPTED@2026-03-31T08:00:00Z", "APPROVAL_ACCEPTED@2026-03-31T08:00:00Z"));
    }

    @Test
    public void timePassingUntilAfterTheFreezeApprovesTheHeldGateAtItsEnd() throws Exception {
        ToolRun run = simulate("payments-ledger", "--at", "2026-03-31T10:00:00+02:00", "--approve",
                "erin:security-officers", "--approve", "frank:sre-oncall", "--until", "2026-04-02T00:00:00Z");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = json(run);
        assertThat(json.get("outcome").asText(), is("APPROVED"));
        assertThat(json.get("decision").get("at").asText(), is("2026-04-01T10:00:00Z"));
        assertThat(json.has("heldUntil"), is(false));
    }

    @Test
    public void aGateDeniedByAFreezeIsDeniedWithTheFreezesNameAndExitsOne() throws Exception {
        ToolRun run = simulate("checkout-service", "--at", "2026-04-03T10:00:00+02:00", "--approve",
                "frank:sre-oncall");
        assertThat(run.toString(), run.exit, is(1));
        JsonNode json = json(run);
        assertThat(json.get("outcome").asText(), is("DENIED"));
        assertThat(json.get("critical").asBoolean(), is(true));
        assertThat(json.get("message").asText(), containsString("freeze 'easter-2026' (mode deny)"));
        assertThat(json.get("applied").get("freeze").get("name").asText(), is("easter-2026"));
        assertThat(events(json), contains("DENIED@2026-04-03T08:00:00Z"));
        assertThat(run.err, containsString("denied: system 'checkout-service' is in freeze 'easter-2026'"));
    }

    @Test
    public void anApprovalMayNameItsOwnTime() throws Exception {
        ToolRun run = simulate("payments-ledger", "--at", "2026-03-31T10:00:00+02:00", "--approve",
                "erin:security-officers", "--approve", "frank:sre-oncall@2026-04-01T12:30:00+02:00");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(events(json(run)), contains("REQUESTED@2026-03-31T08:00:00Z", "HELD@2026-03-31T08:00:00Z",
                "APPROVAL_ACCEPTED@2026-03-31T08:00:00Z", "RELEASED@2026-04-01T10:00:00Z",
                "APPROVAL_ACCEPTED@2026-04-01T10:30:00Z", "APPROVED@2026-04-01T10:30:00Z"));

        ToolRun rejected = simulate("payments-ledger", "--at", "2026-03-31T10:00:00+02:00", "--reject",
                "frank:sre-oncall@2026-03-31T11:00:00Z=quarter end");
        assertThat(rejected.exit, is(1));
        assertThat(json(rejected).get("decision").get("at").asText(), is("2026-03-31T11:00:00Z"));
    }

    @Test
    public void aUserIdWithAnAtSignIsNotATime() throws Exception {
        ToolRun run = simulate("checkout-service", "--at", "2026-04-15T10:00:00+02:00", "--approve",
                "alice@example.com:checkout-leads", "--approve", "bob@example.com:sre-oncall@2026-04-15T08:30:00Z");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode approvals = json(run).get("approvals");
        assertThat(approvals.get(0).get("user").asText(), is("alice@example.com"));
        assertThat(approvals.get(1).get("user").asText(), is("bob@example.com"));
        assertThat(approvals.get(1).get("at").asText(), is("2026-04-15T08:30:00Z"));
    }

    @Test
    public void outsideItsWindowsAGateIsHeldUntilTheNextOne() throws Exception {
        ToolRun run = simulate("checkout-service", "--at", "2026-04-17T15:00:00+02:00", "--approve",
                "erin:checkout-leads", "--approve", "frank:sre-oncall");
        assertThat(run.toString(), run.exit, is(3));
        JsonNode json = json(run);
        assertThat(json.get("outcome").asText(), is("HELD"));
        assertThat(json.get("heldUntil").asText(), is("2026-04-20T07:00:00Z")); // Monday 09:00 CEST
        assertThat(json.get("applied").get("freeze").get("name").asText(), is("outside-windows"));
    }

    @Test
    public void badInstantsAreUsageErrors() {
        ToolRun noOffset = simulate("checkout-service", "--at", "2026-04-15T10:00");
        assertThat(noOffset.exit, is(2));
        assertThat(noOffset.err, containsString("--at needs an ISO-8601 instant with an offset or Z, e.g."
                + " 2026-03-02T09:00:00+01:00 or 2026-03-02T08:00:00Z; got '2026-04-15T10:00'"));
        ToolRun backwards = simulate("checkout-service", "--at", "2026-04-15T10:00:00Z", "--approve",
                "erin:checkout-leads@2026-04-15T09:00:00Z");
        assertThat(backwards.exit, is(2));
        assertThat(backwards.err, containsString("time only moves forward"));
        assertThat(simulate("checkout-service", "--until", "soon").exit, is(2));
        assertThat(show("checkout-service", "--at", "tomorrow").exit, is(2));
    }

    @Test
    public void aHeldGateIsJournaledAndTheJournalVerifies() throws Exception {
        ToolRun run = simulate("payments-ledger", "--at", "2026-03-31T10:00:00+02:00", "--started-by", "carol",
                "--approve", "erin:security-officers", "--approve", "frank:sre-oncall", "--until",
                "2026-04-02T00:00:00Z", "--journal", "audit");
        assertThat(run.toString(), run.exit, is(0));
        List<JournalRecord> records = new ArrayList<>();
        JournalQuery.builder().build().forEach(dir.resolve("audit"), (r, line) -> records.add(r));
        List<String> types = new ArrayList<>();
        records.forEach(r -> types.add(r.type().name()));
        assertThat(types, contains("JOURNAL_CREATED", "GATE_REQUESTED", "HELD", "APPROVAL_ACCEPTED",
                "APPROVAL_ACCEPTED", "DECIDED"));
        assertThat(records.get(1).fields().get("overlays"), equalTo(List.of("safety-reset-90-days")));
        assertThat(records.get(2).text("reason"), containsString("freeze 'quarter-end-close'"));
        assertThat(records.get(5).text("outcome"), is("APPROVED"));
        assertThat(JournalVerifier.verify(dir.resolve("audit"), null).intact(), is(true));
    }
}
