package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV export's rows (docs/audit.md, "Exporting"; RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF). A cell that a spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR) gets a
 * leading {@code '} (OWASP, "CSV Injection"). {@code approvers} are joined with {@code ;}; the fields with no column of
 * their own go into {@code details} as canonical JSON.
 *
 * <p>Two ways to the same bytes: a canonical line read in place ({@link RecordView}: the common case, which allocates
 * nothing), and a parsed {@link JournalRecord} (a line the journal would not have written so, or an odd value).
 * {@code ExportDifferentialTest} holds both to the export as it was before issue 17.
 */
final class CsvRows {
    /** The CSV columns, in order. */
    static final List<String> COLUMNS = List.of("seq", "time", "type", "job", "build", "system", "changeId", "commit",
            "user", "outcome", "reason", "url", "approvers", "details", "prev", "hash");
    /** The columns filled from the event's own fields, as text. */
    private static final List<String> OWN_COLUMNS = List.of("job", "build", "system", "changeId", "commit", "user",
            "outcome", "reason", "url", "approvers");
    /** Each column's member in {@link RecordView#KNOWN}; -1 for {@code details}. */
    private static final int[] KNOWN_OF_COLUMN = COLUMNS.stream().mapToInt(RecordView.KNOWN::indexOf).toArray();
    private static final byte[] HEADER = (String.join(",", COLUMNS) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ExportOutput out;
    private final ByteText cell = new ByteText();

    CsvRows(ExportOutput out) {
        this.out = out;
    }

    void header() throws IOException {
        out.write(HEADER, 0, HEADER.length);
    }

    /**
     * Writes the row of a record read in place.
     *
     * @return false, having written nothing, when the record is one for {@link #write(JournalRecord)} (an approver
     *     that is an array or object, which the parsed record prints in Java's notation)
     */
    boolean write(RecordView v) throws IOException {
        int approvers = v.member(RecordView.APPROVERS);
        if (approvers >= 0 && v.kind(approvers) == '[' && !flat(v, approvers)) {
            return false;
        }
        for (int c = 0; c < COLUMNS.size(); c++) {
            cell.clear();
            int k = KNOWN_OF_COLUMN[c];
            if (k == RecordView.APPROVERS) {
                if (approvers >= 0 && v.kind(approvers) == '[') {
                    join(v, approvers);
                }
            } else if (k < 0) {
                details(v);
            } else if (v.member(k) >= 0) {
                if (c > 0) {
                    out.write((byte) ',');
                }
                if (!writePlain(v, v.member(k), k)) {
                    v.text(v.member(k), cell);
                    writeCell();
                }
                continue;
            }
            if (c > 0) {
                out.write((byte) ',');
            }
            writeCell();
        }
        out.write((byte) '\r');
        out.write((byte) '\n');
        return true;
    }

    private static boolean flat(RecordView v, int array) {
        byte[] b = v.bytes();
        for (int at = v.valueAt(array) + 1; b[at] != ']';) {
            if (b[at] == '[' || b[at] == '{') {
                return false;
            }
            int end = v.valueEndAt(at);
            at = b[end] == ',' ? end + 1 : end;
        }
        return true;
    }

    private void join(RecordView v, int array) {
        byte[] b = v.bytes();
        boolean first = true;
        for (int at = v.valueAt(array) + 1; b[at] != ']';) {
            int end = v.valueEndAt(at);
            if (!first) {
                cell.append((byte) ';');
            }
            first = false;
            v.text(at, end, cell);
            at = b[end] == ',' ? end + 1 : end;
        }
    }

    /** The members without a column, as they stand: a canonical line's members are already canonical JSON. */
    private void details(RecordView v) {
        byte[] b = v.bytes();
        for (int i = 0; i < v.count(); i++) {
            if (v.knownOf(i) >= 0) { // seq time type prev hash and the own columns
                continue;
            }
            cell.append(cell.length() == 0 ? (byte) '{' : (byte) ',');
            cell.append(b, v.memberAt(i), v.valueEnd(i) - v.memberAt(i));
        }
        if (cell.length() > 0) {
            cell.append((byte) '}');
        }
    }

    /**
     * The cell of a member whose text is its bytes as they stand, straight from the line (issue 17: CSV was the slower
     * export, copying and testing every byte twice): a number or boolean, or a string without escapes and commas. A
     * canonical string holds no quote, CR or LF but escaped, so such a cell needs no quotes, only the formula guard.
     * The members whose values the scanner checked ({@link RecordView#checkedByScanner}) can hold none of those and
     * start with no formula character: they are written as they stand without a look.
     *
     * @param k which of {@link RecordView#KNOWN} the member is
     * @return false, having written nothing, for any other member: its text goes through {@link #writeCell}
     */
    private boolean writePlain(RecordView v, int member, int k) throws IOException {
        byte kind = v.kind(member);
        if (kind == '[' || kind == '{') {
            return false;
        }
        int from = v.valueAt(member);
        int to = v.valueEnd(member);
        if (kind == '"') {
            from++;
            to--;
        }
        byte[] b = v.bytes();
        if (RecordView.checkedByScanner(k)) {
            out.write(b, from, to - from);
            return true;
        }
        if (LineFeeds.next(b, from, to, (byte) '\\', (byte) ',') >= 0) {
            return false;
        }
        if (to > from && (b[from] == '=' || b[from] == '+' || b[from] == '-' || b[from] == '@')) {
            out.write((byte) '\'');
        }
        out.write(b, from, to - from);
        return true;
    }

    /** {@link #csvCell} on bytes: the formula guard and the quotes test only ASCII, which UTF-8 keeps as itself. */
    private void writeCell() throws IOException {
        int n = cell.length();
        boolean guard = n > 0 && "=+-@\t\r".indexOf(cell.at(0)) >= 0;
        boolean quote = false;
        for (int i = 0; i < n && !quote; i++) {
            byte c = cell.at(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (quote) {
            out.write((byte) '"');
        }
        if (guard) {
            out.write((byte) '\'');
        }
        if (!quote) {
            out.write(cell.array(), 0, n);
            return;
        }
        int run = 0;
        for (int i = 0; i < n; i++) {
            if (cell.at(i) == '"') {
                out.write(cell.array(), run, i + 1 - run);
                out.write((byte) '"');
                run = i + 1;
            }
        }
        out.write(cell.array(), run, n - run);
        out.write((byte) '"');
    }

    /** Writes the row of a parsed record. */
    void write(JournalRecord record) throws IOException {
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
                out.write((byte) ',');
            }
            out.write(csvCell(cells[i]));
        }
        out.write((byte) '\r');
        out.write((byte) '\n');
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
}
