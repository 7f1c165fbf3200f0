package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The emergency (break-glass) approvals of a journal and their reviews, issue 16: every {@code DECIDED} record with
 * {@code emergency: true} and outcome {@code APPROVED} opens a review obligation due at its {@code reviewDue}; the
 * first {@code EMERGENCY_REVIEWED} record of the same gate closes it. What {@code audit emergencies} lists and the
 * administrative monitor in Jenkins shows, computed the same way from the records alone.
 *
 * <p>Times are the records' instants (UTC, ISO-8601), so "overdue" ({@code now} after {@code reviewDue} with no
 * review) never depends on the controller's or the reader's time zone, nor on restarts: the due time is written
 * once, when the gate is approved.
 */
public final class EmergencyReviews {
    private final List<Entry> entries;

    private EmergencyReviews(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No emergency approval: a journal that does not exist yet, or one that could not be read. */
    public static EmergencyReviews none() {
        return new EmergencyReviews(List.of());
    }

    /**
     * Reads the journal in {@code dir}, as {@code audit export} does (a line that is not a record stops it).
     *
     * @throws IOException when the journal cannot be read, or a line is not a record, or an emergency record lacks
     *     its times (the message names the record)
     */
    public static EmergencyReviews read(Path dir) throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        JournalQuery.builder().build().forEach(dir, (record, line) -> {
            if (record.type() == AuditEventType.DECIDED || record.type() == AuditEventType.EMERGENCY_REVIEWED) {
                records.add(record);
            }
        });
        return of(records);
    }

