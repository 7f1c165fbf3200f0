package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The in-order part of verification (docs/audit.md, "What a verifier checks", steps 4 to 8): given each line's
 * {@link RecordFacts} in journal order, checks what links a record to the ones before it (the first record and the
 * chain it names, seq without gaps or repeats, {@code prev}, the head in {@code head.json} and the expected head) and
 * what ends a file or the journal. Cheap next to hashing, so one thread does it while others hash (issue 17). Both
 * verifiers feed it, so every check and message exists once. Not thread-safe.
 */
final class ChainLinks {
    private final Path dir;
    @CheckForNull
    private final byte[] key;
    @CheckForNull
    private final ExpectedHead expected;
    /** An open journal's end, or null to read to the end of the files. */
    @CheckForNull
    private final LiveEnd live;
    /** Whether the live end's record was verified: everything after it is newer than the verification. */
    private boolean done;
    /** The last verified record's hash, as the 64 hex digits its line holds: compared with the next one's prev. */
    private final byte[] previousHash = new byte[2 * ChainHash.LENGTH];
    /** The hashes the head file, the expected head and the live end name, as ASCII, or null; set with the head. */
    @CheckForNull
    private byte[] headHash;
    @CheckForNull
    private final byte[] expectedHash;
    @CheckForNull
    private final byte[] liveHash;

    private boolean started;
    /**
     * The seqs at which a line is checked against a hash that head.json, the expected head or the live end names, or
     * -1 (no seq is): the fast path of {@link #line} takes no line at these.
     */
    private long headSeq = -1;
    private final long expectedHeadSeq;
    private final long liveSeq;
    @CheckForNull
    private HeadFile.Head head;
    /** Why head.json holds no head, when it holds none. */
    private String headProblem = "";
    private long records;
    private long expectedSeq = 1;
    /** A gap seen on the previous line, reported unless this line shows it was a swap. */
    @CheckForNull
    private VerificationResult.Problem pendingGap;
    private long pendingExpected;
    @CheckForNull
    private String keyId;
    /** The id of the key given, or null: computed before any hashing thread starts, as the head is read. */
    @CheckForNull
    private final String givenKeyId;
    /** head.json as read before the first record, or why it could not be read (thrown at the first record). */
    @CheckForNull
    private final HeadFile.Reading headReading;
    @CheckForNull
    private final IOException headFailure;
    private String firstTime = "";
    /** The last record's time, copied as it is (24 ASCII bytes) rather than made a String for every record. */
    private final byte[] lastTime = new byte[24];

    ChainLinks(Path dir, @CheckForNull byte[] key, @CheckForNull ExpectedHead expected) {
        this(dir, key, expected, null);
    }

    ChainLinks(Path dir, @CheckForNull byte[] key, @CheckForNull ExpectedHead expected, @CheckForNull LiveEnd live) {
        this.dir = dir;
        this.key = key == null ? null : key.clone();
        this.expected = expected;
        this.live = live;
        this.expectedHash = expected == null ? null : expected.hash().getBytes(StandardCharsets.US_ASCII);
        this.liveHash = live == null ? null : live.lastHash.getBytes(StandardCharsets.US_ASCII);
        this.expectedHeadSeq = expected == null ? -1 : expected.seq();
        this.liveSeq = live == null ? -1 : live.lastSeq;
        Arrays.fill(previousHash, (byte) '0'); // what the first record's prev must be: checked there, and again here
        // head.json and the key id are read and computed now, before the hashing threads start, though they are
        // checked only at the first record: a digest that starts hashing once the JIT has compiled SHA-256 for the
        // digests in use makes it throw that code away (its first use takes a branch the profile never saw) and
        // hash the slow way until it has compiled it again (issue 17: an unstable_if trap in SHA2.implCompress0 at
        // the first record, in -XX:+LogCompilation)
        this.givenKeyId = key == null ? null : ChainHash.keyId(key);
        HeadFile.Reading reading = null;
        IOException failure = null;
        if (live != null) {
            reading = live.head;
        } else {
            try {
                reading = HeadFile.inspect(dir, ChainHash.forKey(key));
            } catch (IOException e) {
                failure = e;
            }
        }
        this.headReading = reading;
        this.headFailure = failure;
    }

