package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Optional;

/**
 * What an intact journal holds, as {@code audit verify} prints it for an auditor to cite (issue 17): how many records
 * in how many files, the first and last record's time, how the chain is keyed, and its head ({@code SEQ:HASH}, the
 * form {@code --expect-head} takes back). Immutable.
 */
public final class JournalSummary {
    private final long records;
    private final int files;
    private final String firstFile;
    private final String lastFile;
    private final String firstTime;
    private final String lastTime;
    @CheckForNull
    private final String keyId;
    private final String headHash;

    JournalSummary(long records, int files, String firstFile, String lastFile, String firstTime, String lastTime,
            @CheckForNull String keyId, String headHash) {
        this.records = records;
        this.files = files;
        this.firstFile = firstFile;
        this.lastFile = lastFile;
        this.firstTime = firstTime;
        this.lastTime = lastTime;
        this.keyId = keyId;
        this.headHash = headHash;
    }

    /** The number of records; the last record's seq, since seq runs 1, 2, 3... without gaps. */
    public long records() {
        return records;
    }

    /** The number of journal files ({@code journal-NNNNNN.jsonl}). */
    public int files() {
        return files;
    }

    public String firstFile() {
        return firstFile;
    }

    public String lastFile() {
        return lastFile;
    }

    /** The first record's {@code time}, as written ({@code 2026-11-26T09:30:00.000Z}). */
    public String firstTime() {
        return firstTime;
    }

    /** The last record's {@code time}, as written. */
    public String lastTime() {
        return lastTime;
    }

    /** The key id of a keyed ({@code hmac-sha256}) journal; empty for an unkeyed ({@code sha256}) one. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** The last record's hash. */
    public String headHash() {
        return headHash;
    }

    /** {@code SEQ:HASH} of the last record: what an auditor keeps and later gives to {@code --expect-head}. */
    public String head() {
        return records + ":" + headHash;
    }

    /** {@code keyed with key id <id>} or {@code unkeyed: detects accidental damage only} (the contract's words). */
    public String chainKind() {
        return keyId == null ? "unkeyed: detects accidental damage only" : "keyed with key id " + keyId;
    }

    /**
     * The lines {@code audit verify} prints after its result, one fact each, {@code name: value} (docs/audit.md): the
     * tool prints them, and the audit page in Jenkins shows the same lines for a verification on the controller.
     */
    public List<String> lines() {
        return List.of("records: " + records,
                "files: " + files + " (" + firstFile + (files > 1 ? " to " + lastFile : "") + ")",
                "first: " + firstTime,
                "last: " + lastTime,
                "chain: " + chainKind(),
                "head: " + head());
    }
}
