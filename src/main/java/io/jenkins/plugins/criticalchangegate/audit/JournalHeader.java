package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a journal's first record ({@code JOURNAL_CREATED}) says about how it is chained: keyed or not, and with which
 * key id. Read without opening (or locking) the journal, so that an administrator's page, or Jenkins before it opens
 * a journal with its key, can tell "written with another key" and "unkeyed" apart from "new".
 */
public final class JournalHeader {
    private final String chain;
    @CheckForNull
    private final String keyId;

    private JournalHeader(String chain, @CheckForNull String keyId) {
        this.chain = chain;
        this.keyId = keyId;
    }

    /**
     * Reads the first record of the journal in a directory.
     *
     * @param dir the journal's directory
     * @return the header; empty when the directory holds no journal yet (no first file, or an empty one)
     * @throws IOException when the first record cannot be read or is not a {@code JOURNAL_CREATED} record, with the
     *     reason
     */
    public static Optional<JournalHeader> read(Path dir) throws IOException {
        Path first = dir.resolve(JournalFiles.name(1));
        if (!Files.isRegularFile(first) || Files.size(first) == 0) {
            return Optional.empty();
        }
        byte[] line = JournalFiles.firstLine(first, AuditJournal.MAX_RECORD_BYTES);
        if (line == null) {
            throw new IOException(first + " has no whole first record; run 'audit verify " + dir + "'");
        }
        JournalRecord record;
        try {
            record = RecordFormat.parse(new String(line, StandardCharsets.UTF_8));
        } catch (RecordFormat.MalformedRecordException e) {
            throw new IOException(first + " line 1: " + e.getMessage() + "; run 'audit verify " + dir + "'", e);
        }
        if (record.seq() != 1 || record.type() != AuditEventType.JOURNAL_CREATED) {
            throw new IOException(first + " does not start with the JOURNAL_CREATED record (seq 1)");
        }
        String keyId = record.text("keyId");
        return Optional.of(new JournalHeader(record.text("chain"), keyId.isEmpty() ? null : keyId));
    }

    /** {@code sha256} (unkeyed) or {@code hmac-sha256} (keyed). */
    public String chain() {
        return chain;
    }

    /** Whether the chain is keyed (HMAC-SHA-256). */
    public boolean keyed() {
        return ChainHash.HMAC_SHA256.equals(chain);
    }

    /** The id of the key the journal was written with ({@link JournalKeyFile#keyId}); empty when unkeyed. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    @Override
    public String toString() {
        return keyed() ? chain + " (key id " + keyId + ")" : chain;
    }
}
