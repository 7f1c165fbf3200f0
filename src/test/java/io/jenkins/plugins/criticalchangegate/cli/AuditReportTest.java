package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code audit report}: what the HTML says, that it escapes the journal, and that it refuses an unverified one. */
public class AuditReportTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path root;

    @Before
    public void writeJournal() throws IOException {
        root = tmp.getRoot().toPath();
        ReportJournal.write(root);
    }

    private String report(int expectedExit, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("audit", "report", "journal", "--html", "report.html",
                "--key-file", "journal.key"));
        args.addAll(List.of(more));
        ToolRun run = ToolRun.in(root, args.toArray(new String[0]));
        assertThat(run.toString(), run.exit, equalTo(expectedExit));
        return expectedExit == 0 ? Files.readString(root.resolve("report.html"), StandardCharsets.UTF_8) : run.err;
    }

    @Test
    public void showsEachChangeWithItsEvidenceApprovalsRefusalsAndDecision() throws IOException {
        String html = report(0);
        assertThat(html, containsString("Journal verified."));
        assertThat(html, containsString("keyed with key id"));
        assertThat(html, containsString("CHG-1"));
        assertThat(html, containsString("https://wiki.example.com/CHG-1"));
        assertThat(html, containsString("cd".repeat(32)));                 // the page's SHA-256
        assertThat(html, containsString("SELF_APPROVAL"));
        assertThat(html, containsString("<td>checkout-leads</td>"));
        assertThat(html, containsString("sha256 " + "ab".repeat(32)));     // the registry version
        assertThat(html, containsString(" by critical-change-gate-tool "));                  // its writer
        assertThat(html, containsString("class=\"outcome o-REJECTED\">REJECTED"));
        assertThat(html, containsString("no load test"));
        assertThat(html, containsString("EMERGENCY INC-4711"));
        assertThat(html, containsString("OVERDUE, due 2026-11-21T03:10:00Z"));
        assertThat(html, containsString("prod-deploy-key"));               // CREDENTIALS_RELEASED, no changeId
        assertThat(html, containsString("0011223344556677"));              // ATTESTED
        assertThat(html, containsString("<td>2026-11</td><td>4</td>"));    // by month: four gates
        assertThat(html, containsString("week of 2026-11-02: 1 APPROVED"));
        assertThat(html, containsString("week of 2026-11-16: 1 NOT_CRITICAL"));
        assertThat(html, containsString("&lt; 1 h: 1 gate<"));                // CHG-3 waited ten minutes
        assertThat(html, containsString("&lt; 1 day: 1 gate<"));              // CHG-1 four hours
        assertThat(html, containsString("&lt; 3 days: 1 gate<"));             // CHG-2 two days
        assertThat(html, containsString("@media print"));
    }

    @Test
    public void escapesEverythingFromTheJournal() throws IOException {
        String html = report(0);
        assertThat(html, not(containsString("<script")));
        assertThat(html, not(containsString("<img")));
        assertThat(html, containsString("fine &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assertThat(html, containsString("Rollout &lt;script&gt;"));
    }

    @Test
    public void takesTheFiltersOfExport() throws IOException {
        String html = report(0, "--system", "INTRANET-WIKI");
        assertThat(html, containsString("CHG-4"));
        assertThat(html, not(containsString("CHG-1")));
        assertThat(html, containsString("Filters: --system INTRANET-WIKI"));
        assertThat(report(0, "--outcome", "rejected"), not(containsString("CHG-1<")));
        assertThat(report(2, "--outcome", "APROVED"), containsString("did you mean 'APPROVED'"));
    }

    @Test
    public void refusesAJournalThatDoesNotVerifyUnlessAllowedAndThenMarksEveryPage() throws IOException {
        Path file = root.resolve("journal/journal-000001.jsonl");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("\"no load test\"", "\"load tested\""), StandardCharsets.UTF_8);
        assertThat(report(1), containsString("does not verify, so no report was written"));
        assertThat(Files.exists(root.resolve("report.html")), is(false));

        String html = report(0, "--allow-unverified");
        assertThat(html, containsString("JOURNAL DOES NOT VERIFY"));
        assertThat(html, containsString("class=\"watermark\""));
        int changes = html.split("<section class=\"change\">", -1).length - 1;
        int marked = html.split("UNVERIFIED JOURNAL: this page", -1).length - 1;
        assertThat(changes, equalTo(5)); // four changes and the records of none
        assertThat(marked, equalTo(changes));
    }

    @Test
    public void aKeyedJournalWithoutItsKeyDoesNotVerify() throws IOException {
        ToolRun run = ToolRun.in(root, "audit", "report", "journal", "--html", "report.html");
        assertThat(run.toString(), run.exit, equalTo(1));
        assertThat(Files.exists(root.resolve("report.html")), is(false));
    }
}
