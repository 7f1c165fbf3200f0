package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The fast export (issue 17: records read in place, rows written from bytes) against the export as it was
 * ({@link LegacyJournalQuery}, the old code unchanged): the same bytes for every filter and both formats, over
 * generated journals of odd records, and the same message and the same partial output where a line is not a record.
 */
public class ExportDifferentialTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String[] JOBS = {"deploy/payments", "Deploy/Payments", " deploy/payments\t", "deploy/search",
        "Équipe/Déploiement", "ÉQUIPE/DÉPLOIEMENT", "\u2003deploy/search", "deploy/x\u001f", "İstanbul/job", "=cmd|' /C calc'!A0"};
    private static final String[] SYSTEMS = {"payments", "PAYMENTS", "search", "Système", "système ", "wiki", ""};
    private static final String[] USERS = {"alice", "Alice", "bob", " BOB ", "carol", "émile", "Émile", "dave,jr",
        "\"quoted\""};
    private static final String[] TEXT = {"plain", "a,b", "say \"hi\"", "line one\nline two", "cr\rhere", "\ttab",
        "=SUM(A1)", "+1", "-1", "@x", "ctl\u0001\u001f\u007f", "emoji 😀 and é", "back\\slash", "", " ", "\b\f",
        "'already'", "x".repeat(300), "=HYPERLINK(\"x\"),y", "\r\nstart", "-a,b", "@\"q\""};
    private static final String[] OUTCOMES = {"APPROVED", "REJECTED", "EXPIRED", "ABORTED", "DENIED", "NOT_CRITICAL",
        "approved"};
    private static final String[] TIMES = {"2026-03-01T10:00:00.000Z", "2026-03-01T10:00:00.001Z",
        "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "2000-03-01T00:00:00.000Z"};

    /** Every filter the export has, alone and together, matching none, some and all: option, value, ... */
    private static final List<List<String>> QUERIES = queries();

    private static List<List<String>> queries() {
        List<List<String>> q = new ArrayList<>(List.of(List.of(), List.of("system", "payments"),
                List.of("system", "SYSTÈME"), List.of("system", "nothing-matches"), List.of("job", "deploy/payments"),
                List.of("job", "équipe/déploiement"), List.of("job", "deploy/x"), List.of("job", "deploy/search"), List.of("job", "i̇stanbul/job"), List.of("user", "bob"),
                List.of("user", "ÉMILE"), List.of("change", "chg-1"), List.of("type", "decided"),
                List.of("type", "JOURNAL_CREATED"), List.of("gate", "deploy/payments#7"),
                List.of("gate", "Deploy/Search#12"), List.of("outcome", "approved", "system", "payments", "user", "alice"),
                List.of("since", "2026-03-01T10:00:00.001Z"), List.of("until", "2026-03-01T10:00:00.000000001Z"),
                List.of("since", "1969-12-31T23:59:59.999Z", "until", "2024-02-29T23:59:59.999Z"),
                List.of("since", "0001-01-01T00:00:00Z"),
                List.of("system", "payments", "job", "deploy/payments", "change", "CHG-1", "type", "DECIDED", "user",
                        "bob", "since", "2000-01-01T00:00:00Z")));
        for (String o : QueryValues.GATE_OUTCOMES) {
            q.add(List.of("outcome", o));
        }
        return q;
    }

    private static LegacyJournalQuery legacy(List<String> spec) {
        LegacyJournalQuery.Builder b = LegacyJournalQuery.builder();
        for (int i = 0; i < spec.size(); i += 2) {
            String v = spec.get(i + 1);
            switch (spec.get(i)) {
                case "system": b.system(v); break;
                case "job": b.job(v); break;
                case "user": b.user(v); break;
                case "change": b.change(v); break;
                case "type": b.type(v); break;
                case "gate": b.gate(v); break;
                case "outcome": b.outcome(v); break;
                case "since": b.since(Instant.parse(v)); break;
                default: b.until(Instant.parse(v));
            }
        }
        return b.build();
    }

    private static JournalQuery current(List<String> spec) {
        JournalQuery.Builder b = JournalQuery.builder();
        for (int i = 0; i < spec.size(); i += 2) {
            String v = spec.get(i + 1);
            switch (spec.get(i)) {
                case "system": b.system(v); break;
                case "job": b.job(v); break;
                case "user": b.user(v); break;
                case "change": b.change(v); break;
                case "type": b.type(v); break;
                case "gate": b.gate(v); break;
                case "outcome": b.outcome(v); break;
                case "since": b.since(Instant.parse(v)); break;
                default: b.until(Instant.parse(v));
            }
        }
        return b.build();
    }

    @Test
    public void everyFilterAndBothFormatsGiveTheOldBytes() throws IOException {
        int compared = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Path dir = tmp.newFolder("journal-" + seed).toPath();
            int[] paths = generate(dir, new Random(seed), 400);
            assertThat("canonical lines (read in place)", paths[0], greaterThan(100));
            assertThat("other lines (parsed)", paths[1], greaterThan(10));
            compared += compareAll(dir);
        }
        assertThat(compared, greaterThan(300));
    }

    @Test
    public void aLineThatIsNotARecordStopsBothAtTheSameLineWithTheSameOutput() throws IOException {
        List<UnaryOperator<byte[]>> breakages = List.of(
            bytes -> replaceFirst(bytes, "é", new byte[] {(byte) 0xC3, 0x41}), // not UTF-8
            bytes -> replaceFirst(bytes, "\"seq\":5,", "\"seq\":5.5,".getBytes(StandardCharsets.UTF_8)),
            bytes -> replaceFirst(bytes, "\"seq\":7,", "\"seq\":7,\"seq\":8,".getBytes(StandardCharsets.UTF_8)),
            bytes -> replaceFirst(bytes, "\"reason\":", "\"reason\":null,\"x\":".getBytes(StandardCharsets.UTF_8)),
            bytes -> Arrays.copyOf(bytes, bytes.length - 3), // torn
            bytes -> replaceFirst(bytes, "\"type\":\"JOURNAL_CREATED\"", "\"type\":\"JOURNAL\"".getBytes(
                    StandardCharsets.UTF_8)),
            bytes -> replaceFirst(bytes, "\"time\":\"2026", "\"time\":\"2026-02-30T00:00:00.000Z\",\"x\":\""
                    .getBytes(StandardCharsets.UTF_8)));
        int compared = 0;
        for (int i = 0; i < breakages.size(); i++) {
            Path dir = tmp.newFolder("broken-" + i).toPath();
            generate(dir, new Random(100 + i), 60);
            Path first = dir.resolve("journal-000001.jsonl");
            byte[] broken = breakages.get(i).apply(Files.readAllBytes(first));
            assertThat("breakage " + i + " changed the file", Arrays.equals(broken, Files.readAllBytes(first)),
                    equalTo(false));
            Files.write(first, broken);
            compared += compareAll(dir);
        }
        Path empty = tmp.newFolder("empty").toPath();
        compared += compareAll(empty);
        assertThat(compared, greaterThan(100));
    }

    private int compareAll(Path dir) throws IOException {
        int n = 0;
        for (List<String> spec : QUERIES) {
            for (boolean csv : new boolean[] {true, false}) {
                String expected = export(legacy(spec), dir, csv);
                if (spec.contains("outcome")) {
                    expected = outcomeBeforeBadLine(spec, dir, csv, expected);
                }
                for (int[] parallel : PARALLEL) {
                    String actual = export(current(spec), dir, csv, parallel[0], parallel[1]);
                    assertThat(spec + (csv ? " csv" : " json") + " in " + dir + " with " + parallel[0] + " threads, "
                            + parallel[1] + "-byte buffers", actual, equalTo(expected));
                }
                n++;
            }
        }
        return n;
    }

    /** Thread counts and buffer sizes: one thread alone (line by line), and the parallel export's batches. */
    private static final int[][] PARALLEL = {{1, ParallelExport.BUFFER}, {2, ParallelExport.BUFFER}, {3, 700}};

    private static final java.util.regex.Pattern BAD_LINE = java.util.regex.Pattern.compile(
            "\n--- java\\.io\\.IOException: (journal-\\d{6}\\.jsonl) line (\\d+): ");

    /**
     * What {@code --outcome} gives where a line is not a record (issue 17: its first pass only finds the lines that
     * end a gate and checks nothing): the old export wrote nothing and named the bad line; now the second pass names
     * the same line after writing the records before it, as the other exports do, of the gates that end so in any line
     * that is a record. Expected, from the old export alone: the old export's gates over the journal without the lines
     * that are not records, its records before the bad line (as the old unfiltered export writes them), and its
     * message. Without a bad line, the old export's bytes.
     */
    private String outcomeBeforeBadLine(List<String> spec, Path dir, boolean csv, String old) throws IOException {
        java.util.regex.Matcher bad = BAD_LINE.matcher(old);
        if (!bad.find()) {
            return old;
        }
        String badFile = bad.group(1);
        long badLine = Long.parseLong(bad.group(2));
        Path repaired = tmp.newFolder().toPath();
        java.util.Set<String> before = new java.util.HashSet<>();
        boolean past = false;
        for (JournalFiles.Entry file : JournalFiles.list(dir)) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            long number = 0;
            for (byte[] line : lines(Files.readAllBytes(file.path))) {
                number++;
                past |= file.name().equals(badFile) && number >= badLine;
                if (isRecord(line)) {
                    kept.write(line);
                    kept.write('\n');
                    if (!past) {
                        before.add(new String(line, StandardCharsets.UTF_8));
                    }
                }
            }
            Files.write(repaired.resolve(file.name()), kept.toByteArray());
        }
        String all = export(legacy(spec), repaired, false);
        assertThat("no bad line left in " + repaired, all.contains("\n--- "), equalTo(false));
        ByteArrayOutputStream selected = new ByteArrayOutputStream();
        for (String line : all.split("\n")) {
            String record = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
            if (before.contains(record)) {
                selected.write((record + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path written = tmp.newFolder().toPath();
        Files.write(written.resolve(JournalFiles.name(1)), selected.toByteArray());
        String rows = export(legacy(List.of()), written, csv);
        if (!csv) {
            assertThat(rows.endsWith("\n]\n"), equalTo(true));
            rows = rows.substring(0, rows.length() - 3); // the export stopped: no closing bracket
        }
        return rows + old.substring(bad.start());
    }

    /** The lines of a file, without their line feeds; a last line without one (torn) too. */
    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length ? i > start : bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean isRecord(byte[] line) {
        try {
            RecordFormat.parse(JournalLines.utf8(line, 0, line.length));
            return true;
        } catch (java.nio.charset.CharacterCodingException | RecordFormat.MalformedRecordException e) {
            return false;
        }
    }

    /** The old export as {@code audit export} drove it: a UTF-8 writer, flushed on an error. */
    private static String export(LegacyJournalQuery query, Path dir, boolean csv) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        String error = "";
        try {
            if (csv) {
                query.exportCsv(dir, out);
            } else {
                query.exportJson(dir, out);
            }
        } catch (IOException | RuntimeException e) {
            error = "\n--- " + e;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return hex(bytes.toByteArray()) + error;
    }

    private static String export(JournalQuery query, Path dir, boolean csv, int threads, int bufferSize) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String error = "";
        try {
            JournalExport.write(query, dir, csv ? JournalExport.Format.CSV : JournalExport.Format.JSON, bytes, threads,
                    bufferSize);
        } catch (IOException | RuntimeException e) {
            error = "\n--- " + e;
        }
        return hex(bytes.toByteArray()) + error;
    }

    /** The bytes as text where they are UTF-8, so a failure shows a readable difference; exact either way. */
    private static String hex(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) ? text
                : java.util.HexFormat.of().formatHex(bytes);
    }

    private static byte[] replaceFirst(byte[] bytes, String what, byte[] with) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(new String(what.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        if (at < 0) {
            return bytes;
        }
        byte[] out = new byte[bytes.length - what.getBytes(StandardCharsets.UTF_8).length + with.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        int after = at + what.getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(bytes, after, out, at + with.length, bytes.length - after);
        return out;
    }

    /**
     * Writes a journal of {@code count} records over three files: canonical lines as the journal writes them, of
     * every record type, with odd values and members missing; and some lines that are valid records but not
     * canonical (white space, other escapes, members out of order, lone surrogates), which take the parser's path.
     *
     * @return how many lines of each kind: canonical, other
     */
    static int[] generate(Path dir, Random random, int count) throws IOException {
        ChainHash chain = ChainHash.sha256();
        String prev = RecordFormat.GENESIS_PREV;
        List<ByteArrayOutputStream> files = List.of(new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        int[] kinds = new int[2];
        RecordView view = new RecordView();
        for (int seq = 1; seq <= count; seq++) {
            AuditEventType type = seq == 1 ? AuditEventType.JOURNAL_CREATED
                    : AuditEventType.values()[random.nextInt(AuditEventType.values().length)];
            Map<String, Object> fields = seq == 1 ? Map.of("chain", "sha256", "format", 1L) : fields(random);
            Instant time = Instant.from(RecordFormat.TIME.parse(TIMES[random.nextInt(TIMES.length)]));
            RecordFormat.Encoded encoded = RecordFormat.encode(seq, time, type, prev, fields, chain);
            byte[] line = encoded.line;
            if (random.nextInt(8) == 0) {
                line = uncanonical(new String(line, StandardCharsets.UTF_8), random).getBytes(StandardCharsets.UTF_8);
            }
            kinds[view.read(line, 0, line.length - 1) ? 0 : 1]++;
            files.get(seq * files.size() / (count + 1)).write(line);
            prev = encoded.hash;
        }
        for (int i = 0; i < files.size(); i++) {
            Files.write(dir.resolve(JournalFiles.name(i + 1)), files.get(i).toByteArray());
        }
        return kinds;
    }

    private static Map<String, Object> fields(Random random) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (random.nextInt(10) > 0) {
            f.put("job", random.nextInt(15) == 0 ? (Object) 42L : pick(random, JOBS));
        }
        if (random.nextInt(10) > 0) {
            int r = random.nextInt(10);
            f.put("build", r == 0 ? "7" : r == 1 ? " 7" : r == 2 ? (Object) true : (Object) (long) (7 + random.nextInt(7)));
        }
        if (random.nextInt(10) > 0) {
            f.put("system", pick(random, SYSTEMS));
        }
        if (random.nextInt(4) > 0) {
            f.put("changeId", random.nextInt(12) == 0 ? (Object) List.of("CHG-1") : "CHG-" + random.nextInt(3));
        }
        if (random.nextBoolean()) {
            f.put("user", random.nextInt(12) == 0 ? (Object) Map.of("id", "bob") : pick(random, USERS));
        }
        if (random.nextBoolean()) {
            f.put("outcome", random.nextInt(15) == 0 ? (Object) 1L : pick(random, OUTCOMES));
        }
        for (String name : List.of("commit", "reason", "url", "comment")) {
            if (random.nextInt(3) == 0) {
                f.put(name, pick(random, TEXT));
            }
        }
        if (random.nextBoolean()) {
            int r = random.nextInt(8);
            f.put("approvers", r == 0 ? List.of() : r == 1 ? "bob" : r == 2 ? List.of(List.of("bob"), Map.of("a", 1L))
                    : r == 3 ? List.of(-5L, false, "Bob") : List.of(pick(random, USERS), pick(random, USERS)));
        }
        if (random.nextInt(3) == 0) {
            f.put("registry", Map.of("version", "v" + random.nextInt(9), "sha256", "ab,\"c\"", "n", Long.MIN_VALUE,
                    "deep", List.of(List.of(Map.of("x", List.of(true))))));
        }
        if (random.nextInt(20) == 0) {
            f.put("a.b-c_D", nested(10)); // deeper than the in-place reader goes
        }
        if (random.nextInt(5) == 0) {
            f.put("zz", pick(random, TEXT));
        }
        return f;
    }

    private static Object nested(int depth) {
        return depth == 0 ? (Object) "leaf" : List.of(nested(depth - 1));
    }

    /** A valid record that is not canonical: what another writer, or a hand, might leave. */
    private static String uncanonical(String line, Random random) {
        String body = line.substring(0, line.length() - 1);
        switch (random.nextInt(5)) {
            case 0: return body.replaceFirst(":", ": ") + "\n";
            case 1: return body.replace("a", "\\u0061") + "\n";
            case 2: return body.replace("/", "\\/") + "\n";
            case 3: {
                int hash = body.indexOf(",\"hash\":");
                return "{" + body.substring(hash + 1, body.length() - 1) + "," + body.substring(1, hash) + "}\n";
            }
            default: return body.replaceFirst("\"reason\":\"", "\"reason\":\"\\\\ud800") + "\n";
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
