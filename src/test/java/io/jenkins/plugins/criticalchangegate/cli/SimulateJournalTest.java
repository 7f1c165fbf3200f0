package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code simulate ... --journal DIR [--key-file FILE | --key-env VAR]} appends the simulated gate's trail to an audit journal. */
public class SimulateJournalTest {
    private static final String KEY = "simulation-journal-key-0123456789";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;
    /** The last run's standard error: each run starts with empty output. */
    private String err = "";

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
    }

    private int run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--registry", "critical.yaml"));
        all.addAll(List.of(args));
        ToolRun run = ToolRun.in(dir, env, all.toArray(new String[0]));
        err = run.err;
        return run.exit;
    }

    private List<JournalRecord> records(String journal) throws Exception {
        List<JournalRecord> records = new ArrayList<>();
        JournalQuery.builder().build().forEach(dir.resolve(journal), (r, line) -> records.add(r));
        return records;
    }

    private static List<String> summary(List<JournalRecord> records) {
        List<String> out = new ArrayList<>();
        for (JournalRecord r : records) {
            out.add(r.type() + (r.fields().containsKey("user") ? " " + r.text("user") : "")
                    + (r.fields().containsKey("reason") && r.type() != AuditEventType.DECIDED ? " " + r.text("reason") : "")
                    + (r.fields().containsKey("outcome") ? " " + r.text("outcome") : ""));
        }
        return out;
    }

    @Test
    public void appendsTheGatesTrailInOrderAndTheJournalVerifies() throws Exception {
        int exit = run(Map.of(), "--system", "checkout-service", "--job", "shop/deploy", "--change", "CHG-42",
                "--started-by", "carol", "--approve", "carol:checkout-leads", "--approve", "erin:checkout-leads",
                "--approve", "alice", "--journal", "audit");
        assertThat(err, exit, is(0));
        List<JournalRecord> records = records("audit");
        assertThat(summary(records), contains("JOURNAL_CREATED", "GATE_REQUESTED carol",
                "APPROVAL_REFUSED carol SELF_APPROVAL", "APPROVAL_ACCEPTED erin", "APPROVAL_ACCEPTED alice",
                "DECIDED APPROVED"));
        JournalRecord decided = records.get(records.size() - 1);
        assertThat(decided.fields().get("approvers"), equalTo(List.of("erin", "alice")));
        assertThat(decided.text("job"), equalTo("shop/deploy"));
        assertThat(decided.text("reason"), containsString("erin (checkout-leads), alice (user:alice)"));
        assertThat(decided.text("changeId"), equalTo("CHG-42"));
        assertThat(records.get(3).text("group"), equalTo("checkout-leads"));
        assertThat(err, containsString("journal: appended seq 2 to 6"));
        assertThat(JournalVerifier.verify(dir.resolve("audit"), null).intact(), is(true));
    }

    @Test
    public void aNotCriticalSystemIsRecordedAsSuchAndAKeyedJournalNeedsItsKey() throws Exception {
        int exit = run(Map.of("K", KEY), "--system", "intranet-wiki", "--journal", "keyed", "--key-env", "K");
        assertThat(err, exit, is(0));
        assertThat(JournalVerifier.verify(dir.resolve("keyed"), KEY.getBytes(StandardCharsets.UTF_8)).toString(),
                containsString("2 records, head "));
        assertThat(records("keyed").get(1).type(), equalTo(AuditEventType.NOT_CRITICAL));
        assertThat(records("keyed").get(1).text("job"), equalTo("simulate"));
        int unkeyed = run(Map.of(), "--system", "intranet-wiki", "--journal", "keyed");
        assertThat(unkeyed, is(1));
        assertThat(err, containsString("is keyed"));
    }

    @Test
    public void keyEnvWithoutJournalIsAUsageError() {
        assertThat(run(Map.of("K", KEY), "--system", "intranet-wiki", "--key-env", "K"), is(2));
        assertThat(run(Map.of(), "--system", "intranet-wiki", "--key-file", "k.txt"), is(2));
        assertThat(err, containsString("go with --journal"));
    }

    /** The key file Jenkins hands out works here as in 'audit verify': one form of the key for every command. */
    @Test
    public void aKeyFileKeysTheJournalAsAuditVerifyReadsIt() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Files.writeString(dir.resolve("journal-key.txt"), JournalKeyFile.encode(key), StandardCharsets.UTF_8);
        int exit = run(Map.of(), "--system", "intranet-wiki", "--journal", "filed", "--key-file", "journal-key.txt");
        assertThat(err, exit, is(0));
        assertThat(JournalVerifier.verify(dir.resolve("filed"), key).intact(), is(true));
        assertThat(ToolRun.in(dir, "audit", "verify", "filed", "--key-file", "journal-key.txt").exit, is(0));

        assertThat(run(Map.of("K", KEY), "--system", "intranet-wiki", "--journal", "filed", "--key-file",
                "journal-key.txt", "--key-env", "K"), is(2));
        assertThat(err, containsString("not both"));
        assertThat(run(Map.of(), "--system", "intranet-wiki", "--journal", "filed", "--key-file", "missing.txt"),
                is(2));
        assertThat(err, containsString("missing.txt"));
    }
}
