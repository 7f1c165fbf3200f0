package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private String missingFileBefore;

    private JournalVerifier(Path dir, @CheckForNull byte[] key) {
        this.dir = dir;
        this.key = key == null ? null : key.clone();
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
        return new JournalVerifier(dir, key).run();
    }

    private VerificationResult run() throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        for (Path q : JournalFiles.quarantines(dir)) {
            notes.add(q.getFileName() + " holds a torn line the journal set aside after a crash (never"
                    + " acknowledged, not part of the chain)");
        }
        if (files.isEmpty()) {
            return broken(new VerificationResult.Problem(dir.toString(), 0, -1, VerificationResult.Reason.EMPTY,
                    "no journal-NNNNNN.jsonl files in this directory"));
        }
        byte[] buffer = new byte[BUFFER];
        JournalFiles.Entry last = files.get(files.size() - 1);
        long lastLineNumber = 0;
        int previousNumber = 0;
        for (JournalFiles.Entry file : files) {
            if (file.number != previousNumber + 1) {
                missingFileBefore = file.number == previousNumber + 2 ? JournalFiles.name(previousNumber + 1)
                        : JournalFiles.name(previousNumber + 1) + " to " + JournalFiles.name(file.number - 1);
            }
            previousNumber = file.number;
            VerificationResult.Problem problem = verifyFile(file, buffer, file == last);
            if (problem != null) {
                return broken(problem);
            }
            lastLineNumber = linesInFile;
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
                    VerificationResult.Reason.HEAD_MISMATCH, "head.json is missing or has no valid slot"
                    + (key != null ? " for this key" : "") + ", so removal of records from the end cannot be ruled"
                    + " out"));
        }
        if (head.seq > expectedSeq - 1) {
            return broken(new VerificationResult.Problem(last.name(), lastLineNumber + 1, expectedSeq,
                    VerificationResult.Reason.TRUNCATED, "the journal ends at seq " + (expectedSeq - 1)
                    + " but head.json records seq " + head.seq + ": records were removed from the end"));
        }
        return VerificationResult.intact(records, CanonicalJson.hex(previous), notes);
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
                        VerificationResult.Problem problem = verifyLine(file, buffer, lineStart, i);
                        if (problem != null) {
                            return problem;
                        }
                        lineStart = i + 1;
                    }
                }
                searchFrom = filled;
                if (filled - lineStart > AuditJournal.MAX_RECORD_BYTES) {
                    return new VerificationResult.Problem(file.name(), linesInFile + 1, -1,
                            VerificationResult.Reason.MALFORMED, "a line is longer than the "
                            + AuditJournal.MAX_RECORD_BYTES + " bytes any record can have");
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
        if (missingFileBefore != null) {
            return new VerificationResult.Problem(file.name(), line, seq, VerificationResult.Reason.MISSING_FILE,
                    missingFileBefore + " is missing" + (seq > expectedSeq ? " (records " + expectedSeq + " to "
                    + (seq - 1) + ")" : ""));
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
        System.arraycopy(computed, 0, previous, 0, ChainHash.LENGTH);
        expectedSeq = seq + 1;
        records++;
        return null;
    }

    /** The first record: it must be JOURNAL_CREATED, seq 1, and name the chain that the given key fits. */
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
        if (file.number != 1 || first.seq() != 1 || first.type() != AuditEventType.JOURNAL_CREATED) {
            String missing = file.number != 1 ? JournalFiles.name(1) + (file.number > 2 ? " to "
                    + JournalFiles.name(file.number - 1) : "") + " missing, " : "";
            return new VerificationResult.Problem(file.name(), line, first.seq(),
                    file.number != 1 ? VerificationResult.Reason.MISSING_FILE : VerificationResult.Reason.TRUNCATED,
                    missing + "the journal does not begin with its JOURNAL_CREATED record (seq 1): its start was"
                    + " removed");
        }
        String journalChain = first.text("chain");
        String keyId = first.text("keyId");
        if (journalChain.equals(ChainHash.HMAC_SHA256)) {
            if (key == null) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.KEY_REQUIRED,
                        "the journal is keyed (hmac-sha256, key id " + keyId + "); give its key to verify it");
            }
            if (!ChainHash.keyId(key).equals(keyId)) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.WRONG_KEY,
                        "the journal was written with key id " + keyId + ", the given key has id "
                        + ChainHash.keyId(key));
            }
        } else if (journalChain.equals(ChainHash.SHA256)) {
            if (key != null) {
                return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.NOT_KEYED,
                        "a key was given but the journal is an unkeyed sha256 chain, which anyone who can edit the"
                        + " files can rewrite consistently");
            }
        } else {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.MALFORMED,
                    "unknown chain '" + journalChain + "' (expected sha256 or hmac-sha256)");
        }
        if (!first.prev().equals(RecordFormat.GENESIS_PREV)) {
            return new VerificationResult.Problem(file.name(), line, 1, VerificationResult.Reason.CHAIN_BROKEN,
                    "the first record's prev is not 64 zeros");
        }
        chain = ChainHash.forKey(key);
        head = Files.exists(dir.resolve(JournalFiles.HEAD)) ? HeadFile.read(dir, ChainHash.forKey(key)) : null;
        return null;
    }
}
