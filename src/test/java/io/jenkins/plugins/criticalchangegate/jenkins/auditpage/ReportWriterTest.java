package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import io.jenkins.plugins.criticalchangegate.report.HtmlReport;
import io.jenkins.plugins.criticalchangegate.report.ReportData;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A report the audit page renders says Jenkins wrote it, not the command-line tool: an auditor comparing a report
 * with one made by {@code audit report} must be able to tell which wrote which.
 */
public class ReportWriterTest {
    private static final byte[] KEY = "a journal key of thirty-two byte".getBytes(StandardCharsets.US_ASCII);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theReportJenkinsWritesNamesThePluginAsItsWriter() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().key(KEY).build())) {
            journal.append(AuditEvent.gateRequested("deploy/payments", 7, "payments", "CHG-7", "abc", "alice"));
        }
        VerificationResult verification = JournalVerifier.verify(dir, KEY);
        StringWriter out = new StringWriter();
        HtmlReport.write(out, ReportData.read(dir, JournalQuery.builder().build()), verification, false, "",
                Instant.parse("2026-05-04T09:00:00Z"), PluginVersion.get());
        assertThat(out.toString(), containsString(" by the critical-change-gate Jenkins plugin "));
        assertThat(out.toString(), not(containsString("critical-change-gate-tool")));
    }
}
