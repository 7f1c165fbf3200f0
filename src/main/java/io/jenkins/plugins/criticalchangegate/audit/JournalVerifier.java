package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a journal directory on its own, as an auditor does (docs/audit.md, "Verifying"): streams every file in
 * order through a fixed buffer (memory does not grow with the journal), checks that each line is a canonical record,
 * that its hash matches its content, that sequence numbers run on without gaps, that each record's {@code prev} is
 * the hash of the one before, that no file is missing, that the last line is whole, and that the journal reaches the
 * head recorded in {@code head.json}. Stops at the first broken record and says which and why.
 *
 * <p>Not thread-safe; one verifier per verification ({@link #verify(Path, byte[])} makes one).
 */
public final class JournalVerifier {
    private static final int BUFFER = 4 * 1024 * 1024;

    private final Path dir;
    @CheckForNull
    private final byte[] key;
    private final CanonicalScanner scanner = new CanonicalScanner();
    private final byte[] computed = new byte[ChainHash.LENGTH];
    private final byte[] previous = new byte[ChainHash.LENGTH];
    private final List<String> notes = new ArrayList<>();

    @CheckForNull
    private ChainHash chain;
    @CheckForNull
    private HeadFile.Head head;
    private long records;
    private long expectedSeq = 1;
    /** A gap seen on the previous line, reported unless this line shows it was a swap. */
    @CheckForNull
    private VerificationResult.Problem pendingGap;
    private long pendingExpected;
    @CheckForNull
    private final ExpectedHead expected;
    /** Why head.json holds no head, when it holds none. */
    private String headProblem = "";
    @CheckForNull
    private String keyId;
    private String firstTime = "";
    private String lastTime = "";
    /** A live journal's last durable record when verification began: read no further (Long.MAX_VALUE: to the end). */
    private long through = Long.MAX_VALUE;
    @CheckForNull
    private String throughHash;
    /** head.json as read before {@link #through} was taken, for a live journal; null: read it at the first record. */
    @CheckForNull
    private HeadFile.Reading headRead;
    /** Whether the record {@link #through} names was verified: the rest of the files is newer. */
    private boolean done;

    private JournalVerifier(Path dir, @CheckForNull byte[] key, @CheckForNull ExpectedHead expected) {
        this.dir = dir;
        this.key = key == null ? null : key.clone();
        this.expected = expected;
    }

    /**
     * Verifies an open journal up to its last durable record ({@link AuditJournal#verify}).
     *
     * @param head head.json as read before {@code lastSeq} was taken
     * @param lastSeq the last record that was on disk when verification began
     * @param lastHash its hash, as the writer computed it
     */
    static VerificationResult verifyThrough(Path dir, @CheckForNull byte[] key, HeadFile.Reading head, long lastSeq,
            String lastHash) throws IOException {
        JournalVerifier verifier = new JournalVerifier(dir, key, null);
        verifier.through = lastSeq;
        verifier.throughHash = lastHash;
        verifier.headRead = head;
        return verifier.run();
    }

    /**
     * Verifies the journal in a directory.
     *
     * @param dir the journal's directory
     * @param key the HMAC key of a keyed journal, or null to verify an unkeyed one
     * @return intact with the record count and head, or the first problem
     * @throws IOException when a file cannot be read at all
     */
    public static VerificationResult verify(Path dir, @CheckForNull byte[] key) throws IOException {
        return new JournalVerifier(dir, key, null).run();
    }

    /**
     * Verifies the journal in a directory and that it still holds a record an auditor noted earlier.
     *
     * @param expected the {@code SEQ:HASH} noted from an earlier verification ({@code --expect-head})
     * @return intact only if the journal is intact and its record {@code SEQ} has hash {@code HASH}
     * @throws IOException when a file cannot be read at all
     */
    public static VerificationResult verify(Path dir, @CheckForNull byte[] key, ExpectedHead expected)
            throws IOException {
        return new JournalVerifier(dir, key, expected).run();
    }

    /** The checks, in the order docs/audit.md ("What a verifier checks") numbers them. */
    private VerificationResult run() throws IOException {
        List<JournalFiles.Entry> files;
        try {
            files = JournalFiles.list(dir);
        } catch (JournalFiles.BadFileNameException e) {
            return broken(new VerificationResult.Problem(e.fileName, 0, -1, VerificationResult.Reason.BAD_FILE_NAME,
                    e.getMessage()));
        }
        for (Path q : JournalFiles.quarantines(dir)) {
            notes.add(q.getFileName() + " holds a torn line the journal set aside after a crash (never"
                    + " acknowledged, not part of the chain)");
        }
        if (files.isEmpty()) {
            return broken(new VerificationResult.Problem(dir.toString(), 0, -1, VerificationResult.Reason.EMPTY,
                    "no journal-NNNNNN.jsonl files in this directory"));
        }
        // the numbering first, before any record: a missing file is named as itself, wherever it is
        VerificationResult.Problem missingFile = null;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).number != i + 1) {
                String missing = JournalFiles.name(i + 1);
                missingFile = new VerificationResult.Problem(missing, 0, -1, VerificationResult.Reason.MISSING_FILE,
                        missing + " is missing: " + (i == 0 ? "the journal's first file is " + files.get(0).name()
                        + ", so its start was removed" : files.get(i - 1).name() + " is followed by "
                        + files.get(i).name()));
                if (through == Long.MAX_VALUE || i == 0) {
                    return broken(missingFile);
                }
                // A live journal: listing a directory while files are created in it returns only the files that
                // existed throughout (POSIX readdir), so files begun by rotation meanwhile may be left out while a
                // later one shows. Every file up to the last durable record existed before the listing began: read
                // up to the gap, and report it only if that record was not reached before it.
                files = files.subList(0, i);
                break;
            }
        }
        byte[] buffer = new byte[BUFFER];
        JournalFiles.Entry last = files.get(files.size() - 1);
        long lastLineNumber = 0;
        int filesRead = 0;
        for (JournalFiles.Entry file : files) {
            VerificationResult.Problem problem = verifyFile(file, buffer, file == last);
            if (problem != null) {
                return broken(problem);
            }
            lastLineNumber = linesInFile;
            filesRead++;
            if (done) {
                last = file; // what follows was appended after verification began
                break;
            }
        }
        if (missingFile != null && !done) {
            return broken(missingFile);
        }
        if (through != Long.MAX_VALUE && !done && pendingGap == null) {
            return broken(new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                    VerificationResult.Reason.TRUNCATED, "the journal ends at seq " + (expectedSeq - 1)
                    + " but its writer has written seq " + through + ": records were removed from the end"));
        }
        if (pendingGap != null) {
            return broken(pendingGap);
        }
        if (records == 0) {
            return broken(new VerificationResult.Problem(last.name(), 0, -1, VerificationResult.Reason.TRUNCATED,
                    "the journal has no records"));
        }
        if (head == null) {
            return broken(new VerificationResult.Problem(JournalFiles.HEAD, 0, -1,
                    VerificationResult.Reason.HEAD_MISMATCH, headProblem + (key != null ? " for this key" : "")
                    + ", so removal of records from the end cannot be ruled out"));
        }
        if (head.seq > expectedSeq - 1) {
            return broken(new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                    VerificationResult.Reason.TRUNCATED, "the journal ends at seq " + (expectedSeq - 1)
                    + " but head.json records seq " + head.seq + ": records were removed from the end"));
        }
        if (expected != null && expected.seq() > expectedSeq - 1) {
            return broken(new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                    VerificationResult.Reason.EXPECTED_HEAD, "the journal ends at seq " + (expectedSeq - 1)
                    + ", before the expected seq " + expected.seq() + ": records were removed from the end (and"
                    + " head.json replaced by an older copy)"));
        }
        String headHash = CanonicalJson.hex(previous);
        return VerificationResult.intact(new JournalSummary(records, filesRead, files.get(0).name(), last.name(),
                firstTime, lastTime, keyId, headHash), notes);
    }

    private VerificationResult broken(VerificationResult.Problem problem) {
        return VerificationResult.broken(records, problem, notes);
    }

    private long linesInFile;

    @CheckForNull
    private VerificationResult.Problem verifyFile(JournalFiles.Entry file, byte[] buffer, boolean isLast)
            throws IOException {
        linesInFile = 0;
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ)) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            int filled = 0;
            int lineStart = 0;
            int searchFrom = 0;
            boolean eof = false;
            while (!eof) {
                wrapped.limit(buffer.length).position(filled);
                int n = channel.read(wrapped);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
                for (int i = searchFrom; i < filled; i++) {
                    if (buffer[i] == '\n') {
                        linesInFile++;
                        if (i + 1 - lineStart > AuditJournal.MAX_RECORD_BYTES) {
                            return tooLong(file, linesInFile);
                        }
                        VerificationResult.Problem problem = verifyLine(file, buffer, lineStart, i);
                        if (problem != null) {
                            return problem;
                        }
                        if (done) {
                            return null;
                        }
                        lineStart = i + 1;
                    }
                }
                searchFrom = filled;
                if (filled - lineStart >= AuditJournal.MAX_RECORD_BYTES) {
                    return tooLong(file, linesInFile + 1);
                }
                if (lineStart > 0 && (filled == buffer.length || eof)) {
                    System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                    filled -= lineStart;
                    searchFrom -= lineStart;
                    lineStart = 0;
                }
            }
            if (filled > lineStart) {
                return new VerificationResult.Problem(file.name(), linesInFile + 1, -1,
                        VerificationResult.Reason.TRUNCATED, (isLast ? "the journal" : "this file")
                        + " ends in a torn line of " + (filled - lineStart) + " bytes without a final line feed"
                        + " (a record cut short; if the journal has not been reopened since a crash, opening it"
                        + " moves the line to quarantine)");
            }
            if (linesInFile == 0 && !isLast) {
                return new VerificationResult.Problem(file.name(), 0, -1, VerificationResult.Reason.TRUNCATED,
                        "the file is empty, but later files follow: its records were removed");
            }
        }
        return null;
    }

    private static VerificationResult.Problem tooLong(JournalFiles.Entry file, long line) {
        return new VerificationResult.Problem(file.name(), line, -1, VerificationResult.Reason.MALFORMED,
                "the line is longer than the " + AuditJournal.MAX_RECORD_BYTES + " bytes (line feed included) any"
                + " record can have");
    }

    @CheckForNull
    private VerificationResult.Problem verifyLine(JournalFiles.Entry file, byte[] b, int start, int end)
            throws IOException {
        long line = linesInFile;
        if (!scanner.scan(b, start, end)) {
            if (pendingGap != null) {
                return pendingGap;
            }
            return new VerificationResult.Problem(file.name(), line, -1, VerificationResult.Reason.MALFORMED,
                    "not a canonical journal record: " + scanner.error + " (byte " + (scanner.errorAt + 1) + ")");
        }
        long seq = scanner.seq;
        if (chain == null) {
            VerificationResult.Problem problem = startChain(file, line, b, start, end);
            if (problem != null) {
                return problem;
            }
            firstTime = new String(b, scanner.timeAt, 24, StandardCharsets.US_ASCII);
        } else if (RecordTypes.isJournalCreated(b, scanner.typeAt, scanner.typeEnd)) {
            if (pendingGap != null) {
                return pendingGap;
            }
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.MALFORMED,
                    "a JOURNAL_CREATED record is only ever the first record of the journal");
        }
        if (pendingGap != null) {
            return seq == pendingExpected
                    ? new VerificationResult.Problem(pendingGap.file(), pendingGap.line(), pendingGap.seq(),
                            VerificationResult.Reason.REORDERED, "seq " + pendingGap.seq() + " comes before seq "
                            + seq + ": records were moved out of order")
                    : pendingGap;
        }
        ChainHash hash = chain;
        if (hash == null) {
            throw new IllegalStateException("startChain sets the chain or reports a problem");
        }
        if (!RecordFormat.hashMatches(b, start, end - start, hash, computed)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.HASH_MISMATCH,
                    "the record's content does not match its hash: it was changed after it was written");
        }
        if (seq < expectedSeq) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.REORDERED,
                    "seq " + seq + " follows seq " + (expectedSeq - 1) + ": records were moved or repeated");
        }
        if (seq > expectedSeq) {
            // A gap, unless the next line holds the expected record (two records swapped): decided on that line.
            pendingGap = new VerificationResult.Problem(file.name(), line, seq,
                    VerificationResult.Reason.SEQUENCE_GAP, "expected seq " + expectedSeq + ", found " + seq
                    + ": " + (seq - expectedSeq == 1 ? "record " + expectedSeq + " was" : "records " + expectedSeq
                    + " to " + (seq - 1) + " were") + " removed");
            pendingExpected = expectedSeq;
            return null;
        }
        if (!Hex.equalsHex(previous, b, scanner.prevAt)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.CHAIN_BROKEN,
                    "'prev' is not the hash of seq " + (seq - 1) + ": that record or this one was replaced");
        }
        if (head != null && seq == head.seq && !Hex.equalsHex(computed, head.hash.getBytes(StandardCharsets.US_ASCII),
                0)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.HEAD_MISMATCH,
                    "head.json records hash " + head.hash + " for this seq: the end of the journal was rewritten");
        }
        if (expected != null && seq == expected.seq()
                && !Hex.equalsHex(computed, expected.hash().getBytes(StandardCharsets.US_ASCII), 0)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.EXPECTED_HEAD,
                    "the expected head names hash " + expected.hash() + " for this seq, the journal holds "
                    + CanonicalJson.hex(computed) + ": the journal was rewritten since that head was noted");
        }
        if (seq == through && throughHash != null
                && !Hex.equalsHex(computed, throughHash.getBytes(StandardCharsets.US_ASCII), 0)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.HEAD_MISMATCH,
                    "the journal's writer wrote hash " + throughHash + " for this seq, the file holds "
                    + CanonicalJson.hex(computed) + ": the record was replaced after it was written");
        }
        done = seq == through;
        lastTime = new String(b, scanner.timeAt, 24, StandardCharsets.US_ASCII);
        System.arraycopy(computed, 0, previous, 0, ChainHash.LENGTH);
        expectedSeq = seq + 1;
        records++;
        return null;
    }

    /**
     * The first record: it must be JOURNAL_CREATED, seq 1, with exactly the members {@code chain}, {@code format} (1)
     * and, keyed, {@code keyId} (16 lowercase hex digits) besides the five every record has, and name the chain that
     * the given key fits.
     */
    @CheckForNull
    private VerificationResult.Problem startChain(JournalFiles.Entry file, long line, byte[] b, int start, int end)
            throws IOException {
        JournalRecord first;
        try {
            first = RecordFormat.parse(new String(b, start, end - start, StandardCharsets.UTF_8));
        } catch (RecordFormat.MalformedRecordException e) {
            return new VerificationResult.Problem(file.name(), line, scanner.seq, VerificationResult.Reason.MALFORMED,
                    e.getMessage());
        }
        if (first.seq() != 1 || first.type() != AuditEventType.JOURNAL_CREATED) {
            return new VerificationResult.Problem(file.name(), line, first.seq(), VerificationResult.Reason.TRUNCATED,
                    "the journal does not begin with its JOURNAL_CREATED record (seq 1): its start was removed");
        }
        String problem = FirstRecord.problem(first);
        if (problem != null) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.MALFORMED, problem);
        }
        String journalKeyId = first.text("keyId");
        if (first.text("chain").equals(ChainHash.HMAC_SHA256)) {
            if (key == null) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.KEY_REQUIRED,
                        "the journal is keyed (hmac-sha256, key id " + journalKeyId + "); give its key to verify it");
            }
            if (!ChainHash.keyId(key).equals(journalKeyId)) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.WRONG_KEY,
                        "the journal was written with key id " + journalKeyId + ", the given key has id "
                        + ChainHash.keyId(key));
            }
            keyId = journalKeyId;
        } else if (key != null) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.NOT_KEYED,
                    "a key was given but the journal is an unkeyed sha256 chain, which anyone who can edit the"
                    + " files can rewrite consistently");
        }
        if (!first.prev().equals(RecordFormat.GENESIS_PREV)) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.CHAIN_BROKEN,
                    "the first record's prev is not 64 zeros");
        }
        chain = ChainHash.forKey(key);
        HeadFile.Reading reading = headRead != null ? headRead : HeadFile.inspect(dir, ChainHash.forKey(key));
        head = reading.head;
        headProblem = reading.problem;
        return null;
    }
}
