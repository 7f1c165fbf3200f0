package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The parallel verifier (issue 17) gives exactly the sequential verifier's result (intact or not, the first problem
 * with its file, line, seq, reason and sentence, the records before it, the summary, the notes) for valid and tampered
 * journals, keyed and unkeyed, over several files: every tampering docs/audit.md names, then many random ones. Each is
 * verified with several thread counts and with buffers from a few bytes (every line cut across batches, the buffers
 * growing) to the real 4 MiB.
 */
public class ParallelVerifierDifferentialTest {
    private static final byte[] KEY = JournalVerifierTest.KEY;
    /** Thread counts and buffer sizes for the parallel verifier. */
    private static final int[][] PARALLEL = {{2, ParallelVerifier.BUFFER}, {2, 64}, {3, 700}, {4, 4096}, {2, 1 << 20}};

    @ClassRule
    public static TemporaryFolder templates = new TemporaryFolder();
    private static Path unkeyed;
    private static Path keyed;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private final Set<VerificationResult.Reason> seen = EnumSet.noneOf(VerificationResult.Reason.class);
    private int intact;
    private int compared;

    @BeforeClass
    public static void writeJournals() throws IOException {
        unkeyed = templates.getRoot().toPath().resolve("unkeyed");
        JournalVerifierTest.write(unkeyed, JournalOptions.builder().maxFileBytes(4096).build(), 40);
        keyed = templates.getRoot().toPath().resolve("keyed");
        JournalVerifierTest.write(keyed, JournalOptions.builder().key(KEY).maxFileBytes(4096).build(), 45);
        assertThat(JournalFiles.list(unkeyed).size(), greaterThan(3));
        assertThat(JournalFiles.list(keyed).size(), greaterThan(3));
    }

    /** Everything a verification says, as one text to compare. */
    static String describe(VerificationResult r) {
        StringBuilder s = new StringBuilder().append(r.intact()).append(" | ").append(r.records()).append(" | ")
                .append(r).append(" | ").append(r.head().orElse("-")).append(" | ").append(r.notes());
        r.problem().ifPresent(p -> s.append(" | ").append(p.file()).append(':').append(p.line()).append(':')
                .append(p.seq()).append(':').append(p.reason()).append(':').append(p.detail()));
        r.summary().ifPresent(m -> s.append(" | ").append(m.records()).append(' ').append(m.files()).append(' ')
                .append(m.firstFile()).append(' ').append(m.lastFile()).append(' ').append(m.firstTime()).append(' ')
                .append(m.lastTime()).append(' ').append(m.keyId().orElse("-")).append(' ').append(m.head())
                .append(' ').append(m.chainKind()));
        return s.toString();
    }

    /** Verifies {@code dir} sequentially and in parallel every way, and insists on one answer. */
    private void assertSameEverywhere(String tampering, Path dir, byte[] key, ExpectedHead expected)
            throws IOException {
        VerificationResult oracle = JournalVerifier.verify(dir, key, expected, 1);
        String want = describe(oracle);
        for (int[] way : PARALLEL) {
            String got = describe(JournalVerifier.verify(dir, key, expected, way[0], way[1]));
            assertThat(tampering + ", " + way[0] + " threads, " + way[1] + "-byte buffers", got, equalTo(want));
            compared++;
        }
        oracle.problem().ifPresent(p -> seen.add(p.reason()));
        if (oracle.intact()) {
            intact++;
        }
    }

