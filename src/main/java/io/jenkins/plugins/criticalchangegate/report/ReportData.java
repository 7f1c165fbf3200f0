package io.jenkins.plugins.criticalchangegate.report;

import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report shows, read from a journal through a {@link JournalQuery} (the filters of {@code audit export}):
 * the gates in the order they were asked for, the records that belong to no gate, and the summaries and chart series
 * computed from the gates. Times are grouped in UTC, as the journal writes them.
 */
public final class ReportData {
    /** The outcomes in the order charts and tables show them. */
    public static final List<String> OUTCOMES = List.of("APPROVED", "REJECTED", "EXPIRED", "ABORTED", "DENIED",
            "NOT_CRITICAL", "PENDING");

    private final List<ChangeRecords> changes;
    private final List<JournalRecord> others;
    private final long records;

    private ReportData(List<ChangeRecords> changes, List<JournalRecord> others, long records) {
        this.changes = Collections.unmodifiableList(changes);
        this.others = Collections.unmodifiableList(others);
        this.records = records;
    }

    /**
     * Reads the matching records of a journal and groups them into gates.
     *
     * @throws IOException when a file cannot be read or a line is not a record (the message names file and line)
     */
    public static ReportData read(Path dir, JournalQuery query) throws IOException {
        Map<String, ChangeRecords> byKey = new LinkedHashMap<>();
        Map<String, ChangeRecords> lastOfBuild = new LinkedHashMap<>();
        List<JournalRecord> others = new ArrayList<>();
        long[] count = {0};
        query.forEach(dir, (record, line) -> {
            count[0]++;
            boolean gate = record.fields().get("job") instanceof String && record.fields().get("system") != null;
            if (!gate) {
                others.add(record);
                return;
            }
            if (!record.fields().containsKey("changeId")) {
                // credentials records name the build and system, not the change: they belong to that build's gate
                ChangeRecords owner = lastOfBuild.get(ChangeRecords.buildKey(record));
                if (owner == null) {
                    others.add(record);
                } else {
                    owner.add(record);
                }
                return;
            }
            ChangeRecords change = byKey.computeIfAbsent(ChangeRecords.key(record), k -> new ChangeRecords(
                    record.text("job"), record.text("build"), record.text("system"), record.text("changeId")));
            lastOfBuild.put(ChangeRecords.buildKey(record), change);
            change.add(record);
        });
        List<ChangeRecords> changes = new ArrayList<>(byKey.values());
        changes.sort((a, b) -> a.requestedAt().compareTo(b.requestedAt()));
        return new ReportData(changes, others, count[0]);
    }

    public List<ChangeRecords> changes() {
        return changes;
    }

    /** Records of no gate: the journal's creation, key exports and rotations, credentials of no gate here. */
    public List<JournalRecord> others() {
        return others;
    }

    /** How many records matched the filters. */
    public long records() {
        return records;
    }

    /** Per system (as first written), the number of gates by outcome. */
    public Map<String, Map<String, Integer>> bySystem() {
        Map<String, Map<String, Integer>> table = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ChangeRecords c : changes) {
            count(table, c.system(), c.outcome());
        }
        return table;
    }

    /** Per month of the request ({@code 2026-11}, UTC), the number of gates by outcome. */
    public Map<String, Map<String, Integer>> byMonth() {
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        for (ChangeRecords c : changes) {
            count(table, c.requestedAt().atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7),
                    c.outcome());
        }
        return table;
    }

    /**
     * Per week of the request (the Monday it starts on, UTC), the number of gates by outcome; weeks without a gate
     * between the first and the last are present with none, so the chart's time axis has no holes.
     */
    public Map<LocalDate, Map<String, Integer>> byWeek() {
        Map<LocalDate, Map<String, Integer>> table = new TreeMap<>();
        for (ChangeRecords c : changes) {
            count(table, monday(c), c.outcome());
        }
        if (!table.isEmpty()) {
            LocalDate last = ((TreeMap<LocalDate, Map<String, Integer>>) table).lastKey();
            for (LocalDate w = ((TreeMap<LocalDate, Map<String, Integer>>) table).firstKey(); w.isBefore(last);
                    w = w.plusWeeks(1)) {
                table.computeIfAbsent(w, k -> new LinkedHashMap<>());
            }
        }
        return table;
    }

    private static LocalDate monday(ChangeRecords c) {
        return c.requestedAt().atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The time from request to decision of every gate that waited for people, in order of request. */
    public List<Duration> timesToDecision() {
        List<Duration> times = new ArrayList<>();
        for (ChangeRecords c : changes) {
            c.timeToDecision().ifPresent(times::add);
        }
        return times;
    }

    private static <K> void count(Map<K, Map<String, Integer>> table, K key, String outcome) {
        table.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(outcome, 1, Integer::sum);
    }
}