    /**
     * Whether an open journal's last record (as it was when verification began) has been verified: the verifiers
     * stop reading there and call {@link #finish} with the files read so far.
     */
    boolean done() {
        return done;
    }

    /** The records verified so far. */
    long records() {
        return records;
    }

    /**
     * Step 4 to 6 for one line, {@code b[start, end)} without its line feed, whose facts were learnt with the chain
     * function of this verifier's key.
     *
     * @return the problem that stops verification at this line, or null to go on
     */
    @CheckForNull
    VerificationResult.Problem line(JournalFiles.Entry file, long line, byte[] b, int start, int end, RecordFacts facts)
            throws IOException {
        // The line of nearly every record: the next seq, hash and prev as they should be, no head named at it. Kept a
        // few dozen bytecodes, so C2 compiles it early and whole (issue 17: the one big method was compiled late and
        // recompiled after a trap in a problem's path); anything else takes checkedLine, the full steps.
        long seq = facts.seq;
        if (facts.canonical && facts.hashMatches && seq == expectedSeq && started && !facts.journalCreated
                && pendingGap == null && end + 1 - start <= AuditJournal.MAX_RECORD_BYTES && seq != headSeq
                && seq != expectedHeadSeq && seq != liveSeq
                && Arrays.equals(previousHash, 0, previousHash.length, b, facts.prevAt, facts.prevAt + 64)) {
            accept(b, facts, RecordFacts.hashAt(end), seq);
            return null;
        }
        return checkedLine(file, line, b, start, end, facts);
    }

    /** Takes a record that passed as the last one verified. */
    private void accept(byte[] b, RecordFacts facts, int hashAt, long seq) {
        System.arraycopy(b, facts.timeAt, lastTime, 0, lastTime.length);
        System.arraycopy(b, hashAt, previousHash, 0, previousHash.length);
        expectedSeq = seq + 1;
        records++;
        done = seq == liveSeq;
    }

