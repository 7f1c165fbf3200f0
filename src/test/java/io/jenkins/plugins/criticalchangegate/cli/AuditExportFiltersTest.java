package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code audit export}'s filters and {@code audit verify}'s summary and {@code --expect-head}, run as the tool. */
public class AuditExportFiltersTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path root;
    private ToolRun last;

    @Before
    public void writeJournal() throws IOException {
        root = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(root.resolve("journal"), JournalOptions.defaults())) {
            journal.append(AuditEvent.gateRequested("Team/Deploy", 7, "payments", "CHG-7", "abc", "Alice")); // 2
            journal.append(AuditEvent.approvalAccepted("Team/Deploy", 7, "payments", "CHG-7", "bob")); // 3
            journal.append(AuditEvent.decided("Team/Deploy", 7, "payments", "CHG-7", "APPROVED",
                    List.of("bob"))); // 4
            journal.append(AuditEvent.gateRequested("team/deploy", 8, "payments", "CHG-8", "def", "alice")); // 5
            journal.append(AuditEvent.decided("team/deploy", 8, "payments", "CHG-8", "REJECTED", List.of())); // 6
            journal.append(AuditEvent.notCritical("wiki/publish", 3, "wiki", null, "erin")); // 7
        }
    }

    private int run(String... args) {
        last = ToolRun.in(root, args);
        return last.exit;
    }

    private List<Long> exported(String... filters) throws IOException {
        List<String> args = new ArrayList<>(List.of("audit", "export", "journal", "--format", "json"));
        args.addAll(List.of(filters));
        assertThat(last(args), equalTo(0));
        List<Long> seqs = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(last.out)) {
            seqs.add(n.get("seq").asLong());
        }
        return seqs;
    }

    private int last(List<String> args) {
        return run(args.toArray(new String[0]));
    }

    @Test
    public void idsCompareIgnoringCase() throws IOException {
        assertThat(exported("--change", "chg-7"), equalTo(List.of(2L, 3L, 4L)));
        assertThat(exported("--system", "PAYMENTS", "--user", "ALICE"), equalTo(List.of(2L, 5L)));
        assertThat(exported("--job", "TEAM/DEPLOY"), equalTo(List.of(2L, 3L, 4L, 5L, 6L)));
    }

    @Test
    public void typeAndGateSelectRecords() throws IOException {
        assertThat(exported("--type", "decided"), equalTo(List.of(4L, 6L)));
        assertThat(exported("--gate", "team/deploy#7"), equalTo(List.of(2L, 3L, 4L)));
        assertThat(exported("--gate", "team/deploy#8", "--type", "GATE_REQUESTED"), equalTo(List.of(5L)));
    }

    @Test
    public void outcomeSelectsEveryRecordOfTheGatesThatEndedSo() throws IOException {
        assertThat(exported("--outcome", "approved"), equalTo(List.of(2L, 3L, 4L)));
        assertThat(exported("--outcome", "REJECTED"), equalTo(List.of(5L, 6L)));
        assertThat(exported("--outcome", "NOT_CRITICAL"), equalTo(List.of(7L)));
    }

    @Test
    public void anUnknownTypeOrOutcomeIsAnErrorThatSaysWhatWasMeant() {
        assertThat(run("audit", "export", "journal", "--format", "csv", "--type", "DECIDDE"), equalTo(2));
        assertThat(last.err, containsString("--type 'DECIDDE' is not a record type; did you mean 'DECIDED'?"));
        assertThat(last.out, equalTo(""));
        assertThat(run("audit", "export", "journal", "--format", "csv", "--outcome", "aproved"), equalTo(2));
        assertThat(last.err, containsString("--outcome 'aproved' is not the outcome of a gate; did you mean"
                + " 'APPROVED'?"));
        assertThat(run("audit", "export", "journal", "--format", "csv", "--outcome", "VERIFIED"), equalTo(2));
        assertThat(last.err, containsString("it is one of APPROVED, REJECTED, EXPIRED, ABORTED, DENIED,"
                + " NOT_CRITICAL"));
        assertThat(run("audit", "export", "journal", "--format", "csv", "--gate", "team/deploy"), equalTo(2));
        assertThat(last.err, containsString("is not JOB#BUILD"));
        assertThat(run("audit", "export", "journal", "--format", "csv", "--change", " "), equalTo(2));
        assertThat(last.err, containsString("--change is empty"));
    }

    @Test
    public void verifyPrintsASummaryToCiteAndChecksAnExpectedHead() {
        assertThat(run("audit", "verify", "journal"), equalTo(0));
        assertThat(last.out, matchesPattern("(?s)7 records, head [0-9a-f]{64}\\R"
                + "records: 7\\R"
                + "files: 1 \\(journal-000001\\.jsonl\\)\\R"
                + "first: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\R"
                + "last: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\R"
                + "chain: unkeyed: detects accidental damage only\\R"
                + "head: 7:[0-9a-f]{64}\\R"
                + "verified-by: critical-change-gate-tool development\\R"));
        String head = last.out.replaceAll("(?s).*head: (7:[0-9a-f]{64}).*", "$1");
        assertThat(run("audit", "verify", "journal", "--expect-head", head), equalTo(0));
        String other = head.substring(0, head.length() - 1) + (head.endsWith("0") ? "1" : "0");
        assertThat(run("audit", "verify", "journal", "--expect-head", other), equalTo(1));
        assertThat(last.out, containsString("journal-000001.jsonl line 7 (seq 7): expected head: "));
        assertThat(run("audit", "verify", "journal", "--expect-head", "8" + head.substring(1)), equalTo(1));
        assertThat(last.out, containsString("expected head: the journal ends at seq 7, before the expected seq 8"));
        assertThat(run("audit", "verify", "journal", "--expect-head", "seven"), equalTo(2));
        assertThat(last.err, containsString("is not SEQ:HASH"));
    }

    @Test
    public void exportOfALineThatIsNotUtf8ExitsOneNamingFileAndLine() throws IOException {
        Path file = root.resolve("journal/journal-000001.jsonl");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\"erin\"") + 2;
        bytes[text.substring(0, at).getBytes(StandardCharsets.UTF_8).length] = (byte) 0xff;
        Files.write(file, bytes);
        for (String format : List.of("json", "csv")) {
            assertThat(run("audit", "export", "journal", "--format", format), equalTo(1));
            assertThat(last.err, containsString("journal-000001.jsonl line 7: not a journal record (not valid"
                    + " UTF-8)"));
            assertThat(last.out.contains("\uFFFD"), equalTo(false));
        }
        assertThat(run("audit", "verify", "journal"), equalTo(1));
        assertThat(last.out, containsString("journal-000001.jsonl line 7: malformed record: "));
    }

    @Test
    public void simulateWithAJournalThatIsAFileSaysWhatIsWrong() throws IOException {
        Files.writeString(root.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        Files.writeString(root.resolve("a-file"), "");
        assertThat(run("simulate", "--registry", "critical.yaml", "--system", "intranet-wiki", "--journal",
                "a-file"), equalTo(1));
        assertThat(last.err, containsString("is a file, not a directory"));
    }
}