    /**
     * From records already read, in journal order (other types are skipped).
     *
     * @throws IOException when an emergency record lacks its times or has malformed ones
     */
    public static EmergencyReviews of(List<JournalRecord> records) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<JournalRecord> claimed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord record = records.get(i);
            if (record.type() != AuditEventType.DECIDED || !Boolean.TRUE.equals(record.fields().get(
                    EmergencyRecords.EMERGENCY)) || !"APPROVED".equals(record.fields().get("outcome"))) {
                continue;
            }
            // the first review of the same gate after the approval, not taken by an earlier approval of it
            JournalRecord review = null;
            for (JournalRecord later : records.subList(i + 1, records.size())) {
                if (later.type() == AuditEventType.EMERGENCY_REVIEWED && !claimed.contains(later)
                        && Entry.sameGate(record, later)) {
                    review = later;
                    claimed.add(later);
                    break;
                }
            }
            entries.add(new Entry(record, review == null ? null : new ReviewRecord(review)));
        }
        return new EmergencyReviews(entries);
    }

    /** Every emergency approval, in journal order. */
    public List<Entry> all() {
        return entries;
    }

    /** Those not reviewed yet. */
    public List<Entry> open() {
        List<Entry> open = new ArrayList<>();
        for (Entry e : entries) {
            if (e.review().isEmpty()) {
                open.add(e);
            }
        }
        return open;
    }

    /** Those not reviewed whose review was due before {@code now}. */
    public List<Entry> overdue(Instant now) {
        List<Entry> overdue = new ArrayList<>();
        for (Entry e : entries) {
            if (e.overdue(now)) {
                overdue.add(e);
            }
        }
        return overdue;
    }

    /** One emergency approval and its review obligation. */
    public static final class Entry {
        private final String job;
        private final long build;
        private final String system;
        private final String changeId;
        private final String incidentId;
        @CheckForNull
        private final String gateId;
        private final Instant approvedAt;
        private final Instant reviewDue;
        private final List<String> approvers;
        private final List<String> reviewers;
        @CheckForNull
        private final ReviewRecord review;

        Entry(JournalRecord record, @CheckForNull ReviewRecord review) throws IOException {
            this.review = review;
            this.job = record.text("job");
            this.build = record.fields().get("build") instanceof Number
                    ? ((Number) record.fields().get("build")).longValue() : 0;
            this.system = record.text("system");
            this.changeId = record.text("changeId");
            this.incidentId = record.text(EmergencyRecords.INCIDENT_ID);
            String gate = record.text(EmergencyRecords.GATE_ID);
            this.gateId = gate.isEmpty() ? null : gate;
            this.approvedAt = instant(record, EmergencyRecords.APPROVED_AT);
            this.reviewDue = instant(record, EmergencyRecords.REVIEW_DUE);
            this.approvers = List.copyOf(strings(record.fields().get("approvers")));
            this.reviewers = List.copyOf(strings(record.fields().get("reviewers")));
        }

        /** Whether a review record is of the gate an approval record decided (the gate id compared when both have it). */
        static boolean sameGate(JournalRecord approval, JournalRecord review) {
            String gate = approval.text(EmergencyRecords.GATE_ID);
            String otherGate = review.text(EmergencyRecords.GATE_ID);
            for (String field : List.of("job", "build", "system", "changeId", EmergencyRecords.INCIDENT_ID)) {
                if (!approval.text(field).equals(review.text(field))) {
                    return false;
                }
            }
            return gate.isEmpty() || otherGate.isEmpty() || gate.equals(otherGate);
        }

        public String job() {
            return job;
        }

        public long build() {
            return build;
        }

        public String system() {
            return system;
        }

        public String changeId() {
            return changeId;
        }

        public String incidentId() {
            return incidentId;
        }

        public Optional<String> gateId() {
            return Optional.ofNullable(gateId);
        }

        public Instant approvedAt() {
            return approvedAt;
        }

        public Instant reviewDue() {
            return reviewDue;
        }

        public List<String> approvers() {
            return approvers;
        }

        public List<String> reviewers() {
            return reviewers;
        }

        public Optional<ReviewRecord> review() {
            return Optional.ofNullable(review);
        }

        /** Not reviewed, and {@code now} is after the due time. */
        public boolean overdue(Instant now) {
            return review == null && now.isAfter(reviewDue);
        }

        /**
         * The JSON object {@code audit emergencies} prints: {@code system}, {@code changeId}, {@code incidentId},
         * {@code approvedAt}, {@code reviewDue}, {@code review} (null, or {@code reviewer}, {@code verdict},
         * {@code text}, {@code at}), then {@code overdue} (at {@code now}), {@code job}, {@code build},
         * {@code gateId}, {@code approvers}, {@code reviewers}.
         */
        public Map<String, Object> json(Instant now) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("system", system);
            json.put("changeId", changeId);
            json.put("incidentId", incidentId);
            json.put("approvedAt", approvedAt.toString());
            json.put("reviewDue", reviewDue.toString());
            json.put("review", review == null ? null : review.json());
            json.put("overdue", overdue(now));
            json.put("job", job);
            json.put("build", build);
            json.put("gateId", gateId);
            json.put("approvers", approvers);
            json.put("reviewers", reviewers);
            return json;
        }

        @Override
        public String toString() {
            return "emergency approval of " + system + " change " + changeId + " (incident " + incidentId + ") at "
                    + approvedAt + ", review due " + reviewDue + (review == null ? ", not reviewed" : ", " + review);
        }
    }

    /** The review that closed an obligation. */
    public static final class ReviewRecord {
        private final String reviewer;
        private final String verdict;
        @CheckForNull
        private final String text;
        private final Instant at;

        ReviewRecord(JournalRecord record) {
            this.reviewer = record.text("user");
            this.verdict = record.text("verdict");
            String t = record.text("text");
            this.text = t.isEmpty() ? null : t;
            this.at = record.time();
        }

        public String reviewer() {
            return reviewer;
        }

        /** {@code accepted} or {@code needs-follow-up}. */
        public String verdict() {
            return verdict;
        }

        public Optional<String> text() {
            return Optional.ofNullable(text);
        }

        /** When it was journaled. */
        public Instant at() {
            return at;
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("reviewer", reviewer);
            json.put("verdict", verdict);
            json.put("text", text);
            json.put("at", at.toString());
            return json;
        }

        @Override
        public String toString() {
            return "reviewed by " + reviewer + " at " + at + ": " + verdict + (text == null ? "" : " (" + text + ")");
        }
    }

    private static Instant instant(JournalRecord record, String field) throws IOException {
        Object value = record.fields().get(field);
        if (!(value instanceof String)) {
            throw new IOException("record seq " + record.seq() + " (an emergency DECIDED) has no " + field);
        }
        try {
            return Instant.parse((String) value);
        } catch (DateTimeParseException e) {
            throw new IOException("record seq " + record.seq() + ": " + field + " '" + value + "' is not an"
                    + " ISO-8601 instant", e);
        }
    }

    private static List<String> strings(@CheckForNull Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List) {
            for (Object o : (List<?>) value) {
                out.add(Objects.toString(o));
            }
        }
        return out;
    }
}
