package io.jenkins.plugins.criticalchangegate.report;

import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gates a query matches, one row each, newest first, at most a given number of them (the audit page in Jenkins
 * lists them; issue 17): grouped as the report groups them ({@link ChangeRecords}: job, build, system and change id).
 * Memory stays bounded by the number shown: the records of at most that many gates are held at once (the most recently
 * asked for), and of the older ones only their key, to count them.
 */
public final class GateListing {
    private final List<GateRow> rows;
    private final long more;
    private final long records;

    private GateListing(List<GateRow> rows, long more, long records) {
        this.rows = Collections.unmodifiableList(rows);
        this.more = more;
        this.records = records;
    }

    /**
     * Reads the matching records of a journal and lists their gates.
     *
     * @param limit at most this many rows, the newest
     * @throws IOException when a file cannot be read or a line is not a record (the message names file and line)
     */
    public static GateListing read(Path dir, JournalQuery query, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        // in the order first seen, which is the order asked for: the eldest leaves first
        Map<String, ChangeRecords> kept = new LinkedHashMap<>();
        Set<String> dropped = new HashSet<>();
        long[] count = {0};
        query.forEach(dir, (record, line) -> {
            count[0]++;
            if (!isGateRecord(record)) {
                return; // the journal's own records, credentials records (which name no change): no row of theirs
            }
            String key = ChangeRecords.key(record);
            if (dropped.contains(key)) {
                return;
            }
            kept.computeIfAbsent(key, k -> new ChangeRecords(record.text("job"), record.text("build"),
                    record.text("system"), record.text("changeId"))).add(record);
            if (kept.size() > limit) {
                Iterator<String> eldest = kept.keySet().iterator();
                dropped.add(eldest.next());
                eldest.remove();
            }
        });
        List<GateRow> rows = new ArrayList<>();
        for (ChangeRecords c : kept.values()) {
            rows.add(GateRow.of(c));
        }
        rows.sort(Comparator.comparing(GateRow::requested).thenComparing(GateRow::firstSeq).reversed());
        return new GateListing(rows, dropped.size(), count[0]);
    }

    private static boolean isGateRecord(JournalRecord record) {
        // a gate's records name its change; a system that is not critical may be passed without one
        return record.fields().get("job") instanceof String && record.fields().get("system") != null
                && (record.fields().containsKey("changeId") || record.type() == AuditEventType.NOT_CRITICAL);
    }

    /** The gates shown, newest request first. */
    public List<GateRow> rows() {
        return rows;
    }

    /** How many more gates matched than are shown (the oldest ones). */
    public long more() {
        return more;
    }

    /** How many records matched the query. */
    public long records() {
        return records;
    }
}
