package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code audit pending JOURNAL [--registry FILE --user ID --groups G,...]}, end to end: the journal is written by the
 * tool's own {@code simulate --journal} (the records the gate writes in Jenkins), then read back by the command.
 */
public class AuditPendingToolTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeRegistryAndJournal() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        // open: started by carol, one approval of two (erin through checkout-leads)
        simulate(3, "--job", "retail/checkout/deploy", "--change", "CHG-1", "--started-by", "carol",
                "--approve", "erin:checkout-leads");
        // open: started by frank, no approval yet; dave wrote a commit
        simulate(3, "--job", "retail/checkout/hotfix", "--change", "CHG-2", "--started-by", "frank",
                "--commit-author", "dave");
        // decided: approved by erin and alice, so not pending
        simulate(0, "--job", "retail/checkout/done", "--change", "CHG-3", "--started-by", "carol",
                "--approve", "erin:checkout-leads", "--approve", "alice");
    }

    private void simulate(int expectedExit, String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml", "--system",
                "checkout-service", "--journal", "audit"));
        all.addAll(List.of(args));
        ToolRun run = ToolRun.in(dir, all.toArray(new String[0]));
        assertThat(run.toString(), run.exit, is(expectedExit));
    }

    private ToolRun pending(String... args) {
        List<String> all = new ArrayList<>(List.of("audit", "pending"));
        all.addAll(List.of(args));
        return ToolRun.in(dir, all.toArray(new String[0]));
    }

    private static JsonNode json(ToolRun run) throws Exception {
        return new ObjectMapper().readTree(run.out);
    }

    private static List<String> changes(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("changeId").asText()));
        return out;
    }

    @Test
    public void listsEveryGateRequestedAndNotDecidedWithTheContractMembers() throws Exception {
        ToolRun run = pending("audit");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode gates = json(run);
        assertThat(gates.isArray(), is(true));
        assertThat(changes(gates), is(List.of("CHG-1", "CHG-2")));
        JsonNode first = gates.get(0);
        assertThat(first.get("system").asText(), is("checkout-service"));
        assertThat(first.get("job").asText(), is("retail/checkout/deploy"));
        assertThat(first.get("build").isIntegralNumber(), is(true));
        assertThat(first.get("build").asLong(), is(0L));
        Instant requested = Instant.parse(first.get("requestedAt").asText());
        assertThat(Instant.parse(first.get("deadline").asText()).isAfter(requested), is(true));
        assertThat(first.get("startedBy").asText(), is("carol"));
        assertThat(first.get("approvalsNeeded").asInt(), is(2));
        assertThat(first.get("approvals").size(), is(1));
        assertThat(first.get("approvals").get(0).get("user").asText(), is("erin"));
        assertThat(first.get("approvals").get(0).get("through").asText(), is("checkout-leads"));
        assertThat(gates.get(1).get("approvals").size(), is(0));
        assertThat(run.err, is(""));
    }

    @Test
    public void withAUserListsOnlyTheGatesThatUserMayApproveNow() throws Exception {
        // a second lead may approve both: CHG-1 still needs one, CHG-2 two
        ToolRun lead = pending("audit", "--registry", "critical.yaml", "--user", "gina", "--groups",
                "developers, checkout-leads");
        assertThat(lead.toString(), lead.exit, is(0));
        JsonNode gates = json(lead);
        assertThat(changes(gates), is(List.of("CHG-1", "CHG-2")));
        assertThat(gates.get(0).get("approvalsStillNeeded").asInt(), is(1));
        assertThat(gates.get(1).get("approvalsStillNeeded").asInt(), is(2));

        // carol started CHG-1: excluded there, but may approve frank's CHG-2
        assertThat(changes(json(pending("audit", "--registry", "critical.yaml", "--user", "carol", "--groups",
                "checkout-leads"))), is(List.of("CHG-2")));
        // erin already approved CHG-1 (ids compare ignoring case, as the policy compares them)
        assertThat(changes(json(pending("audit", "--registry", "critical.yaml", "--user", "ERIN", "--groups",
                "checkout-leads"))), is(List.of("CHG-2")));
        // dave wrote a commit of CHG-2
        assertThat(changes(json(pending("audit", "--registry", "critical.yaml", "--user", "dave", "--groups",
                "sre-oncall"))), is(List.of("CHG-1")));
        // alice is listed as a user, no group needed
        assertThat(changes(json(pending("audit", "--registry", "critical.yaml", "--user", "alice"))),
                is(List.of("CHG-1", "CHG-2")));
        // not an approver of the system
        ToolRun stranger = pending("audit", "--registry", "critical.yaml", "--user", "mallory", "--groups",
                "developers");
        assertThat(stranger.toString(), stranger.exit, is(0));
        assertThat(json(stranger).size(), is(0));
    }

    @Test
    public void aSystemTheRegistryNoLongerListsIsNobodysToApprove() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), RegistryCommandTest.REGISTRY
                .replace("- id: checkout-service", "- id: storefront"));
        ToolRun run = pending("audit", "--registry", "other.yaml", "--user", "alice");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(json(run).size(), is(0));
    }

    @Test
    public void aTornLastLineIsSkippedWithANoteAndTheGatesBeforeItAreListed() throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            file = files.filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
        Files.write(file, "{\"seq\":99,\"type\":\"GATE_REQ".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        ToolRun run = pending("audit");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(changes(json(run)), is(List.of("CHG-1", "CHG-2")));
        assertThat(run.err, containsString("torn line"));
    }

    @Test
    public void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        ToolRun none = pending();
        assertThat(none.toString(), none.exit, is(2));
        assertThat(none.err, containsString("needs one journal directory"));

        ToolRun userAlone = pending("audit", "--user", "alice");
        assertThat(userAlone.toString(), userAlone.exit, is(2));
        assertThat(userAlone.err, containsString("--user and --registry go together"));

        ToolRun registryAlone = pending("audit", "--registry", "critical.yaml");
        assertThat(registryAlone.toString(), registryAlone.exit, is(2));

        ToolRun groupsAlone = pending("audit", "--groups", "sre-oncall");
        assertThat(groupsAlone.toString(), groupsAlone.exit, is(2));
        assertThat(groupsAlone.err, containsString("--groups goes with --user"));

        ToolRun unknown = pending("audit", "--since", "2026-01-01");
        assertThat(unknown.toString(), unknown.exit, is(2));

        ToolRun missing = pending("no-such-journal");
        assertThat(missing.toString(), missing.exit, is(2));
        assertThat(missing.err, containsString("no-such-journal"));
        assertThat(missing.out, is(""));
    }

    @Test
    public void aMissingOrBrokenRegistryIsAnErrorNamingTheProblem() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), RegistryCommandTest.REGISTRY.replace("tier: 1", "tier: first"));
        ToolRun run = pending("audit", "--registry", "missing.yaml", "--user", "alice");
        assertThat(run.toString(), run.exit, is(2));
        assertThat(run.err, containsString("missing.yaml"));
        assertThat(run.out, is(""));

        ToolRun broken = pending("audit", "--registry", "broken.yaml", "--user", "alice");
        assertThat(broken.toString(), broken.exit, is(1));
        assertThat(broken.err, containsString("tier"));
        assertThat(broken.out, is(""));
    }
}
