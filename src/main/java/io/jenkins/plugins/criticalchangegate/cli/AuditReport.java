package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import io.jenkins.plugins.criticalchangegate.report.HtmlReport;
import io.jenkins.plugins.criticalchangegate.report.ReportData;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code audit report JOURNAL --html FILE [filters]}: the journal as one HTML file people read and print (issue 17,
 * docs/audit.md, "The audit report"). Verifies the journal first, as {@code audit verify} does (with the same key
 * options), and refuses one that does not verify unless {@code --allow-unverified}, which marks every page. How the
 * file is written (whole or not at all, and never by replacing a device or a pipe): {@link ReportFile}.
 */
final class AuditReport {
    static final String USAGE = String.join("\n",
            "       audit report DIR --html FILE [--key-file FILE | --key-env VAR] [--allow-unverified]",
            "                        [the filters of export]",
            "  report  verifies the journal, then writes the matching gates as one self-contained HTML file",
            "          (per change: request, documentation evidence, approvals, refused attempts, decision,",
            "          registry version; summaries by system and month; charts). Exit 0 written, 1 when the",
            "          journal does not verify (nothing is written unless --allow-unverified, which marks every",
            "          page) or the file cannot be written, 2 for bad arguments.");

    private AuditReport() {
    }

    static int run(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args,
                ExportFilters.with("html", JournalKeyOption.FILE, JournalKeyOption.ENV), Set.of("allow-unverified"));
        Path dir = JournalDirectory.existing(parsed, console); // "no journal here" answered as every audit command does
        Path html = console.resolve(parsed.required("html")).toAbsolutePath();
        Path parent = html.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("--html " + html + ": its folder does not exist");
        }
        JournalQuery query = ExportFilters.query(parsed);
        byte[] key = JournalKeyOption.from(parsed, console).orElse(null);
        boolean allowUnverified = parsed.flag("allow-unverified");

        VerificationResult verification;
        try {
            verification = JournalVerifier.verify(dir, key);
        } catch (IOException e) {
            console.err().println("error: cannot read the journal in " + ControlCharacters.escape(dir.toString())
                    + ": " + IoProblem.describe(e));
            return ExitCode.USAGE; // not done, as audit verify says for a journal it cannot read (exit-code table)
        }
        if (!verification.intact() && !allowUnverified) {
            console.err().println("error: the journal in " + ControlCharacters.escape(dir.toString())
                    + " does not verify, so no report was written: "
                    + ControlCharacters.escape(verification.toString()));
            console.err().println("(run 'audit verify' for the details; --allow-unverified renders it anyway,"
                    + " marked UNVERIFIED on every page)");
            return ExitCode.FAILED;
        }
        ReportData data;
        try {
            data = ReportData.read(dir, query);
        } catch (IOException e) {
            console.err().println("error: cannot read the journal in " + ControlCharacters.escape(dir.toString())
                    + ": " + IoProblem.describe(e));
            return ExitCode.FAILED;
        }
        String filters = ExportFilters.describe(parsed);
        try {
            ReportFile.write(html, out -> HtmlReport.write(out, data, verification, allowUnverified, filters,
                    Instant.now(), "critical-change-gate-tool " + ToolVersion.get()));
        } catch (IOException e) {
            console.err().println("error: cannot write the report " + ControlCharacters.escape(html.toString())
                    + ": " + IoProblem.describe(e));
            return ExitCode.FAILED;
        }
        console.out().println("report: " + ControlCharacters.escape(html.toString()) + " (" + Counted.of(data.changes().size(), "change")
                + ", " + Counted.of(data.records(), "record") + "; journal " + (verification.intact()
                ? "verified, " + verification.summary().map(s -> s.chainKind()).orElse("")
                : "NOT VERIFIED: marked on every page") + ")");
        return ExitCode.OK;
    }
}
