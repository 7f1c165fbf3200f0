package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The export as it was before issue 17's performance work, kept unchanged as the oracle of
 * {@link ExportDifferentialTest}: the new export must write exactly these bytes.
 *
 * <p>A filter over journal records (system, job, outcome, user, time range) and the streaming exports built on it. Reads
 * one line at a time, whatever the journal's size. Reading does not verify the chain: run {@link JournalVerifier}
 * for that; a line that is not a record stops the query with an error naming the file and line.
 *
 * <p>Immutable; build with {@link #builder()}. An unset criterion matches everything.
 */
final class LegacyJournalQuery {
    /** The CSV columns, in order (docs/audit.md, "Exporting"). */
    public static final List<String> CSV_COLUMNS = List.of("seq", "time", "type", "job", "build", "system",
            "changeId", "commit", "user", "outcome", "reason", "url", "approvers", "details", "prev", "hash");
    private static final List<String> OWN_COLUMNS = List.of("job", "build", "system", "changeId", "commit", "user",
            "outcome", "reason", "url", "approvers");

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

    private LegacyJournalQuery(Builder b) {
        this.system = QueryValues.text("--system", b.system);
        this.job = QueryValues.text("--job", b.job);
        this.outcome = QueryValues.outcome(b.outcome);
        this.user = QueryValues.text("--user", b.user);
        this.change = QueryValues.text("--change", b.change);
        this.type = QueryValues.type(b.type);
        this.gate = QueryValues.gate(b.gate);
        this.since = b.since;
        this.until = b.until;
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
        LegacyGateOutcomes gates = new LegacyGateOutcomes(outcome);
        read(dir, (record, line) -> gates.note(record));
        read(dir, (record, line) -> {
            if (gates.contains(record) && matches(record)) {
                sink.accept(record, line);
            }
        });
    }

    /** Every record of the journal, in order; a line that is not a record (or not UTF-8) stops it. */
    private static void read(Path dir, RecordSink sink) throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        if (files.isEmpty()) {
            throw new IOException("no journal-NNNNNN.jsonl files in " + dir);
        }
        JournalLines.read(files, new JournalLines.Handler() {
            @Override
            public void line(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length)
                    throws IOException {
                String text;
                try {
                    text = JournalLines.utf8(bytes, offset, length);
                } catch (CharacterCodingException e) {
                    throw new IOException(file.name() + " line " + number + ": not a journal record (not valid"
                            + " UTF-8); run 'audit verify'");
                }
                JournalRecord record;
                try {
                    record = RecordFormat.parse(text);
                } catch (RecordFormat.MalformedRecordException e) {
                    throw new IOException(file.name() + " line " + number + ": not a journal record ("
                            + e.getMessage() + "); run 'audit verify'");
                }
                sink.accept(record, text);
            }

            @Override
            public void overlong(JournalFiles.Entry file, long number) throws IOException {
                throw new IOException(file.name() + " line " + number + ": longer than any record can be; run"
                        + " 'audit verify'");
            }

            @Override
            public void torn(JournalFiles.Entry file, long number) throws IOException {
                throw new IOException(file.name() + " line " + number + ": a torn line without a final line feed"
                        + " (opening the journal moves it to quarantine); run 'audit verify'");
            }
        });
    }

    /**
     * Writes the matching records as a JSON array, one record per line, each exactly as it stands in the journal
     * (so its hash can still be checked).
     */
    public void exportJson(Path dir, Writer out) throws IOException {
        out.write("[");
        boolean[] first = {true};
        forEach(dir, (record, line) -> {
            out.write(first[0] ? "\n" : ",\n");
            first[0] = false;
            out.write(line);
        });
        out.write("\n]\n");
        out.flush();
    }

    /**
     * Writes the matching records as CSV (RFC 4180: CRLF line ends, a header, fields quoted when they hold a comma,
     * quote, CR or LF). A cell that a spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR)
     * gets a leading {@code '} (OWASP, "CSV Injection"). {@code approvers} are joined with {@code ;}; the fields with no
     * column of their own go into {@code details} as canonical JSON.
     */
    public void exportCsv(Path dir, Writer out) throws IOException {
        out.write(String.join(",", CSV_COLUMNS));
        out.write("\r\n");
        forEach(dir, (record, line) -> {
            Map<String, Object> details = new LinkedHashMap<>(record.fields());
            OWN_COLUMNS.forEach(details::remove);
            Object approvers = record.fields().get("approvers");
            String[] cells = {
                Long.toString(record.seq()), RecordFormat.TIME.format(record.time()), record.type().name(),
                record.text("job"), record.text("build"), record.text("system"), record.text("changeId"),
                record.text("commit"), record.text("user"), record.text("outcome"), record.text("reason"),
                record.text("url"), approvers instanceof List ? joinStrings((List<?>) approvers) : "",
                details.isEmpty() ? "" : new String(CanonicalJson.encode(details), StandardCharsets.UTF_8),
                record.prev(), record.hash()
            };
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csvCell(cells[i]));
            }
            out.write("\r\n");
        });
        out.flush();
    }

    private static String joinStrings(List<?> values) {
        StringBuilder s = new StringBuilder();
        for (Object v : values) {
            if (s.length() > 0) {
                s.append(';');
            }
            s.append(v);
        }
        return s.toString();
    }

    /** One CSV cell: neutralised against formula injection, then quoted as RFC 4180 requires. */
    static String csvCell(String value) {
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\r') >= 0 || cell.indexOf('\n') >= 0) {
            cell = "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
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

        private Builder() {
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
        public LegacyJournalQuery build() {
            if (since != null && until != null && !since.isBefore(until)) {
                throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
            }
            return new LegacyJournalQuery(this);
        }
    }

    @Override
    public String toString() {
        return "LegacyJournalQuery[system=" + system + ", job=" + job + ", outcome=" + outcome + ", user=" + user
                + ", change=" + change + ", type=" + type + ", gate=" + (gate == null ? null : gate[0] + "#" + gate[1])
                + ", since=" + since + ", until=" + until + "]";
    }

    static final class LegacyGateOutcomes {
        private final String outcome;
        private final Set<String> gates = new HashSet<>();
        private final Set<String> builds = new HashSet<>();

        LegacyGateOutcomes(String outcome) {
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
}
