package io.jenkins.plugins.criticalchangegate.audit;

import java.util.HashSet;
import java.util.Set;

/**
 * The gates of a journal that ended with one outcome, for {@code audit export --outcome} (docs/audit.md, "Exporting"):
 * a gate is its {@code job}, {@code build}, {@code system} and {@code changeId}; it ended with the outcome its
 * {@code DECIDED} record names ({@code NOT_CRITICAL} for the {@code NOT_CRITICAL} record). Every record of such a gate
 * matches: the one naming the same four, and one without {@code changeId} (the credentials records) naming the same
 * job, build and system. Holds the matching gates' keys only, not their records.
 */
final class GateOutcomes {
    private final String outcome;
    private final Set<String> gates = new HashSet<>();
    private final Set<String> builds = new HashSet<>();

    GateOutcomes(String outcome) {
        this.outcome = outcome;
    }

    /** Notes the gate of a record that ends one with the wanted outcome. */
    void note(JournalRecord record) {
        boolean ends = record.type() == AuditEventType.DECIDED || record.type() == AuditEventType.NOT_CRITICAL;
        if (ends && outcome.equals(record.text("outcome"))) {
            gates.add(gateKey(record));
            builds.add(buildKey(record));
        }
    }

    /** Whether a record belongs to a gate that ended with the outcome. */
    boolean contains(JournalRecord record) {
        if (!record.fields().containsKey("job") || !record.fields().containsKey("system")) {
            return false;
        }
        return record.fields().containsKey("changeId") ? gates.contains(gateKey(record))
                : builds.contains(buildKey(record));
    }

    private static String buildKey(JournalRecord r) {
        return QueryValues.id(r.text("job")) + "\n" + r.text("build") + "\n" + QueryValues.id(r.text("system"));
    }

    private static String gateKey(JournalRecord r) {
        return buildKey(r) + "\n" + QueryValues.id(r.text("changeId"));
    }
}
