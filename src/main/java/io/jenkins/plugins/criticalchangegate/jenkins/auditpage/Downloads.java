package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.auditpage.ScanPermits.Kind;
import io.jenkins.plugins.criticalchangegate.report.HtmlReport;
import io.jenkins.plugins.criticalchangegate.report.ReportData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The audit page's downloads: the export (CSV, JSON) and the report, written to a file first ({@link Staging}) and
 * sent only once whole, so that a journal line that stops the export (as it stops {@code audit export}) is an error
 * response, not a download cut short that looks complete. Never cached; named for what they hold and when.
 */
final class Downloads {
    private static final Logger LOGGER = Logger.getLogger(Downloads.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** What the report's own meta tag says: no script, nothing fetched; styles inline, images as data. */
    private static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private Downloads() {
    }

    static void export(StaplerResponse2 rsp, ScanPermits permits, Staging staging, Kind kind, Path dir,
            JournalQuery query) throws IOException {
        Path file = staged(staging, "export", kind == Kind.CSV ? ".csv" : ".json", dir);
        try {
            try {
                permits.run(kind, () -> {
                    try (OutputStream out = staging.open(file)) { // the export buffers its own output
                        if (kind == Kind.CSV) {
                            query.exportCsv(dir, out);
                        } else {
                            query.exportJson(dir, out);
                        }
                    }
                    return null;
                });
            } catch (ScanPermits.Busy e) {
                throw HttpResponses.errorWithoutStack(503, e.getMessage());
            } catch (Staging.WriteFailed e) {
                throw notPrepared("export", e);
            } catch (IOException e) {
                // the journal: what stopped the export (a line that is not a record, and where) is the auditor's
                logStagingFailures("export", e);
                throw HttpResponses.errorWithoutStack(500, "The export stopped, nothing was sent: " + e.getMessage());
            }
            boolean csv = kind == Kind.CSV;
            send(rsp, file, csv ? "text/csv;charset=UTF-8" : "application/json;charset=UTF-8",
                    "critical-change-gate-audit-" + STAMP.format(Instant.now()) + (csv ? ".csv" : ".json"));
        } finally {
            staging.delete(file);
        }
    }

    /**
     * The report, or (for a journal that does not verify, unless allowed) a page that says so and offers the report
     * marked unverified.
     */
    static void report(StaplerResponse2 rsp, ScanPermits permits, Staging staging, Path dir, JournalQuery query,
            Map<String, String> filters, boolean allowUnverified) throws IOException {
        Path file = staged(staging, "report", ".html", dir);
        try {
            VerificationResult verification;
            try {
                verification = permits.run(Kind.REPORT, () -> {
                    VerificationResult v = GateJournal.get().verifyLive();
                    if (!v.intact() && !allowUnverified) {
                        return v;
                    }
                    ReportData data = ReportData.read(dir, query);
                    try (Writer out = staging.openWriter(file)) {
                        HtmlReport.write(out, data, v, allowUnverified, JournalFilters.describe(filters),
                                Instant.now(), PluginVersion.get());
                    }
                    return v;
                });
            } catch (ScanPermits.Busy e) {
                throw HttpResponses.errorWithoutStack(503, e.getMessage());
            } catch (Staging.WriteFailed e) {
                throw notPrepared("report", e);
            } catch (IOException e) {
                logStagingFailures("report", e);
                throw HttpResponses.errorWithoutStack(500, "No report was written: " + e.getMessage());
            }
            if (!verification.intact() && !allowUnverified) {
                // ForwardToView is an HttpResponse Stapler takes when thrown (HttpResponses' idiom)
                throw HttpResponses.forwardToView(new UnverifiedReport(verification.toString(),
                        SearchView.queryString(filters)), "index");
            }
            rsp.setHeader("Content-Security-Policy", REPORT_CSP);
            send(rsp, file, "text/html;charset=UTF-8", "critical-change-gate-audit-report-"
                    + STAMP.format(Instant.now()) + ".html");
        } finally {
            staging.delete(file);
        }
    }

    /**
     * A new staged file for a download from the journal in {@code dir}, or an error response. Why the file could not
     * be made (a full or read-only disk, the paths under Jenkins' home) is for the administrators' log, not for the
     * auditor's page.
     */
    private static Path staged(Staging staging, String kind, String suffix, Path dir) {
        try {
            return staging.newFile(kind, suffix, journalBytes(dir));
        } catch (Staging.NoRoom e) {
            LOGGER.warning(() -> "Refused an audit page " + kind + " download: " + e.getMessage());
            throw HttpResponses.errorWithoutStack(503, "Nothing was sent: the controller has too little free disk"
                    + " space to prepare this " + kind + " now. Jenkins' system log says more.");
        } catch (IOException e) {
            throw notPrepared(kind, e);
        }
    }

    /** A journal problem that also met a staging failure (flushing what came before it): the disk's part logged. */
    private static void logStagingFailures(String kind, IOException journalProblem) {
        for (Throwable suppressed : journalProblem.getSuppressed()) {
            if (suppressed instanceof Staging.WriteFailed) {
                LOGGER.log(Level.WARNING, "Could not write an audit page " + kind + " download", suppressed);
            }
        }
    }

    /** A staging failure: logged for the administrators, the page says only that nothing was sent. */
    private static HttpResponses.HttpResponseException notPrepared(String kind, IOException e) {
        LOGGER.log(Level.WARNING, "Could not prepare an audit page " + kind + " download", e);
        return HttpResponses.errorWithoutStack(500, "Nothing was sent: the " + kind + " could not be prepared on"
                + " the controller. Jenkins' system log says why.");
    }

    /** The journal's size, which a whole export about matches; 0 when unknown (the export then says what is wrong). */
    private static long journalBytes(Path dir) {
        try {
            return AuditJournal.recordBytes(dir);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void send(StaplerResponse2 rsp, Path file, String type, String name) throws IOException {
        rsp.setContentType(type);
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLengthLong(Files.size(file));
        try (OutputStream out = rsp.getOutputStream()) {
            Files.copy(file, out);
        }
    }
}
