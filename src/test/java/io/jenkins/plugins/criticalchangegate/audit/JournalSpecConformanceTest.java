package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Where docs/audit.md and the verifier once parted (issue 17), each case decided and tried on a real journal: what the
 * spec allows verifies, what it refuses fails with the reason and place the spec's table gives.
 */
public class JournalSpecConformanceTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;
    private Path first;

    @Before
    public void writeJournal() throws IOException {
        dir = tmp.getRoot().toPath().resolve("journal");
        JournalVerifierTest.write(dir, JournalOptions.defaults(), 4);
        first = dir.resolve("journal-000001.jsonl");
    }

    private VerificationResult.Problem problem(byte[] key) throws IOException {
        VerificationResult result = JournalVerifier.verify(dir, key);
        assertThat("expected a broken journal, got: " + result, result.intact(), equalTo(false));
        return result.problem().orElseThrow();
    }

    private static void assertAt(VerificationResult.Problem p, String file, long line,
            VerificationResult.Reason reason) {
        assertThat(p.toString(), p.reason(), equalTo(reason));
        assertThat(p.toString(), p.file(), equalTo(file));
        assertThat(p.toString(), p.line(), equalTo(line));
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(first, StandardCharsets.UTF_8));
    }

    private void rewrite(List<String> lines) throws IOException {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append('\n'));
        Files.write(first, s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A line with its hash recomputed after an edit of its body: only the edit itself can be what is refused. */
    static String reseal(String line, String from, String to, byte[] key) {
        String body = line.substring(0, line.lastIndexOf(",\"hash\":")) + "}";
        String edited = body.replace(from, to);
        assertThat("the edit applies", edited.equals(body), equalTo(false));
        String hash = ChainHash.forKey(key).hashHex(edited.getBytes(StandardCharsets.UTF_8));
        return edited.substring(0, edited.length() - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    private void editLine(int index, String from, String to, byte[] key) throws IOException {
        List<String> lines = lines();
        lines.set(index, reseal(lines.get(index), from, to, key));
        rewrite(lines);
    }

    @Test
    public void anEmptyLastFileIsPartOfAnIntactJournal() throws IOException {
        // a crash between starting the next file and writing into it leaves it empty; the journal resumes there
        Files.createFile(dir.resolve("journal-000002.jsonl"));
        VerificationResult result = JournalVerifier.verify(dir, null);
        assertThat(result.toString(), result.intact(), equalTo(true));
        assertThat(result.summary().orElseThrow().files(), equalTo(2));
    }

    @Test
    public void anEmptyLastFileAfterAGapIsTheMissingFile() throws IOException {
        Files.createFile(dir.resolve("journal-000003.jsonl"));
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000002.jsonl", 0, VerificationResult.Reason.MISSING_FILE);
        assertThat(p.detail(), containsString("journal-000001.jsonl is followed by journal-000003.jsonl"));
    }

    @Test
    public void aSevenDigitNameForFileOneIsABadFileName() throws IOException {
        Files.copy(first, dir.resolve("journal-0000001.jsonl"));
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-0000001.jsonl", 0, VerificationResult.Reason.BAD_FILE_NAME);
        // the journal refuses to open on it too, rather than guess which file 1 is its own
        IOException e = org.junit.Assert.assertThrows(IOException.class,
                () -> AuditJournal.open(dir, JournalOptions.defaults()).close());
        assertThat(e.getMessage(), containsString("journal-0000001.jsonl"));
    }

    @Test
    public void aFileNamedOtherwiseIsNotPartOfTheJournal() throws IOException {
        Files.writeString(dir.resolve("journal-notes.jsonl"), "not a record\n");
        assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
    }

    @Test
    public void aHeadSlotInAnotherLayoutIsNoHead() throws IOException {
        byte[] head = Files.readAllBytes(dir.resolve("head.json"));
        String slot = new String(head, 0, HeadFile.SLOT, StandardCharsets.US_ASCII);
        assertThat(slot, containsString("{\"check\":"));
        // the same members, valid JSON and a valid check, with a blank after the brace: not the documented layout
        String other = ("{ " + slot.strip().substring(1)).substring(0);
        byte[] bytes = new byte[head.length];
        Arrays.fill(bytes, (byte) ' ');
        System.arraycopy(other.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, other.length());
        bytes[HeadFile.SLOT - 1] = '\n';
        if (head.length == 2 * HeadFile.SLOT) {
            System.arraycopy(bytes, 0, bytes, HeadFile.SLOT, HeadFile.SLOT);
        }
        Files.write(dir.resolve("head.json"), bytes);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "head.json", 0, VerificationResult.Reason.HEAD_MISMATCH);
        assertThat(p.detail(), containsString("no valid slot"));
    }

    @Test
    public void aHeadFileLongerThanTwoSlotsIsNoHead() throws IOException {
        // both slots valid as written, then one byte more
        byte[] head = Files.readAllBytes(dir.resolve("head.json"));
        byte[] padded = Arrays.copyOf(head, 2 * HeadFile.SLOT + 1);
        System.arraycopy(head, 0, padded, HeadFile.SLOT, HeadFile.SLOT);
        padded[2 * HeadFile.SLOT] = ' ';
        Files.write(dir.resolve("head.json"), padded);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "head.json", 0, VerificationResult.Reason.HEAD_MISMATCH);
        assertThat(p.detail(), containsString("bytes long"));
    }

    @Test
    public void aFirstRecordWithoutFormatIsMalformed() throws IOException {
        editLine(0, ",\"format\":1", "", null);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000001.jsonl", 1, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("'format' is missing"));
    }

    @Test
    public void aFirstRecordOfFormatTwoIsMalformed() throws IOException {
        editLine(0, "\"format\":1", "\"format\":2", null);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000001.jsonl", 1, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("knows format 1 only"));
    }

    @Test
    public void aKeyIdInAnUnkeyedJournalsFirstRecordIsMalformed() throws IOException {
        editLine(0, "\"format\":1", "\"format\":1,\"keyId\":\"0123456789abcdef\"", null);
        assertAt(problem(null), "journal-000001.jsonl", 1, VerificationResult.Reason.MALFORMED);
    }

    @Test
    public void anUppercaseKeyIdIsMalformedNotAWrongKey() throws IOException {
        Path keyed = tmp.getRoot().toPath().resolve("keyed");
        JournalVerifierTest.write(keyed, JournalOptions.builder().key(KEY).build(), 2);
        dir = keyed;
        first = keyed.resolve("journal-000001.jsonl");
        String id = ChainHash.keyId(KEY);
        assertThat(id.matches(".*[a-f].*"), equalTo(true));
        editLine(0, id, id.toUpperCase(java.util.Locale.ROOT), KEY);
        VerificationResult.Problem p = problem(KEY);
        assertAt(p, "journal-000001.jsonl", 1, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("16 lowercase hex digits"));
    }

    @Test
    public void aRecordOverOneMebibyteIsMalformedEvenWithAValidHash() throws IOException {
        List<String> lines = lines();
        int last = lines.size() - 1;
        lines.set(last, reseal(lines.get(last), "\"job\":\"team/deploy\"", "\"job\":\"" + "x".repeat(
                AuditJournal.MAX_RECORD_BYTES) + "\"", null));
        rewrite(lines);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000001.jsonl", last + 1, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("longer than the 1048576 bytes"));
    }

    @Test(timeout = 60_000) // a buffer that cannot hold the line would wait forever for its line feed
    public void aRecordOfTheLongestLengthVerifiesInOneThreadAndInSeveral() throws IOException {
        // the verifiers' buffers hold exactly the longest line (ParallelVerifier.BUFFER): a record of 1 MiB less one
        // byte, then its line feed, after other lines, so that it reaches the reader in two pieces
        List<String> lines = lines();
        int last = lines.size() - 1;
        int length = lines.get(last).getBytes(StandardCharsets.UTF_8).length;
        String job = "x".repeat(AuditJournal.MAX_RECORD_BYTES - 1 - length + "team/deploy".length());
        String longest = reseal(lines.get(last), "\"job\":\"team/deploy\"", "\"job\":\"" + job + "\"", null);
        assertThat(longest.getBytes(StandardCharsets.UTF_8).length, equalTo(AuditJournal.MAX_RECORD_BYTES - 1));
        lines.set(last, longest);
        rewrite(lines);
        String hash = longest.substring(longest.length() - 66, longest.length() - 2);
        try (HeadFile head = HeadFile.open(dir, null)) {
            head.write(last + 1, hash, ChainHash.sha256()); // both slots: no older head is left to disagree
            head.write(last + 1, hash, ChainHash.sha256());
        }
        for (int threads : new int[] {1, 2, 3}) {
            VerificationResult result = JournalVerifier.verify(dir, null, null, threads);
            assertThat(threads + " threads: " + result, result.intact(), equalTo(true));
            assertThat(result.summary().orElseThrow().records(), equalTo((long) last + 1));
        }
    }

    @Test
    public void theSmallest64BitIntegerIsARecordValueAndOneLessIsNot() throws IOException {
        Path other = tmp.getRoot().toPath().resolve("min");
        try (AuditJournal journal = AuditJournal.open(other, JournalOptions.defaults())) {
            journal.append(AuditEvent.gateRequested("job", 1, "payments", "CHG-1", null, "alice")
                    .with("n", Long.MIN_VALUE));
        }
        VerificationResult result = JournalVerifier.verify(other, null);
        assertThat(result.toString(), result.intact(), equalTo(true));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        JournalQuery.builder().build().exportJson(other, out);
        assertThat(out.toString(StandardCharsets.UTF_8), containsString("\"n\":-9223372036854775808"));
        dir = other;
        first = other.resolve("journal-000001.jsonl");
        editLine(1, "-9223372036854775808", "-9223372036854775809", null);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000001.jsonl", 2, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("64 bits"));
    }

    @Test
    public void aSecondJournalCreatedRecordIsMalformed() throws IOException {
        editLine(1, "\"type\":\"GATE_REQUESTED\"", "\"type\":\"JOURNAL_CREATED\"", null);
        assertAt(problem(null), "journal-000001.jsonl", 2, VerificationResult.Reason.MALFORMED);
    }

    @Test
    public void anUnknownTypeOrADayThatDoesNotExistIsMalformed() throws IOException {
        editLine(1, "\"type\":\"GATE_REQUESTED\"", "\"type\":\"GATE_WAVED_THROUGH\"", null);
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000001.jsonl", 2, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("'type'"));
        String time = lines().get(2).replaceAll(".*\"time\":\"([^\"]+)\".*", "$1");
        editLine(2, time, "2026-02-30T10:00:00.000Z", null);
        p = problem(null);
        assertThat(p.toString(), p.line(), equalTo(2L)); // still the first problem
        editLine(1, "\"type\":\"GATE_WAVED_THROUGH\"", "\"type\":\"GATE_REQUESTED\"", null);
        p = problem(null);
        assertAt(p, "journal-000001.jsonl", 3, VerificationResult.Reason.MALFORMED);
        assertThat(p.detail(), containsString("'time'"));
    }

    @Test
    public void anExpectedHeadStillInTheJournalVerifiesAndAnotherFails() throws IOException {
        VerificationResult intact = JournalVerifier.verify(dir, null);
        JournalSummary summary = intact.summary().orElseThrow();
        assertThat(summary.head(), equalTo("5:" + intact.head().orElseThrow()));
        assertThat(JournalVerifier.verify(dir, null, ExpectedHead.parse(summary.head())).intact(), equalTo(true));
        String hashOf3 = lines().get(2).replaceAll(".*\"hash\":\"([0-9a-f]{64})\"}$", "$1");
        assertThat(JournalVerifier.verify(dir, null, ExpectedHead.parse("3:" + hashOf3.toUpperCase(
                java.util.Locale.ROOT))).intact(), equalTo(true));

        VerificationResult.Problem p = JournalVerifier.verify(dir, null, ExpectedHead.parse("3:" + "ab".repeat(32)))
                .problem().orElseThrow();
        assertAt(p, "journal-000001.jsonl", 3, VerificationResult.Reason.EXPECTED_HEAD);
        p = JournalVerifier.verify(dir, null, ExpectedHead.parse("9:" + hashOf3)).problem().orElseThrow();
        assertThat(p.toString(), p.reason(), equalTo(VerificationResult.Reason.EXPECTED_HEAD));
        assertThat(p.detail(), containsString("ends at seq 5, before the expected seq 9"));
    }

    @Test
    public void anExpectedHeadIsSeqColonHash() {
        for (String bad : List.of("", "5", "0:" + "a".repeat(64), "5:" + "a".repeat(63), "5:" + "g".repeat(64),
                "-1:" + "a".repeat(64))) {
            IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                    () -> ExpectedHead.parse(bad));
            assertThat(e.getMessage(), containsString("is not SEQ:HASH"));
        }
    }

    @Test
    public void exportStopsAtAByteThatIsNotUtf8NamingFileAndLine() throws IOException {
        byte[] bytes = Files.readAllBytes(first);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("é");
        assertThat(at > 0, equalTo(true));
        int byteAt = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        bytes[byteAt + 1] = (byte) 0x41; // é is C3 A9: C3 41 is not UTF-8
        Files.write(first, bytes);
        long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        for (boolean csv : new boolean[] {false, true}) {
            IOException e = org.junit.Assert.assertThrows(IOException.class, () -> {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                if (csv) {
                    JournalQuery.builder().build().exportCsv(dir, out);
                } else {
                    JournalQuery.builder().build().exportJson(dir, out);
                }
            });
            assertThat(e.getMessage(), containsString("journal-000001.jsonl line " + line + ": not a journal record"
                    + " (not valid UTF-8)"));
        }
        VerificationResult.Problem p = problem(null);
        assertAt(p, "journal-000001.jsonl", line, VerificationResult.Reason.MALFORMED);
    }

    @Test
    public void aJournalPathThatIsAFileSaysSo() throws IOException {
        Path file = tmp.newFile("not-a-dir").toPath();
        IOException e = org.junit.Assert.assertThrows(IOException.class,
                () -> AuditJournal.open(file, JournalOptions.defaults()).close());
        assertThat(e.getMessage(), containsString("is a file, not a directory"));
    }
}
