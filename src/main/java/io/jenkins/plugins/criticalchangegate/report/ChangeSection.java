package io.jenkins.plugins.criticalchangegate.report;

import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One change's page of the report: its request, documentation evidence, approvals (with group and comment), refused
 * attempts, the other steps, the decision, the registry it was decided with, and what followed (attestations,
 * credential releases, the emergency review). Every value from the journal goes through {@link Html#text}.
 */
final class ChangeSection {
    static final String UNVERIFIED = "<p class=\"unverified\">UNVERIFIED JOURNAL: this page was rendered from a"
            + " journal that did not verify</p>\n";
    private final StringBuilder out;
    private final Instant now;

    ChangeSection(StringBuilder out, Instant now) {
        this.out = out;
        this.now = now;
    }

    void write(ChangeRecords c, boolean unverified) {
        out.append("<section class=\"change\">\n");
        if (unverified) {
            out.append(UNVERIFIED);
        }
        out.append("<h2>").append(Html.text(c.changeId().isEmpty() ? "(no change id)" : c.changeId()))
                .append(" &middot; ").append(Html.text(c.system()))
                .append(" <span class=\"outcome o-").append(Html.text(c.outcome())).append("\">")
                .append(Html.text(c.outcome())).append("</span>");
        if (c.emergency()) {
            out.append(" <span class=\"emergency\">EMERGENCY ").append(Html.text(c.incidentId())).append("</span>");
        }
        out.append("</h2>\n<p class=\"gate\">").append(Html.text(c.job())).append(" #").append(Html.text(c.build()))
                .append("</p>\n");
        request(c);
        documentation(c);
        table("Approvals", c.approvals(), List.of("time", "user", "group", "comment"));
        table("Refused attempts", c.refused(), List.of("time", "user", "reason", "attempt"));
        table("Other steps", c.steps(), List.of("time", "type", "user", "reason"));
        decision(c);
        table("Attestations", c.attestations(), List.of("time", "keyId", "envelopeSha256", "predicateType"));
        table("Gated credentials", c.credentials(), List.of("time", "type", "credentialId", "reason", "emergency"));
        if (c.emergency()) {
            review(c);
        }
        out.append("</section>\n");
    }

    private void request(ChangeRecords c) {
        out.append("<h3>Request</h3>\n<dl>");
        if (c.request().isEmpty()) {
            item("requested", "(no request record among the records shown)");
        } else {
            JournalRecord r = c.request().get();
            item("requested", time(r));
            item("started by", r.text("user"));
            item("commit", r.text("commit"));
            item("requirement", r.text("requirement"));
            item("approvals needed", r.text("approvalsNeeded"));
            item("deadline", r.text("deadline"));
            item("commit authors", list(r.fields().get("commitAuthors")));
            item("upstream starters", list(r.fields().get("upstreamStarters")));
            item("overlays", list(r.fields().get("overlays")));
            if (r.fields().get("aiAssisted") instanceof Map) {
                item("AI-assisted", String.valueOf(((Map<?, ?>) r.fields().get("aiAssisted")).get("reason")));
            }
        }
        out.append("</dl>\n");
    }

    private void documentation(ChangeRecords c) {
        out.append("<h3>Documentation evidence</h3>\n");
        if (c.documentation().isEmpty()) {
            out.append("<p class=\"none\">none recorded</p>\n");
            return;
        }
        for (JournalRecord r : c.documentation()) {
            Object e = r.fields().get("evidence");
            Map<?, ?> evidence = e instanceof Map ? (Map<?, ?>) e : Map.of();
            out.append("<dl>");
            item("checked", time(r));
            item("URL", r.text("url"));
            item("verdict", r.text("outcome") + (Boolean.TRUE.equals(r.fields().get("advisory"))
                    ? " (advisory: an emergency gate records it and does not block)" : ""));
            item("final URL", value(evidence.get("finalUrl")));
            item("HTTP status", value(evidence.get("status")));
            item("SHA-256", value(evidence.get("sha256")));
            item("title", value(evidence.get("title")));
            item("detail", value(evidence.get("detail")));
            out.append("</dl>\n");
        }
    }

    private void decision(ChangeRecords c) {
        out.append("<h3>Decision</h3>\n<dl>");
        if (c.decision().isEmpty()) {
            item("outcome", "PENDING: no decision among the records shown");
        } else {
            JournalRecord d = c.decision().get();
            item("outcome", c.outcome());
            item("decided", time(d));
            item("approvers", list(d.fields().get("approvers")));
            item("reason", d.text("reason"));
            c.timeToDecision().ifPresent(t -> item("waited", HtmlReport.duration(t)));
        }
        Object registry = c.request().map(r -> r.fields().get("registry")).orElse(null);
        if (!(registry instanceof Map)) {
            registry = c.decision().map(r -> r.fields().get("registry")).orElse(null);
        }
        if (registry instanceof Map) {
            Map<?, ?> version = (Map<?, ?>) registry;
            item("registry version", "sha256 " + value(version.get("sha256")) + ", loaded "
                    + value(version.get("loadedAt")) + " from " + value(version.get("source")));
        } else {
            item("registry version", "not recorded");
        }
        out.append("</dl>\n");
    }

    private void review(ChangeRecords c) {
        JournalRecord d = c.decision().orElse(null);
        String state;
        JournalRecord done = c.reviews().stream().filter(r -> r.type().name().equals("EMERGENCY_REVIEWED"))
                .findFirst().orElse(null);
        if (done != null) {
            state = "reviewed by " + done.text("user") + " (" + done.text("verdict") + ") at " + time(done)
                    + (done.text("text").isEmpty() ? "" : ": " + done.text("text"));
        } else if (d == null || !"APPROVED".equals(c.outcome())) {
            state = "no review owed (not an approved emergency change)";
        } else {
            String due = d.text("reviewDue");
            boolean overdue = parse(due).map(now::isAfter).orElse(false);
            state = (overdue ? "OVERDUE" : "open") + (due.isEmpty() ? "" : ", due " + due);
        }
        out.append("<h3>Emergency review</h3>\n<dl>");
        item("incident", c.incidentId());
        item("review", state);
        out.append("</dl>\n");
        table("Refused reviews", c.reviews().stream().filter(r -> r != done).toList(),
                List.of("time", "user", "verdict", "reason"));
    }

    private static java.util.Optional<Instant> parse(String instant) {
        try {
            return java.util.Optional.of(Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private void table(String title, List<JournalRecord> records, List<String> columns) {
        if (records.isEmpty()) {
            if (title.equals("Approvals") || title.equals("Refused attempts")) {
                out.append("<h3>").append(title).append("</h3>\n<p class=\"none\">none</p>\n");
            }
            return;
        }
        out.append("<h3>").append(title).append("</h3>\n<table><tr>");
        for (String column : columns) {
            out.append("<th>").append(column).append("</th>");
        }
        out.append("</tr>\n");
        for (JournalRecord r : records) {
            out.append("<tr>");
            for (String column : columns) {
                String cell = column.equals("time") ? time(r) : column.equals("type") ? r.type().name()
                        : r.text(column);
                out.append("<td>").append(Html.text(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private void item(String name, String value) {
        if (!value.isEmpty()) {
            out.append("<dt>").append(name).append("</dt><dd>").append(Html.text(value)).append("</dd>");
        }
    }

    private static String time(JournalRecord r) {
        return HtmlReport.time(r.time()) + " (seq " + r.seq() + ")";
    }

    private static String value(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String list(Object v) {
        return v instanceof List ? String.join(", ", ((List<?>) v).stream().map(String::valueOf).toList()) : "";
    }
}
