package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Each way of tampering with a journal is found and pinpointed: file, line, seq and reason. */
public class JournalVerifierTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @ClassRule
    public static TemporaryFolder template = new TemporaryFolder();
    private static Path templateDir;
    private static String head;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    /** 60 records over several 4 KiB files, written once (each append waits for its fsync) and copied per test. */
    @BeforeClass
    public static void writeTemplate() throws IOException {
        templateDir = template.getRoot().toPath().resolve("journal");
        head = write(templateDir, JournalOptions.builder().maxFileBytes(4096).build(), 59);
        assertThat(JournalFiles.list(templateDir).size(), greaterThan(3));
    }

    @Before
    public void copyTemplate() throws IOException {
        dir = tmp.getRoot().toPath().resolve("journal");
        Files.createDirectories(dir);
        try (java.util.stream.Stream<Path> files = Files.list(templateDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    static String write(Path dir, JournalOptions options, int events) throws IOException {
        try (AuditJournal journal = AuditJournal.open(dir, options)) {
            for (int i = 0; i < events; i++) {
                journal.append(i % 3 == 0
                        ? AuditEvent.gateRequested("team/deploy", i, "payments", "CHG-" + i, "c0ffee" + i, "alice")
                        : AuditEvent.documentationChecked("team/deploy", i, "payments", "CHG-" + i,
                                "https://wiki.example.com/CHG-" + i, "VERIFIED",
                                Map.of("status", 200, "title", "Change \"CHG-" + i + "\" é ✓", "sections",
                                        List.of("Risk", "Rollback"))));
            }
            return journal.lastHash();
        }
    }

    private VerificationResult.Problem problem(byte[] key) throws IOException {
        VerificationResult result = JournalVerifier.verify(dir, key);
        assertThat("expected a broken journal, got: " + result, result.intact(), equalTo(false));
        return result.problem().orElseThrow();
    }

    private VerificationResult.Problem problem() throws IOException {
        return problem(null);
    }

    private static void assertAt(VerificationResult.Problem p, String file, long line, long seq,
            VerificationResult.Reason reason) {
        assertThat(p.toString(), p.reason(), equalTo(reason));
        assertThat(p.toString(), p.file(), equalTo(file));
        assertThat(p.toString(), p.line(), equalTo(line));
        assertThat(p.toString(), p.seq(), equalTo(seq));
    }

    /** Where a record is: its file and line. */
    private static final class Location {
        final Path file;
        final int line;

        Location(Path file, int line) {
            this.file = file;
            this.line = line;
        }

        String name() {
            return file.getFileName().toString();
        }
    }

    private Location find(long seq) throws IOException {
        for (JournalFiles.Entry e : JournalFiles.list(dir)) {
            List<String> lines = Files.readAllLines(e.path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("\"seq\":" + seq + ",")) {
                    return new Location(e.path, i + 1);
                }
            }
        }
        throw new AssertionError("no seq " + seq);
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void rewrite(Path file, List<String> lines) throws IOException {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append('\n'));
        Files.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void anIntactJournalReportsItsRecordCountAndHead() throws IOException {
        VerificationResult result = JournalVerifier.verify(dir, null);
        assertThat(result.toString(), equalTo("60 records, head " + head));
        assertThat(result.intact(), equalTo(true));
    }

    @Test
    public void oneChangedByteIsAHashMismatchAtThatRecord() throws IOException {
        Location at = find(23);
        List<String> lines = lines(at.file);
        String changed = lines.get(at.line - 1).replace("\"CHG-21\"", "\"CHG-29\"");
        assertThat(changed, not(equalTo(lines.get(at.line - 1))));
        lines.set(at.line - 1, changed);
        rewrite(at.file, lines);
        assertAt(problem(), at.name(), at.line, 23, VerificationResult.Reason.HASH_MISMATCH);
    }

    @Test
    public void aDeletedRecordIsASequenceGapAtTheRecordAfterIt() throws IOException {
        Location at = find(30);
        List<String> lines = lines(at.file);
        lines.remove(at.line - 1);
        rewrite(at.file, lines);
        Location next = find(31);
        VerificationResult.Problem p = problem();
        assertAt(p, next.name(), next.line, 31, VerificationResult.Reason.SEQUENCE_GAP);
        assertThat(p.detail(), containsString("record 30 was removed"));
    }

    @Test
    public void twoSwappedRecordsAreAReordering() throws IOException {
        Location at = find(40);
        List<String> lines = lines(at.file);
        if (at.line == lines.size()) { // keep both in one file for the swap
            at = find(39);
        }
        String a = lines.get(at.line - 1);
        lines.set(at.line - 1, lines.get(at.line));
        lines.set(at.line, a);
        rewrite(at.file, lines);
        VerificationResult.Problem p = problem();
        assertThat(p.reason(), equalTo(VerificationResult.Reason.REORDERED));
        assertThat(p.file(), equalTo(at.name()));
        assertThat(p.line(), equalTo((long) at.line));
        long later = Long.parseLong(lines.get(at.line - 1).replaceAll(".*\"seq\":(\\d+),.*", "$1"));
        assertThat(p.seq(), equalTo(later)); // the later record, now first
        assertThat(p.detail(), containsString("comes before seq " + (later - 1)));
    }

    @Test
    public void theLastRecordRemovedIsATruncationThanksToTheHead() throws IOException {
        Location at = find(60);
        List<String> lines = lines(at.file);
        lines.remove(at.line - 1);
        rewrite(at.file, lines);
        VerificationResult.Problem p = problem();
        assertAt(p, at.name(), at.line, 60, VerificationResult.Reason.TRUNCATED);
        assertThat(p.detail(), containsString("head.json records seq 60"));
    }

    @Test
    public void aLineCutMidRecordIsATruncationAtThatLine() throws IOException {
        Location at = find(60);
        byte[] bytes = Files.readAllBytes(at.file);
        Files.write(at.file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        VerificationResult.Problem p = problem();
        assertAt(p, at.name(), at.line, -1, VerificationResult.Reason.TRUNCATED);
        assertThat(p.detail(), containsString("torn line"));
    }

    @Test
    public void aMiddleFileDeletedIsAMissingFile() throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        JournalFiles.Entry middle = files.get(1);
        Files.delete(middle.path);
        VerificationResult.Problem p = problem();
        // reported as the missing file itself (issue 17), not at the file after the gap
        assertAt(p, middle.name(), 0, -1, VerificationResult.Reason.MISSING_FILE);
        assertThat(p.detail(), equalTo(middle.name() + " is missing: " + files.get(0).name() + " is followed by "
                + files.get(2).name()));
    }

    @Test
    public void theFirstFileDeletedIsAMissingFile() throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        Files.delete(files.get(0).path);
        VerificationResult.Problem p = problem();
        assertThat(p.toString(), p.reason(), equalTo(VerificationResult.Reason.MISSING_FILE));
        assertThat(p.file(), equalTo("journal-000001.jsonl"));
        assertThat(p.detail(), containsString("journal-000001.jsonl is missing: the journal's first file is"
                + " journal-000002.jsonl"));
    }

    @Test
    public void aJournalWrittenWithAnotherKeyIsReportedAsTheWrongKey() throws IOException {
        Path keyed = tmp.getRoot().toPath().resolve("keyed");
        write(keyed, JournalOptions.builder().key("another key, 16+ bytes long".getBytes(StandardCharsets.UTF_8))
                .build(), 3);
        dir = keyed;
        VerificationResult.Problem p = problem(KEY);
        assertAt(p, "journal-000001.jsonl", 1, 1, VerificationResult.Reason.WRONG_KEY);
        assertThat(p.detail(), containsString("key id"));
    }

    @Test
    public void aKeyedJournalVerifiesWithItsKeyOnly() throws IOException {
        Path keyed = tmp.getRoot().toPath().resolve("keyed");
        String keyedHead = write(keyed, JournalOptions.builder().key(KEY).build(), 5);
        assertThat(JournalVerifier.verify(keyed, KEY).toString(), equalTo("6 records, head " + keyedHead));
        dir = keyed;
        assertThat(problem().reason(), equalTo(VerificationResult.Reason.KEY_REQUIRED));
    }

    @Test
    public void aKeyForAnUnkeyedJournalFailsClosed() throws IOException {
        assertThat(problem(KEY).reason(), equalTo(VerificationResult.Reason.NOT_KEYED));
    }

    @Test
    public void aRecordForgedWithARecomputedHashBreaksTheChainAtTheNextRecord() throws IOException {
        Location at = find(11); // GATE_REQUESTED, started by alice
        List<String> lines = lines(at.file);
        String line = lines.get(at.line - 1);
        String body = line.substring(0, line.lastIndexOf(",\"hash\":")).replace("alice", "mallory") + "}";
        assertThat(body, containsString("mallory"));
        String forged = body.substring(0, body.length() - 1) + ",\"hash\":\"" + sha256(body) + "\"}";
        lines.set(at.line - 1, forged);
        rewrite(at.file, lines);
        Location next = find(12);
        assertAt(problem(), next.name(), next.line, 12, VerificationResult.Reason.CHAIN_BROKEN);
    }

    @Test
    public void aNonCanonicalLineIsMalformedEvenWithAMatchingHash() throws IOException {
        Location at = find(5);
        List<String> lines = lines(at.file);
        String line = lines.get(at.line - 1);
        String body = line.substring(0, line.lastIndexOf(",\"hash\":")).replace(",\"job\":", ", \"job\":") + "}";
        lines.set(at.line - 1, body.substring(0, body.length() - 1) + ",\"hash\":\"" + sha256(body) + "\"}");
        rewrite(at.file, lines);
        VerificationResult.Problem p = problem();
        assertAt(p, at.name(), at.line, -1, VerificationResult.Reason.MALFORMED);
    }

    @Test
    public void aMissingHeadFileFailsClosed() throws IOException {
        Files.delete(dir.resolve("head.json"));
        assertThat(problem().reason(), equalTo(VerificationResult.Reason.HEAD_MISMATCH));
    }

    @Test
    public void anIndependentImplementationOfTheDocumentedEncodingGetsTheSameHashes() throws IOException {
        // docs/audit.md, "How the chain is computed", done with Jackson instead of CanonicalJson.
        ObjectMapper mapper = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        String prev = "0".repeat(64);
        int count = 0;
        for (JournalFiles.Entry e : JournalFiles.list(dir)) {
            for (String line : lines(e.path)) {
                ObjectNode node = (ObjectNode) mapper.readTree(line);
                String hash = node.remove("hash").asText();
                @SuppressWarnings("unchecked")
                Map<String, Object> sorted = new TreeMap<>(mapper.convertValue(node, Map.class));
                String canonical = mapper.writeValueAsString(sortDeep(sorted));
                assertThat(node.get("prev").asText(), equalTo(prev));
                assertThat(sha256(canonical), equalTo(hash));
                prev = hash;
                count++;
            }
        }
        assertThat(count, equalTo(60));
        assertThat(prev, equalTo(head));
    }

    @SuppressWarnings("unchecked")
    private static Object sortDeep(Object value) {
        if (value instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> sorted.put(k, sortDeep(v)));
            return sorted;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<Object>) value).forEach(v -> list.add(sortDeep(v)));
            return list;
        }
        return value;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void emptyDirectoryIsNoJournal() throws IOException {
        Path empty = tmp.newFolder("empty").toPath();
        VerificationResult result = JournalVerifier.verify(empty, null);
        assertThat(result.problem().orElseThrow().reason(), equalTo(VerificationResult.Reason.EMPTY));
        assertThat(result.notes(), hasSize(0));
    }
}
