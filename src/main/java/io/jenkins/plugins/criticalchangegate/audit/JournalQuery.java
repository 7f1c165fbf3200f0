package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A filter over journal records (system, job, outcome, user, time range) and the streaming exports built on it. Reads
 * one line at a time, whatever the journal's size. Reading does not verify the chain: run {@link JournalVerifier}
 * for that; a line that is not a record stops the query with an error naming the file and line.
 *
 * <p>Immutable; build with {@link #builder()}. An unset criterion matches everything.
 */
public final class JournalQuery {
    /** The CSV columns, in order (docs/audit.md, "Exporting"). */
    public static final List<String> CSV_COLUMNS = CsvRows.COLUMNS;

    @CheckForNull
    private final String system;
    @CheckForNull
    private final String job;
    @CheckForNull
    private final String outcome;
    @CheckForNull
    private final String user;
    @CheckForNull
    private final String change;
    @CheckForNull
    private final AuditEventType type;
    /** {@code JOB#BUILD}: the job (lower case) and the build number. */
    @CheckForNull
    private final String[] gate;
    @CheckForNull
    private final Instant since;
    @CheckForNull
    private final Instant until;
    /** The last record read, for a live journal (Long.MAX_VALUE: to the end). */
    private final long through;

    private JournalQuery(Builder b) {
        this.system = QueryValues.text("--system", b.system);
        this.job = QueryValues.text("--job", b.job);
        this.outcome = QueryValues.outcome(b.outcome);
        this.user = QueryValues.text("--user", b.user);
        this.change = QueryValues.text("--change", b.change);
        this.type = QueryValues.type(b.type);
        this.gate = QueryValues.gate(b.gate);
        this.since = b.since;
        this.until = b.until;
        this.through = b.through;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a query hands each matching record to. */
    @FunctionalInterface
    public interface RecordSink {
        /**
         * Takes one record.
         *
         * @param record the parsed record
         * @param line its line in the journal, without the line feed
         */
        void accept(JournalRecord record, String line) throws IOException;
    }

    /**
     * Whether a record matches every criterion but {@code outcome} (which needs the whole journal: {@link #forEach}):
     * {@code system}, {@code job}, {@code change} ({@code changeId}) equal ignoring case; {@code user} equal ignoring
     * case to the record's {@code user} or one of its {@code approvers}; {@code type}; {@code gate} the record's
     * {@code job} and {@code build}; {@code since} inclusive, {@code until} exclusive.
     */
    public boolean matches(JournalRecord record) {
        if (!same(system, record, "system") || !same(job, record, "job") || !same(change, record, "changeId")) {
            return false;
        }
        if (type != null && record.type() != type) {
            return false;
        }
        if (gate != null && (!same(gate[0], record, "job") || !gate[1].equals(record.text("build")))) {
            return false;
        }
        if (user != null && !same(user, record, "user")) {
            Object approvers = record.fields().get("approvers");
            if (!(approvers instanceof List) || ((List<?>) approvers).stream()
                    .noneMatch(a -> a instanceof String && QueryValues.id((String) a).equals(user))) {
                return false;
            }
        }
        if (since != null && record.time().isBefore(since)) {
            return false;
        }
        return until == null || record.time().isBefore(until);
    }

    private static boolean same(@CheckForNull String wanted, JournalRecord record, String field) {
        return wanted == null || record.fields().get(field) instanceof String
                && QueryValues.id((String) record.fields().get(field)).equals(wanted);
    }

    /**
     * Streams the matching records of a journal, in order.
     *
     * @param dir the journal's directory
     * @param sink takes each matching record
     * @throws IOException when a file cannot be read, or a line is not a record (the message names file and line)
     */
    public void forEach(Path dir, RecordSink sink) throws IOException {
        if (outcome == null) {
            read(dir, (record, line) -> {
                if (matches(record)) {
                    sink.accept(record, line);
                }
            });
            return;
        }
        // --outcome: every record of a gate that ended so; the outcome is in the gate's last record, so read twice
        GateOutcomes gates = new GateOutcomes(outcome);
        read(dir, (record, line) -> gates.note(record));
        read(dir, (record, line) -> {
            if (gates.contains(record) && matches(record)) {
                sink.accept(record, line);
            }
        });
    }

    /**
     * Every record of the journal, in order; a line that is not a record (or not UTF-8) stops it. With
     * {@link Builder#through}, reading ends at that record: what a live journal appends meanwhile (a line still being
     * written, a file begun by rotation) is neither read nor taken for damage.
     */
    private void read(Path dir, RecordSink sink) throws IOException {
        JournalExport.readThrough(JournalExport.files(dir), new JournalExport.StrictLines(through) {
            @Override
            void record(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length)
                    throws IOException {
                JournalRecord record = JournalExport.parse(file, number, bytes, offset, length);
                pass(record.seq());
                sink.accept(record, JournalLines.utf8(bytes, offset, length));
            }
        });
    }

    /** The last record read ({@link Builder#through}); {@code Long.MAX_VALUE} reads to the end. */
    long through() {
        return through;
    }

    /**
     * Writes the matching records as a JSON array, one record per line, each exactly as it stands in the journal
     * (so its hash can still be checked).
     */
    public void exportJson(Path dir, OutputStream out) throws IOException {
        JournalExport.write(this, dir, JournalExport.Format.JSON, out);
    }

    /**
     * Writes the matching records as CSV (RFC 4180: CRLF line ends, a header, fields quoted when they hold a comma,
     * quote, CR or LF). A cell that a spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR)
     * gets a leading {@code '} (OWASP, "CSV Injection"). {@code approvers} are joined with {@code ;}; the fields with no
     * column of their own go into {@code details} as canonical JSON.
     */
    public void exportCsv(Path dir, OutputStream out) throws IOException {
        JournalExport.write(this, dir, JournalExport.Format.CSV, out);
    }

    /** The gates to note for {@code --outcome} (a new, empty set), or null without that filter. */
    @CheckForNull
    GateOutcomes gateOutcomes() {
        return outcome == null ? null : new GateOutcomes(outcome);
    }

    /** {@link #matches(JournalRecord)} for a record read in place; {@code scratch} is reused. */
    boolean matches(RecordView v, ByteText scratch) {
        if (system != null && !v.stringIdEquals(v.member(RecordView.SYSTEM), system, scratch)
                || job != null && !v.stringIdEquals(v.member(RecordView.JOB), job, scratch)
                || change != null && !v.stringIdEquals(v.member(RecordView.CHANGE_ID), change, scratch)
                || type != null && !v.isType(type)) {
            return false;
        }
        if (gate != null) {
            int build = v.member(RecordView.BUILD);
            scratch.clear();
            if (build >= 0) {
                v.text(build, scratch);
            }
            if (!scratch.equalsAscii(gate[1]) || !v.stringIdEquals(v.member(RecordView.JOB), gate[0], scratch)) {
                return false;
            }
        }
        if (user != null && !v.stringIdEquals(v.member(RecordView.USER), user, scratch) && !approver(v, user, scratch)) {
            return false;
        }
        if (since != null && v.timeBefore(since)) {
            return false;
        }
        return until == null || v.timeBefore(until);
    }

    /** Whether {@code user} is one of the record's {@code approvers} (a string element, compared as an id). */
    private static boolean approver(RecordView v, String user, ByteText scratch) {
        int approvers = v.member(RecordView.APPROVERS);
        if (approvers < 0 || v.kind(approvers) != '[') {
            return false;
        }
        byte[] b = v.bytes();
        for (int at = v.valueAt(approvers) + 1; b[at] != ']';) {
            int end = v.valueEndAt(at);
            if (b[at] == '"' && v.idEquals(at, end, user, scratch)) {
                return true;
            }
            at = b[end] == ',' ? end + 1 : end;
        }
        return false;
    }

    /** Builds a {@link JournalQuery}. */
    public static final class Builder {
        @CheckForNull
        private String system;
        @CheckForNull
        private String job;
        @CheckForNull
        private String outcome;
        @CheckForNull
        private String user;
        @CheckForNull
        private String change;
        @CheckForNull
        private String type;
        @CheckForNull
        private String gate;
        @CheckForNull
        private Instant since;
        @CheckForNull
        private Instant until;
        private long through = Long.MAX_VALUE;

        private Builder() {
        }

        /**
         * Reads the journal only up to and including the record with this seq: for a journal being written, the last
         * record known to be whole when the query starts (docs/audit.md, "The audit page in Jenkins").
         */
        public Builder through(long lastSeq) {
            if (lastSeq < 0) {
                throw new IllegalArgumentException("through must be a seq, not " + lastSeq);
            }
            this.through = lastSeq;
            return this;
        }

        public Builder system(@CheckForNull String system) {
            this.system = system;
            return this;
        }

        public Builder job(@CheckForNull String job) {
            this.job = job;
            return this;
        }

        public Builder outcome(@CheckForNull String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder user(@CheckForNull String user) {
            this.user = user;
            return this;
        }

        /** Records with this {@code changeId} (ignoring case). */
        public Builder change(@CheckForNull String change) {
            this.change = change;
            return this;
        }

        /** Records of this type (ignoring case); {@link #build()} refuses an unknown one. */
        public Builder type(@CheckForNull String type) {
            this.type = type;
            return this;
        }

        /** Records of the gates of one build: {@code JOB#BUILD}. */
        public Builder gate(@CheckForNull String gate) {
            this.gate = gate;
            return this;
        }

        /** Records at or after this time. */
        public Builder since(@CheckForNull Instant since) {
            this.since = since;
            return this;
        }

        /** Records before this time. */
        public Builder until(@CheckForNull Instant until) {
            this.until = until;
            return this;
        }

        /**
         * The query.
         *
         * @throws IllegalArgumentException for an empty value, an unknown type or outcome (with "did you mean"), a
         *     gate that is not {@code JOB#BUILD}, or {@code since} not before {@code until}
         */
        public JournalQuery build() {
            if (since != null && until != null && !since.isBefore(until)) {
                throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
            }
            return new JournalQuery(this);
        }
    }

    @Override
    public String toString() {
        return "JournalQuery[system=" + system + ", job=" + job + ", outcome=" + outcome + ", user=" + user
                + ", change=" + change + ", type=" + type + ", gate=" + (gate == null ? null : gate[0] + "#" + gate[1])
                + ", since=" + since + ", until=" + until + "]";
    }
}
