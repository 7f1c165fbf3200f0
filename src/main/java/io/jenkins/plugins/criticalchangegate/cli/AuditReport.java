package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import io.jenkins.plugins.criticalchangegate.report.HtmlReport;
import io.jenkins.plugins.criticalchangegate.report.ReportData;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code audit report JOURNAL --html FILE [filters]}: the journal as one HTML file people read and print (issue 17,
 * docs/audit.md, "The audit report"). Verifies the journal first, as {@code audit verify} does (with the same key
 * options), and refuses one that does not verify unless {@code --allow-unverified}, which marks every page. The file
 * is written beside its final name and moved there whole, so a failure never leaves half a report.
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
        if (parsed.positional().size() != 1) {
            throw new UsageException("give exactly one journal directory, not " + parsed.positional());
        }
        Path dir = console.resolve(parsed.positional().get(0));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("journal directory " + dir + " does not exist or is not a directory");
        }
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
            console.err().println("error: cannot read the journal in " + dir + ": " + e.getMessage());
            return ExitCode.FAILED;
        }
        if (!verification.intact() && !allowUnverified) {
            console.err().println("error: the journal in " + dir + " does not verify, so no report was written: "
                    + verification);
            console.err().println("(run 'audit verify' for the details; --allow-unverified renders it anyway,"
                    + " marked UNVERIFIED on every page)");
            return ExitCode.FAILED;
        }
        ReportData data;
        try {
            data = ReportData.read(dir, query);
        } catch (IOException e) {
            console.err().println("error: cannot read the journal in " + dir + ": " + e.getMessage());
            return ExitCode.FAILED;
        }
        Path partial = null;
        try {
            partial = Files.createTempFile(parent, ".report-", ".html.tmp");
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                HtmlReport.write(out, data, verification, allowUnverified, ExportFilters.describe(parsed),
                        Instant.now(), ToolVersion.get());
            }
            Files.move(partial, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            console.err().println("error: cannot write the report " + html + ": " + e);
            return ExitCode.FAILED;
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // the error above is what matters; a stray temporary file is named .report-*.html.tmp
                }
            }
        }
        console.out().println("report: " + html + " (" + data.changes().size() + " changes, " + data.records()
                + " records; journal " + (verification.intact() ? "verified, " + verification.summary()
                .map(s -> s.chainKind()).orElse("") : "NOT VERIFIED: marked on every page") + ")");
        return ExitCode.OK;
    }
}
