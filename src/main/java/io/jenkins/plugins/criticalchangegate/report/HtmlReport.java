package io.jenkins.plugins.criticalchangegate.report;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalSummary;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The audit report as one self-contained HTML file (issue 17): no script, no network, inline CSS and SVG, readable in
 * any browser and printable (each change starts a new page). The verification result stands at the top; a journal
 * that did not verify is rendered only when the caller says so ({@code --allow-unverified}), and then every page is
 * marked: the banner is fixed, so print repeats it on each sheet, and each change's section says it again.
 */
public final class HtmlReport {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:24px;"
                    + "color:#1b1b1b;font-size:14px}",
            "h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;border-bottom:2px solid #ccc;padding-bottom:4px}",
            "h3{font-size:15px;margin:14px 0 4px}",
            "table{border-collapse:collapse;margin:4px 0 10px}td,th{border:1px solid #bbb;padding:3px 8px;"
                    + "text-align:left;vertical-align:top;word-break:break-word}th{background:#eee}",
            "dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:4px 0}"
                    + "dt{font-weight:600}dd{margin:0;word-break:break-all}",
            ".verified{background:#e8f5e9;border:2px solid #2e7d32;padding:8px 12px}",
            ".failed,.unverified{background:#ffebee;border:2px solid #c62828;padding:8px 12px;font-weight:700}",
            ".outcome{font-size:13px;padding:2px 8px;border-radius:4px;color:#fff;background:#555}",
            ".o-APPROVED{background:#2e7d32}.o-REJECTED{background:#c62828}.o-EXPIRED{background:#ef6c00}",
            ".o-DENIED{background:#6a1b9a}.o-NOT_CRITICAL{background:#78909c}.o-PENDING{background:#1565c0}",
            ".emergency{font-size:13px;padding:2px 8px;border:2px solid #c62828;color:#c62828;font-weight:700}",
            ".gate,.none{color:#555}.legend span{display:inline-block;margin-right:12px}",
            ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px}",
            ".watermark{display:none}",
            "@media print{body{margin:0;font-size:11px}.change{break-before:page;page-break-before:always}",
            "  table,dl,svg{break-inside:avoid;page-break-inside:avoid}",
            "  .watermark{display:block;position:fixed;top:0;left:0;right:0;text-align:center;color:#c62828;"
                    + "font-weight:700;font-size:10px}}");

    private HtmlReport() {
    }

    /**
     * Writes the report.
     *
     * @param verification the journal's verification, as {@code audit verify} did it
     * @param allowUnverified whether to render a journal that did not verify (marked on every page)
     * @param filters the filters as given, for the reader (empty: none)
     * @param now when the report is written: its date, and the time overdue reviews are judged at
     * @param writer what wrote it, with its version: the tool, or the Jenkins plugin's audit page
     * @throws IllegalArgumentException for a journal that did not verify without {@code allowUnverified}: fail closed
     */
    public static void write(Writer out, ReportData data, VerificationResult verification, boolean allowUnverified,
            String filters, Instant now, String writer) throws IOException {
        boolean unverified = !verification.intact();
        if (unverified && !allowUnverified) {
            throw new IllegalArgumentException("the journal does not verify: " + verification);
        }
        StringBuilder page = new StringBuilder(16384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>Critical change gate audit report</title>\n<style>\n").append(STYLE)
                .append("\n</style></head><body>\n");
        if (unverified) {
            page.append("<div class=\"watermark\">UNVERIFIED JOURNAL: rendered although it does not verify</div>\n");
        }
        page.append("<h1>Critical change gate audit report</h1>\n");
        verificationBanner(page, verification);
        page.append("<p>Written ").append(Html.text(time(now))).append(" by ")
                .append(Html.text(writer)).append(". Filters: ")
                .append(Html.text(filters.isEmpty() ? "none (the whole journal)" : filters)).append(". ")
                .append(Counted.of(data.records(), "record")).append(", ")
                .append(Counted.of(data.changes().size(), "change")).append(".</p>\n");
        summaries(page, data);
        ChangeSection section = new ChangeSection(page, now);
        for (ChangeRecords change : data.changes()) {
            section.write(change, unverified);
        }
        others(page, data, unverified);
        page.append("</body></html>\n");
        out.write(page.toString());
        out.flush();
    }

    private static void verificationBanner(StringBuilder page, VerificationResult v) {
        if (v.intact()) {
            JournalSummary s = v.summary().orElse(null);
            page.append("<div class=\"verified\"><strong>Journal verified.</strong> ")
                    .append(Html.text(v.toString()));
            if (s != null) {
                page.append("<br>chain: ").append(Html.text(s.chainKind())).append("<br>records ")
                        .append(s.records()).append(", ").append(s.files()).append(" file(s), from ")
                        .append(Html.text(s.firstTime())).append(" to ").append(Html.text(s.lastTime()))
                        .append("<br>head: ").append(Html.text(s.head()));
            }
            page.append("</div>\n");
        } else {
            page.append("<div class=\"failed\">JOURNAL DOES NOT VERIFY: ").append(Html.text(v.toString()))
                    .append("<br>This report was rendered on request although the journal does not verify (the"
                            + " tool's --allow-unverified, the audit page's \"download the report marked UNVERIFIED\"):"
                            + " nothing in it can be relied on as the journal's record.</div>\n");
        }
    }

    private static void summaries(StringBuilder page, ReportData data) {
        page.append("<h2>Summary by system</h2>\n");
        table(page, "system", data.bySystem());
        page.append("<h2>Summary by month</h2>\n");
        table(page, "month", data.byMonth());
        page.append("<h2>Gates per week by outcome</h2>\n<p class=\"legend\">");
        for (String outcome : ReportData.OUTCOMES) {
            page.append("<span><i style=\"background:").append(SvgCharts.COLOURS.get(outcome)).append("\"></i>")
                    .append(outcome).append("</span>");
        }
        page.append("</p>\n").append(SvgCharts.gatesPerWeek(data.byWeek())).append("\n");
        page.append("<h2>Time from request to decision</h2>\n<p>").append(Counted.of(data.timesToDecision().size(), "gate"))
                .append(" that waited for people.</p>\n")
                .append(SvgCharts.timeToDecision(data.timesToDecision())).append("\n");
    }

    private static void table(StringBuilder page, String what, Map<String, Map<String, Integer>> rows) {
        if (rows.isEmpty()) {
            page.append("<p class=\"none\">no gates</p>\n");
            return;
        }
        page.append("<table><tr><th>").append(what).append("</th><th>gates</th>");
        for (String outcome : ReportData.OUTCOMES) {
            page.append("<th>").append(outcome).append("</th>");
        }
        page.append("</tr>\n");
        for (Map.Entry<String, Map<String, Integer>> row : rows.entrySet()) {
            page.append("<tr><td>").append(Html.text(row.getKey())).append("</td><td>")
                    .append(row.getValue().values().stream().mapToInt(Integer::intValue).sum()).append("</td>");
            for (String outcome : ReportData.OUTCOMES) {
                page.append("<td>").append(row.getValue().getOrDefault(outcome, 0)).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</table>\n");
    }

    private static void others(StringBuilder page, ReportData data, boolean unverified) {
        if (data.others().isEmpty()) {
            return;
        }
        page.append("<section class=\"change\">").append(unverified ? ChangeSection.UNVERIFIED : "")
                .append("<h2>Records of no change</h2>\n<table><tr><th>seq</th><th>time</th>"
                + "<th>type</th><th>user</th><th>details</th></tr>\n");
        for (JournalRecord r : data.others()) {
            page.append("<tr><td>").append(r.seq()).append("</td><td>").append(Html.text(time(r.time())))
                    .append("</td><td>").append(Html.text(r.type().name())).append("</td><td>")
                    .append(Html.text(r.text("user"))).append("</td><td>").append(Html.text(r.fields()))
                    .append("</td></tr>\n");
        }
        page.append("</table></section>\n");
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** A waiting time as people say it: {@code 3 d 4 h}, {@code 2 h 5 min}, {@code 12 s}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 86400) {
            return s / 86400 + " d " + s % 86400 / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