    private Path copy(Path template) throws IOException {
        Path dir = Files.createTempDirectory(tmp.getRoot().toPath(), "journal");
        try (Stream<Path> files = Files.list(template)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static List<Path> journalFiles(Path dir) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (JournalFiles.Entry e : JournalFiles.list(dir)) {
            paths.add(e.path);
        }
        return paths;
    }

    private static List<byte[]> lines(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i + 1));
                start = i + 1;
            }
        }
        if (start < all.length) {
            lines.add(Arrays.copyOfRange(all, start, all.length));
        }
        return lines;
    }

    private static void write(Path file, List<byte[]> lines) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.write(line, 0, line.length);
        }
        Files.write(file, out.toByteArray());
    }

    /** One named way of tampering with a journal's files. */
    private interface Tampering {
        void apply(List<Path> files, Random random) throws IOException;
    }

    private static Tampering onLines(String what) {
        return (files, random) -> {
            Path file = files.get(random.nextInt(files.size()));
            List<byte[]> lines = lines(file);
            if (lines.isEmpty()) {
                return;
            }
            int at = random.nextInt(lines.size());
            byte[] line = lines.get(at);
            switch (what) {
                case "flip a byte":
                    line[random.nextInt(line.length)] ^= (byte) (1 << random.nextInt(8));
                    break;
                case "delete a line (gap)":
                    lines.remove(at);
                    break;
                case "repeat a line (duplicate seq)":
                    lines.add(at, line.clone());
                    break;
                case "swap two lines":
                    if (at + 1 < lines.size()) {
                        lines.set(at, lines.get(at + 1));
                        lines.set(at + 1, line);
                    }
                    break;
                case "cut a line (torn tail)":
                    lines.set(at, Arrays.copyOf(line, random.nextInt(line.length)));
                    lines.subList(at + 1, lines.size()).clear();
                    break;
                case "split a line":
                    byte[] split = new byte[line.length + 1];
                    int cut = random.nextInt(line.length);
                    System.arraycopy(line, 0, split, 0, cut);
                    split[cut] = '\n';
                    System.arraycopy(line, cut, split, cut + 1, line.length - cut);
                    lines.set(at, split);
                    break;
                case "invalid UTF-8":
                    line[random.nextInt(line.length)] = (byte) 0xC3;
                    break;
                case "a line of 1 MiB":
                    byte[] big = new byte[AuditJournal.MAX_RECORD_BYTES + random.nextInt(3) - 1];
                    Arrays.fill(big, (byte) 'x');
                    big[big.length - 1] = random.nextBoolean() ? (byte) '\n' : (byte) 'x';
                    lines.add(at, big);
                    break;
                default:
                    throw new IllegalArgumentException(what);
            }
            write(file, lines);
        };
    }

    private static final String[] LINE_TAMPERINGS = {"flip a byte", "delete a line (gap)",
        "repeat a line (duplicate seq)", "swap two lines", "cut a line (torn tail)", "split a line", "invalid UTF-8",
        "a line of 1 MiB"};

    private static Tampering onFiles(String what) {
        return (files, random) -> {
            Path file = files.get(random.nextInt(files.size()));
            switch (what) {
                case "empty a file":
                    Files.write(file, new byte[0]);
                    break;
                case "delete a file":
                    Files.delete(file);
                    break;
                case "delete head.json":
                    Files.deleteIfExists(file.resolveSibling(JournalFiles.HEAD));
                    break;
                case "drop the last file":
                    Files.delete(files.get(files.size() - 1));
                    break;
                case "append an empty file":
                    Files.write(file.resolveSibling(JournalFiles.name(files.size() + 1)), new byte[0]);
                    break;
                default:
                    throw new IllegalArgumentException(what);
            }
        };
    }

    private static final String[] FILE_TAMPERINGS = {"empty a file", "delete a file", "delete head.json",
        "drop the last file", "append an empty file"};

    private void tamperAndCompare(Path template, byte[] key, int rounds, long seed) throws IOException {
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            Path dir = copy(template);
            List<String> done = new ArrayList<>();
            int tamperings = 1 + random.nextInt(round % 4 == 0 ? 3 : 1);
            for (int t = 0; t < tamperings; t++) {
                boolean onFile = random.nextInt(6) == 0;
                String what = onFile ? FILE_TAMPERINGS[random.nextInt(FILE_TAMPERINGS.length)]
                        : LINE_TAMPERINGS[random.nextInt(LINE_TAMPERINGS.length)];
                List<Path> files = journalFiles(dir);
                if (files.isEmpty()) {
                    break;
                }
                (onFile ? onFiles(what) : onLines(what)).apply(files, random);
                done.add(what);
            }
            assertSameEverywhere("round " + round + " (seed " + seed + "): " + done, dir, key, null);
        }
    }

    @Test
    public void intactJournalsGiveTheSameSummary() throws IOException {
        assertSameEverywhere("intact unkeyed", copy(unkeyed), null, null);
        assertSameEverywhere("intact keyed", copy(keyed), KEY, null);
        assertSameEverywhere("keyed without its key", copy(keyed), null, null);
        assertSameEverywhere("unkeyed with a key", copy(unkeyed), KEY, null);
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertSameEverywhere("keyed with another key", copy(keyed), other, null);
        assertThat(intact, equalTo(2));
        assertThat(seen, hasItems(VerificationResult.Reason.KEY_REQUIRED, VerificationResult.Reason.NOT_KEYED,
                VerificationResult.Reason.WRONG_KEY));
    }

    @Test
    public void expectedHeadsGiveTheSameAnswer() throws IOException {
        String head = JournalVerifier.verify(unkeyed, null, null, 1).summary().orElseThrow().head();
        long seq = Long.parseLong(head.substring(0, head.indexOf(':')));
        String hash = head.substring(head.indexOf(':') + 1);
        assertSameEverywhere("expected head as noted", copy(unkeyed), null, ExpectedHead.parse(head));
        assertSameEverywhere("expected head rewritten", copy(unkeyed), null,
                ExpectedHead.parse((seq - 5) + ":" + hash));
        assertSameEverywhere("expected head past the end", copy(unkeyed), null,
                ExpectedHead.parse((seq + 3) + ":" + hash));
        assertThat(seen, hasItems(VerificationResult.Reason.EXPECTED_HEAD));
    }

    @Test
    public void everyNamedTamperingOfAnUnkeyedJournalGivesTheSameProblem() throws IOException {
        for (String what : LINE_TAMPERINGS) {
            for (long seed = 0; seed < 6; seed++) {
                Path dir = copy(unkeyed);
                onLines(what).apply(journalFiles(dir), new Random(seed));
                assertSameEverywhere(what + " (seed " + seed + ")", dir, null, null);
            }
        }
        for (String what : FILE_TAMPERINGS) {
            for (long seed = 0; seed < 3; seed++) {
                Path dir = copy(unkeyed);
                onFiles(what).apply(journalFiles(dir), new Random(seed));
                assertSameEverywhere(what + " (seed " + seed + ")", dir, null, null);
            }
        }
        // the test reaches every kind of problem the records and files can have, or it proves little
        assertThat(seen, hasItems(VerificationResult.Reason.HASH_MISMATCH, VerificationResult.Reason.SEQUENCE_GAP,
                VerificationResult.Reason.REORDERED, VerificationResult.Reason.TRUNCATED,
                VerificationResult.Reason.MALFORMED, VerificationResult.Reason.MISSING_FILE,
                VerificationResult.Reason.HEAD_MISMATCH));
    }

    @Test
    public void randomTamperingsOfUnkeyedJournalsGiveTheSameResult() throws IOException {
        tamperAndCompare(unkeyed, null, 120, 17);
        assertThat(compared, equalTo(120 * PARALLEL.length));
        assertThat(seen.size(), greaterThan(5));
    }

    @Test
    public void randomTamperingsOfKeyedJournalsGiveTheSameResult() throws IOException {
        tamperAndCompare(keyed, KEY, 120, 42);
        assertThat(seen.size(), greaterThan(5));
    }

    @Test
    public void aChainRewrittenFromTheMiddleOnIsFoundAtTheSameLink() throws IOException {
        // a record replaced by one with a correct hash of its own: only the next record's prev shows it
        Path dir = copy(unkeyed);
        Path file = journalFiles(dir).get(1);
        List<byte[]> lines = lines(file);
        String line = new String(lines.get(1), StandardCharsets.UTF_8);
        String body = line.substring(0, line.indexOf(",\"hash\":\"")).replace("CHG-", "CHX-") + "}";
        String hash = ChainHash.sha256().hashHex(body.getBytes(StandardCharsets.UTF_8));
        lines.set(1, (body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        write(file, lines);
        assertSameEverywhere("a record rewritten with its own hash", dir, null, null);
        assertThat(seen, hasItems(VerificationResult.Reason.CHAIN_BROKEN));
    }
}
