package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import hudson.security.Permission;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.CanonicalJson;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One build's gate records, as {@code audit export --gate JOB#BUILD} selects them: request, documentation evidence,
 * approvals, refused attempts with their reasons, decision, in the journal's order. Immutable; Jenkins-free. Every value
 * comes from the journal (user-supplied comments among them) and is escaped by the page (Jelly escape-by-default).
 */
public final class GateView {
    /** At most this many records are shown; a gate has a few dozen. */
    static final int LIMIT = 2_000;

    private final String gate;
    @CheckForNull
    private final String error;
    private final List<Line> lines;
    private final boolean cut;

    private GateView(String gate, @CheckForNull String error, List<Line> lines, boolean cut) {
        this.gate = gate;
        this.error = error;
        this.lines = Collections.unmodifiableList(lines);
        this.cut = cut;
    }

    static GateView of(String gate, List<JournalRecord> records, boolean cut) {
        List<Line> lines = new ArrayList<>();
        for (JournalRecord r : records) {
            lines.add(new Line(r));
        }
        return new GateView(gate, null, lines, cut);
    }

    static GateView refused(String gate, String error) {
        return new GateView(gate, error, List.of(), false);
    }

    public String getDisplayName() {
        return "Gate " + gate;
    }

    /** What the page's layout checks: the audit permission (the view is reached only through the audit page). */
    public Permission getPermission() {
        return AuditPermission.AUDIT;
    }

    public String getGate() {
        return gate;
    }

    @CheckForNull
    public String getError() {
        return error;
    }

    public List<Line> getLines() {
        return lines;
    }

    /** Whether more records matched than are shown. */
    public boolean isCut() {
        return cut;
    }

    public int getLimit() {
        return LIMIT;
    }

    /** The query that downloads these records. */
    public String getQueryString() {
        return SearchView.queryString(Map.of("gate", gate));
    }

    /** One record. */
    public static final class Line {
        private static final List<String> OWN = List.of("user", "outcome", "reason", "system", "changeId", "job",
                "build");
        private final JournalRecord record;

        Line(JournalRecord record) {
            this.record = record;
        }

        public long getSeq() {
            return record.seq();
        }

        public String getTime() {
            return record.time().toString();
        }

        public String getType() {
            return record.type().name();
        }

        public String getUser() {
            return record.text("user");
        }

        public String getSystem() {
            return record.text("system");
        }

        public String getChangeId() {
            return record.text("changeId");
        }

        /** The outcome or the reason (a refused attempt's, a rejection's). */
        public String getOutcome() {
            String outcome = record.text("outcome");
            String reason = record.text("reason");
            return outcome.isEmpty() ? reason : reason.isEmpty() ? outcome : outcome + ": " + reason;
        }

        /** The record's other fields (documentation URL and evidence, comment, group...), as canonical JSON. */
        public String getDetails() {
            Map<String, Object> rest = new LinkedHashMap<>(record.fields());
            OWN.forEach(rest::remove);
            return rest.isEmpty() ? "" : new String(CanonicalJson.encode(rest), StandardCharsets.UTF_8);
        }
    }
}