    /** {@link #line} in full: every step, in the order docs/audit.md gives, and the problem of the first that fails. */
    @CheckForNull
    private VerificationResult.Problem checkedLine(JournalFiles.Entry file, long line, byte[] b, int start, int end,
            RecordFacts facts) throws IOException {
        if (end + 1 - start > AuditJournal.MAX_RECORD_BYTES) {
            return tooLong(file, line);
        }
        if (!facts.canonical) {
            if (pendingGap != null) {
                return pendingGap;
            }
            return new VerificationResult.Problem(file.name(), line, -1, VerificationResult.Reason.MALFORMED,
                    "not a canonical journal record: " + facts.error + " (byte " + (facts.errorAt + 1) + ")");
        }
        long seq = facts.seq;
        if (!started) {
            VerificationResult.Problem problem = startChain(file, line, b, start, end, facts);
            if (problem != null) {
                return problem;
            }
            firstTime = new String(b, facts.timeAt, 24, StandardCharsets.US_ASCII);
        } else if (facts.journalCreated) {
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
        if (!facts.hashMatches) {
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
        // The hash matched, so the line's own 64 hex digits are the computed hash: every comparison is of text,
        // vectorised by the JIT (issue 17); both sides are lowercase hex (the scanner, head file and --expect-head
        // accept no other), so equal text is equal hashes.
        int hashAt = RecordFacts.hashAt(end);
        if (!Arrays.equals(previousHash, 0, previousHash.length, b, facts.prevAt, facts.prevAt + previousHash.length)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.CHAIN_BROKEN,
                    "'prev' is not the hash of seq " + (seq - 1) + ": that record or this one was replaced");
        }
        if (head != null && seq == head.seq && !isHash(headHash, b, hashAt)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.HEAD_MISMATCH,
                    "head.json records hash " + head.hash + " for this seq: the end of the journal was rewritten");
        }
        if (expected != null && seq == expected.seq() && !isHash(expectedHash, b, hashAt)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.EXPECTED_HEAD,
                    "the expected head names hash " + expected.hash() + " for this seq, the journal holds "
                    + new String(b, hashAt, 64, StandardCharsets.US_ASCII) + ": the journal was rewritten since that"
                    + " head was noted");
        }
        if (live != null && seq == live.lastSeq && !isHash(liveHash, b, hashAt)) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.HEAD_MISMATCH,
                    "the journal's writer wrote hash " + live.lastHash + " for this seq, the file holds "
                    + new String(b, hashAt, 64, StandardCharsets.US_ASCII) + ": the record was replaced after it was"
                    + " written");
        }
        accept(b, facts, hashAt, seq);
        return null;
    }

    /** Whether {@code hash} (ASCII, 64 hex digits when well formed) is the text at {@code b[at, at + 64)}. */
    private static boolean isHash(@CheckForNull byte[] hash, byte[] b, int at) {
        return hash != null && hash.length == 64 && Arrays.equals(hash, 0, 64, b, at, at + 64);
    }

    /** A line of at least {@link AuditJournal#MAX_RECORD_BYTES} bytes before its line feed, or without one. */
    static VerificationResult.Problem tooLong(JournalFiles.Entry file, long line) {
        return new VerificationResult.Problem(file.name(), line, -1, VerificationResult.Reason.MALFORMED,
                "the line is longer than the " + AuditJournal.MAX_RECORD_BYTES + " bytes (line feed included) any"
                + " record can have");
    }

    /**
     * Step 7, at the end of a file whose lines all passed.
     *
     * @param lines the file's whole lines
     * @param tornBytes the bytes after its last line feed (fewer than {@link AuditJournal#MAX_RECORD_BYTES})
     */
    @CheckForNull
    static VerificationResult.Problem fileEnd(JournalFiles.Entry file, long lines, int tornBytes, boolean isLast) {
        if (tornBytes > 0) {
            return new VerificationResult.Problem(file.name(), lines + 1, -1,
                    VerificationResult.Reason.TRUNCATED, (isLast ? "the journal" : "this file")
                    + " ends in a torn line of " + tornBytes + " bytes without a final line feed"
                    + " (a record cut short; if the journal has not been reopened since a crash, opening it"
                    + " moves the line to quarantine)");
        }
        if (lines == 0 && !isLast) {
            return new VerificationResult.Problem(file.name(), 0, -1, VerificationResult.Reason.TRUNCATED,
                    "the file is empty, but later files follow: its records were removed");
        }
        return null;
    }

    /**
     * Step 8, once every file passed.
     *
     * @param lastLineNumber the number of whole lines in the last file
     * @param notes what the auditor should know besides the result
     * @return the summary, or the problem
     */
    VerificationResult finish(List<JournalFiles.Entry> files, long lastLineNumber, List<String> notes) {
        VerificationResult.Problem problem = endProblem(files.get(files.size() - 1), lastLineNumber);
        if (problem != null) {
            return VerificationResult.broken(records, problem, notes);
        }
        return VerificationResult.intact(new JournalSummary(records, files.size(), files.get(0).name(),
                files.get(files.size() - 1).name(), firstTime, new String(lastTime, StandardCharsets.US_ASCII), keyId,
                new String(previousHash, StandardCharsets.US_ASCII)), notes);
    }

    @CheckForNull
    private VerificationResult.Problem endProblem(JournalFiles.Entry last, long lastLineNumber) {
        if (live != null && !done) {
            if (live.missingFile != null) {
                return live.missingFile;
            }
            if (pendingGap == null) {
                return new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                        VerificationResult.Reason.TRUNCATED, "the journal ends at seq " + (expectedSeq - 1)
                        + " but its writer has written seq " + live.lastSeq + ": records were removed from the end");
            }
        }
        if (pendingGap != null) {
            return pendingGap;
        }
        if (records == 0) {
            return new VerificationResult.Problem(last.name(), 0, -1, VerificationResult.Reason.TRUNCATED,
                    "the journal has no records");
        }
        HeadFile.Head recorded = head;
        if (recorded == null) {
            return new VerificationResult.Problem(JournalFiles.HEAD, 0, -1,
                    VerificationResult.Reason.HEAD_MISMATCH, headProblem + (key != null ? " for this key" : "")
                    + ", so removal of records from the end cannot be ruled out");
        }
        if (recorded.seq > expectedSeq - 1) {
            return new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                    VerificationResult.Reason.TRUNCATED, "the journal ends at seq " + (expectedSeq - 1)
                    + " but head.json records seq " + recorded.seq + ": records were removed from the end");
        }
        if (expected != null && expected.seq() > expectedSeq - 1) {
            return new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                    VerificationResult.Reason.EXPECTED_HEAD, "the journal ends at seq " + (expectedSeq - 1)
                    + ", before the expected seq " + expected.seq() + ": records were removed from the end (and"
                    + " head.json replaced by an older copy)");
        }
        return null;
    }

    /**
     * The first record: it must be JOURNAL_CREATED, seq 1, with exactly the members {@code chain}, {@code format} (1)
     * and, keyed, {@code keyId} (16 lowercase hex digits) besides the five every record has, and name the chain that
     * the given key fits. Read from its bytes ({@link FirstRecord#plain}); only a first record that is not as a journal
     * writes it is parsed with Jackson, to say what is wrong with it (issue 17: start-up of {@code audit verify}).
     */
    @CheckForNull
    private VerificationResult.Problem startChain(JournalFiles.Entry file, long line, byte[] b, int start, int end,
            RecordFacts facts) throws IOException {
        FirstRecord.Members first = FirstRecord.plain(b, start, end, facts.seq, facts.journalCreated);
        if (first == null) {
            VerificationResult.Problem problem = FirstRecord.problemOf(file, line, b, start, end, facts.seq);
            if (problem != null) {
                return problem;
            }
            throw new IllegalStateException("the first record of " + file.name() + " was neither refused nor read");
        }
        String journalKeyId = first.keyId;
        if (first.chain.equals(ChainHash.HMAC_SHA256)) {
            if (key == null) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.KEY_REQUIRED,
                        "the journal is keyed (hmac-sha256, key id " + journalKeyId + "); give its key to verify it");
            }
            if (!java.util.Objects.equals(givenKeyId, journalKeyId)) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.WRONG_KEY,
                        "the journal was written with key id " + journalKeyId + ", the given key has id "
                        + givenKeyId);
            }
            keyId = journalKeyId;
        } else if (key != null) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.NOT_KEYED,
                    "a key was given but the journal is an unkeyed sha256 chain, which anyone who can edit the"
                    + " files can rewrite consistently");
        }
        if (!isGenesis(b, facts.prevAt)) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.CHAIN_BROKEN,
                    "the first record's prev is not 64 zeros");
        }
        started = true;
        if (headFailure != null) {
            throw headFailure;
        }
        HeadFile.Reading reading = headReading;
        if (reading == null) {
            throw new IllegalStateException("head.json was neither read nor refused");
        }
        head = reading.head;
        headSeq = reading.head == null ? -1 : reading.head.seq;
        headHash = reading.head == null ? null : reading.head.hash.getBytes(StandardCharsets.US_ASCII);
        headProblem = reading.problem;
        return null;
    }

    /** Whether the 64 hex digits of {@code prev} at {@code at} are {@link RecordFormat#GENESIS_PREV}'s zeros. */
    private static boolean isGenesis(byte[] b, int at) {
        for (int i = at; i < at + 64; i++) {
            if (b[i] != '0') {
                return false;
            }
        }
        return true;
    }
}
