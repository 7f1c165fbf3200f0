package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import hudson.security.Permission;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.report.GateListing;
import io.jenkins.plugins.criticalchangegate.report.GateRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search page: the filters as given, and either the gates they match (newest first, at most {@link #LIMIT}) or why
 * the filters were refused, in the tool's words. Immutable; Jenkins-free.
 */
public final class SearchView {
    /** At most this many gates are listed; the rest are counted ("N more"). */
    static final int LIMIT = 200;

    private final Map<String, String> filters;
    @CheckForNull
    private final String error;
    private final List<Row> rows;
    private final long more;
    private final long records;

    private SearchView(Map<String, String> filters, @CheckForNull String error, List<Row> rows, long more,
            long records) {
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        this.error = error;
        this.rows = Collections.unmodifiableList(rows);
        this.more = more;
        this.records = records;
    }

    static SearchView of(Map<String, String> filters, GateListing listing) {
        List<Row> rows = new ArrayList<>();
        for (GateRow r : listing.rows()) {
            rows.add(new Row(r));
        }
        return new SearchView(filters, null, rows, listing.more(), listing.records());
    }

    /** Filters that were refused, or a journal that could not be read: the message, no rows. */
    static SearchView refused(Map<String, String> filters, String error) {
        return new SearchView(filters, error, List.of(), 0, 0);
    }

    public String getDisplayName() {
        return "Audit journal search";
    }

    /** What the page's layout checks: the audit permission (the view is reached only through the audit page). */
    public Permission getPermission() {
        return AuditPermission.AUDIT;
    }

    /** The filters' names, in the tool's order, for the form. */
    public List<String> getFilterNames() {
        return JournalFilters.NAMES;
    }

    /** The value given for a filter, empty when it was not. */
    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    /** The filters as the tool would be given them, for the reader. */
    public String getDescription() {
        String d = JournalFilters.describe(filters);
        return d.isEmpty() ? "none (the whole journal)" : d;
    }

    /** The filters as a query string, for the download links. */
    public String getQueryString() {
        return queryString(filters);
    }

    static String queryString(Map<String, String> filters) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : filters.entrySet()) {
            q.append(q.length() == 0 ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    @CheckForNull
    public String getError() {
        return error;
    }

    public List<Row> getRows() {
        return rows;
    }

    /** How many matching gates are not listed (the oldest). */
    public long getMore() {
        return more;
    }

    public long getRecords() {
        return records;
    }

    public int getLimit() {
        return LIMIT;
    }

    /** One gate. */
    public static final class Row {
        private final GateRow gate;

        Row(GateRow gate) {
            this.gate = gate;
        }

        public String getJob() {
            return gate.job();
        }

        public String getBuild() {
            return gate.build();
        }

        public String getSystem() {
            return gate.system();
        }

        public String getChangeId() {
            return gate.changeId();
        }

        public String getOutcome() {
            return gate.outcome();
        }

        public String getRequested() {
            return gate.requested().toString();
        }

        /** When it was decided; empty while pending. */
        public String getDecided() {
            return gate.decided().map(Object::toString).orElse("");
        }

        public String getApprovers() {
            return String.join(", ", gate.approvers());
        }

        /** The link to this gate's records: the {@code gate} filter, {@code JOB#BUILD}, encoded. */
        public String getGateQuery() {
            return "gate=" + URLEncoder.encode(gate.gateFilter(), StandardCharsets.UTF_8);
        }
    }
}
