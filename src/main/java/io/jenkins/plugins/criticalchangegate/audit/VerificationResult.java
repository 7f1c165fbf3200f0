package io.jenkins.plugins.criticalchangegate.audit;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Optional;

/**
 * What {@link JournalVerifier} found: either an intact journal ({@code N records, head <hash>}) or the first broken
 * record, where it is and why. Immutable.
 */
public final class VerificationResult {
    /** Why a journal is broken. */
    public enum Reason {
        /** A record's content does not match its own hash: it was edited after it was written. */
        HASH_MISMATCH("hash mismatch"),
        /** A record's {@code prev} is not the hash of the record before it: a record was replaced or forged. */
        CHAIN_BROKEN("chain broken"),
        /** Sequence numbers skip: records were deleted. */
        SEQUENCE_GAP("sequence gap"),
        /** Sequence numbers go backwards or repeat: records were moved or duplicated. */
        REORDERED("reordering"),
        /** A journal file is missing from the numbered series. */
        MISSING_FILE("missing file"),
        /** The journal was cut: a torn last line, an emptied file, or records removed from the end. */
        TRUNCATED("truncation"),
        /** The journal is keyed with a different key from the one given. */
        WRONG_KEY("wrong key"),
        /** The journal is keyed and no key was given, so it cannot be verified. */
        KEY_REQUIRED("key required"),
        /** A key was given but the journal is an unkeyed chain, which anyone can rewrite. */
        NOT_KEYED("not keyed"),
        /** A line is not a canonical record (bad JSON, not canonical, a member missing). */
        MALFORMED("malformed record"),
        /** head.json is missing or damaged, or disagrees with the journal. */
        HEAD_MISMATCH("head mismatch"),
        /** The directory holds no journal file. */
        EMPTY("no journal"),
        /** A file is named like a journal file but not as the journal names its files. */
        BAD_FILE_NAME("bad file name"),
        /** The journal no longer holds the record an auditor noted earlier ({@code --expect-head SEQ:HASH}). */
        EXPECTED_HEAD("expected head");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** A few words for people ({@code hash mismatch}, {@code sequence gap}...). */
        public String label() {
            return label;
        }
    }

    /** The first broken record. */
    public static final class Problem {
        private final String file;
        private final long line;
        private final long seq;
        private final Reason reason;
        private final String detail;

        Problem(String file, long line, long seq, Reason reason, String detail) {
            this.file = file;
            this.line = line;
            this.seq = seq;
            this.reason = reason;
            this.detail = detail;
        }

        /** The file's name within the journal directory. */
        public String file() {
            return file;
        }

        /** The line number in that file, from 1; 0 when the problem is the file as a whole. */
        public long line() {
            return line;
        }

        /** The record's sequence number, or -1 when the line has none that can be read. */
        public long seq() {
            return seq;
        }

        public Reason reason() {
            return reason;
        }

        /** What exactly is wrong, in a sentence. */
        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return file + (line > 0 ? " line " + line : "") + (seq > 0 ? " (seq " + seq + ")" : "") + ": "
                    + reason.label() + ": " + detail;
        }
    }

    private final long records;
    @CheckForNull
    private final String head;
    @CheckForNull
    private final Problem problem;
    private final List<String> notes;
    @CheckForNull
    private final JournalSummary summary;

    private VerificationResult(long records, @CheckForNull String head, @CheckForNull Problem problem,
            List<String> notes, @CheckForNull JournalSummary summary) {
        this.records = records;
        this.head = head;
        this.problem = problem;
        this.notes = List.copyOf(notes);
        this.summary = summary;
    }

    static VerificationResult intact(JournalSummary summary, List<String> notes) {
        return new VerificationResult(summary.records(), summary.headHash(), null, notes, summary);
    }

    static VerificationResult broken(long recordsBefore, Problem problem, List<String> notes) {
        return new VerificationResult(recordsBefore, null, problem, notes, null);
    }

    /** What the intact journal holds (files, times, chain kind, head); empty when it is broken. */
    public Optional<JournalSummary> summary() {
        return Optional.ofNullable(summary);
    }

    public boolean intact() {
        return problem == null;
    }

    /** The number of records (intact), or of records verified before the problem. */
    public long records() {
        return records;
    }

    /** The last record's hash, when the journal is intact. */
    public Optional<String> head() {
        return Optional.ofNullable(head);
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** Things an auditor should know that do not break the chain (quarantined torn lines...). */
    public List<String> notes() {
        return notes;
    }

    /** {@code N records, head <hash>}, or the problem. */
    @Override
    public String toString() {
        return problem == null ? Counted.of(records, "record") + ", head " + head : problem.toString();
    }
}
