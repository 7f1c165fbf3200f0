package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JournalQueryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    /** A settable clock, so records fall on known times. */
    static final class SetClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Before
    public void writeJournal() throws IOException {
        dir = tmp.getRoot().toPath();
        SetClock clock = new SetClock();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().clock(clock).build())) {
            journal.append(AuditEvent.gateRequested("deploy/payments", 7, "payments", "CHG-7", "abc", "alice"));
            clock.now.set(Instant.parse("2026-03-02T10:00:00Z"));
            journal.append(AuditEvent.approvalRefused("deploy/payments", 7, "payments", "CHG-7", "alice", "AUTHOR"));
            journal.append(AuditEvent.approvalAccepted("deploy/payments", 7, "payments", "CHG-7", "bob"));
            journal.append(AuditEvent.approvalAccepted("deploy/payments", 7, "payments", "CHG-7", "carol"));
            clock.now.set(Instant.parse("2026-03-03T10:00:00Z"));
            journal.append(AuditEvent.decided("deploy/payments", 7, "payments", "CHG-7", "APPROVED",
                    List.of("bob", "carol")));
            journal.append(AuditEvent.rejected("deploy/search", 3, "search", "CHG-9", "dave",
                    "=HYPERLINK(\"http://evil\"), see \"notes\"\nline two"));
            journal.append(AuditEvent.notCritical("deploy/wiki", 1, "wiki", null, "erin"));
        }
    }

    private List<Long> seqs(JournalQuery query) throws IOException {
        List<Long> seqs = new ArrayList<>();
        query.forEach(dir, (record, line) -> seqs.add(record.seq()));
        return seqs;
    }

    @Test
    public void filtersBySystemJobOutcomeUserAndTime() throws IOException {
        assertThat(seqs(JournalQuery.builder().system("payments").build()), contains(2L, 3L, 4L, 5L, 6L));
        assertThat(seqs(JournalQuery.builder().job("deploy/search").build()), contains(7L));
        // --outcome: every record of each gate that ended so (issue 17), not only its DECIDED record
        assertThat(seqs(JournalQuery.builder().outcome("APPROVED").build()), contains(2L, 3L, 4L, 5L, 6L));
        assertThat(seqs(JournalQuery.builder().outcome("NOT_CRITICAL").build()), contains(8L));
        assertThat(seqs(JournalQuery.builder().outcome("REJECTED").build()), hasSize(0));
        // a user is found as the actor and among the approvers of a decision
        assertThat(seqs(JournalQuery.builder().user("bob").build()), contains(4L, 6L));
        assertThat(seqs(JournalQuery.builder().since(Instant.parse("2026-03-02T10:00:00Z"))
                .until(Instant.parse("2026-03-03T10:00:00Z")).build()), contains(3L, 4L, 5L));
        assertThat(seqs(JournalQuery.builder().build()), hasSize(8));
    }

    @Test
    public void exportsJsonAsAnArrayOfTheJournalLinesThemselves() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalQuery.builder().system("payments").user("alice").build().exportJson(dir, bytes);
        String out = bytes.toString(StandardCharsets.UTF_8);
        JsonNode array = new ObjectMapper().readTree(out);
        assertThat(array.size(), equalTo(2));
        assertThat(array.get(1).get("reason").asText(), equalTo("AUTHOR"));
        List<String> lines = Files.readAllLines(dir.resolve("journal-000001.jsonl"), StandardCharsets.UTF_8);
        assertThat(out, containsString(lines.get(2)));
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        JournalQuery.builder().system("nothing").build().exportJson(dir, none);
        assertThat(new ObjectMapper().readTree(none.toString(StandardCharsets.UTF_8)).size(), equalTo(0));
    }

    @Test
    public void exportsCsvWithQuotingAndNoFormulas() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JournalQuery.builder().build().exportCsv(dir, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv, startsWith(String.join(",", JournalQuery.CSV_COLUMNS) + "\r\n"));
        assertThat(csv, containsString(",\"'=HYPERLINK(\"\"http://evil\"\"), see \"\"notes\"\"\nline two\","));
        assertThat(csv, containsString(",APPROVED,,,bob;carol,"));
        assertThat(csv, containsString("JOURNAL_CREATED,,,,,,,,,,,\"{\"\"chain\"\":\"\"sha256\"\",\"\"format\"\":1}\""));
    }

    @Test
    public void csvCellsThatLookLikeFormulasAreNeutralised() {
        assertThat(CsvRows.csvCell("=1+2"), equalTo("'=1+2"));
        assertThat(CsvRows.csvCell("+1"), equalTo("'+1"));
        assertThat(CsvRows.csvCell("-1"), equalTo("'-1"));
        assertThat(CsvRows.csvCell("@SUM(A1)"), equalTo("'@SUM(A1)"));
        assertThat(CsvRows.csvCell("a,b"), equalTo("\"a,b\""));
        assertThat(CsvRows.csvCell("plain"), equalTo("plain"));
    }

    @Test
    public void aLineThatIsNotARecordStopsTheQueryNamingFileAndLine() throws IOException {
        Files.write(dir.resolve("journal-000001.jsonl"), "{\"seq\":1.5}\n".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> seqs(JournalQuery.builder().build()));
        assertThat(e.getMessage(), containsString("journal-000001.jsonl line 9"));
    }

    @Test
    public void sinceMustBeBeforeUntil() {
        assertThrows(IllegalArgumentException.class, () -> JournalQuery.builder()
                .since(Instant.parse("2026-03-02T00:00:00Z")).until(Instant.parse("2026-03-01T00:00:00Z")).build());
    }

    @Test
    public void recordsReadBackAsWritten() throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        JournalQuery.builder().type("DECIDED").build().forEach(dir, (r, line) -> records.add(r));
        assertThat(records.get(0).fields().get("approvers"), equalTo(List.of("bob", "carol")));
        assertThat(records.get(0).fields().get("build"), equalTo(7L));
        assertThat(records.get(0).time(), equalTo(Instant.parse("2026-03-03T10:00:00Z")));
        assertThat(records.get(0).fields(), equalTo(Map.of("job", "deploy/payments", "build", 7L, "system",
                "payments", "changeId", "CHG-7", "outcome", "APPROVED", "approvers", List.of("bob", "carol"))));
    }
}
