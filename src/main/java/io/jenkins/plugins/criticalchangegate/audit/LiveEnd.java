package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Where verification of an open journal ends ({@link AuditJournal#verify}, the audit page's Verify): at the last
 * record that was durable when it began, whose hash the writer published with its seq. What is appended meanwhile (a
 * line still being written, a file begun by rotation) is newer than the verification and neither read nor taken for
 * damage; {@code head.json} is the one read before that record was taken, so it never names a later one. An immutable
 * value.
 */
final class LiveEnd {
    final HeadFile.Reading head;
    final long lastSeq;
    final String lastHash;
    /** A file missing from the listing: damage only if the last record was not reached before it. */
    @CheckForNull
    final VerificationResult.Problem missingFile;

    LiveEnd(HeadFile.Reading head, long lastSeq, String lastHash) {
        this(head, lastSeq, lastHash, null);
    }

    private LiveEnd(HeadFile.Reading head, long lastSeq, String lastHash,
            @CheckForNull VerificationResult.Problem missingFile) {
        this.head = head;
        this.lastSeq = lastSeq;
        this.lastHash = lastHash;
        this.missingFile = missingFile;
    }

    LiveEnd withMissingFile(VerificationResult.Problem problem) {
        return new LiveEnd(head, lastSeq, lastHash, problem);
    }
}
