package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a journal directory for appending ({@link AuditJournal#open}): creates the journal when there is none, whole
 * or not at all ({@link JournalCreation}, which also removes what an unfinished creation left);
 * otherwise moves a torn last line to quarantine ({@link TornTail}) and refuses to go on when the key does not fit
 * the journal, the journal's files are not contiguous, its last record is damaged, or its head file shows that records
 * were removed from the end. What it repaired is said in {@link #notes()}.
 */
final class JournalRecovery {
    private final Path dir;
    private final JournalOptions options;
    @CheckForNull
    private final byte[] key;
    private final ChainHash chain;
    private final List<String> notes = new ArrayList<>();
    private final JournalCreation.Hook creationHook;
    /** Set once this open created the journal, which it then opens as any other. */
    private boolean created;

    JournalRecovery(Path dir, JournalOptions options) {
        this(dir, options, JournalCreation.NO_HOOK);
    }

    /** With a hook at each step of creating the journal, for tests that stop there. */
    JournalRecovery(Path dir, JournalOptions options, JournalCreation.Hook creationHook) {
        this.dir = dir;
        this.options = options;
        this.creationHook = creationHook;
        this.key = options.key().orElse(null);
        this.chain = ChainHash.forKey(key);
    }

    /**
     * Checks and repairs the journal, or creates it.
     *
     * @return the writer that goes on after the journal's last record; the head file is up to date
     * @throws IOException when the journal cannot be opened, with the reason
     */
    BatchWriter recover() throws IOException {
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).number != i + 1) {
                throw new IOException("the audit journal in " + dir + " is missing " + JournalFiles.name(i + 1)
                        + " (found " + files.get(i).name() + "); run 'audit verify " + dir + "' and restore it");
            }
        }
        if (!files.isEmpty()) {
            String note = TornTail.quarantine(dir, files.get(files.size() - 1), options.clock());
            if (note != null) {
                notes.add(note);
            }
        }
        byte[] lastLine = null;
        JournalFiles.Entry lastFile = null;
        for (int i = files.size() - 1; i >= 0 && lastLine == null; i--) {
            lastLine = lastWholeLine(files.get(i).path);
            lastFile = files.get(i);
        }
        if (lastLine == null) {
            return createJournal(files);
        }
        checkKey(files.get(0));
        JournalRecord last = parseOwn(lastLine, lastFile);
        byte[] scratch = new byte[ChainHash.LENGTH];
        if (!RecordFormat.hashMatches(lastLine, 0, lastLine.length, chain, scratch)) {
            throw new IOException("the last record of the audit journal in " + dir + " (" + lastFile.name()
                    + ", seq " + last.seq() + ") does not match its hash: run 'audit verify " + dir + "'");
        }
        long lastSeq = last.seq();
        String lastHash = last.hash();
        HeadFile.Head savedHead = HeadFile.read(dir, chain);
        if (savedHead == null) {
            if (lastSeq != 1) {
                throw new IOException("the head file " + dir.resolve(JournalFiles.HEAD) + " is missing or damaged,"
                        + " so removal of records from the end of the journal cannot be ruled out; run 'audit verify "
                        + dir + "' and restore head.json from a backup");
            }
            notes.add("recreated head.json, lost by a crash while the journal was being created");
        } else if (savedHead.seq > lastSeq || savedHead.seq == lastSeq && !savedHead.hash.equals(lastHash)) {
            throw new IOException("the audit journal in " + dir + " ends at seq " + lastSeq + " but its head file"
                    + " records seq " + savedHead.seq + " with hash " + savedHead.hash + ": records were removed from"
                    + " or replaced at the end; run 'audit verify " + dir + "'");
        }
        return resume(files.get(files.size() - 1), savedHead, lastSeq, lastHash);
    }

    /** What {@link #recover} found and repaired (a torn last line moved to quarantine...). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Reopens the journal's last file at its end and writes the head anew. */
    private BatchWriter resume(JournalFiles.Entry tail, @CheckForNull HeadFile.Head savedHead, long lastSeq,
            String lastHash) throws IOException {
        FileChannel current = FileChannel.open(tail.path, StandardOpenOption.WRITE);
        long currentSize = current.size();
        current.position(currentSize);
        Instant firstRecord = null;
        if (options.rotationPeriod().isPresent() && currentSize > 0) {
            byte[] first = JournalFiles.firstLine(tail.path, AuditJournal.MAX_RECORD_BYTES);
            if (first != null) {
                firstRecord = parseOwn(first, tail).time();
            }
        }
        RotatingFile file = new RotatingFile(dir, options, tail.number, current, currentSize, firstRecord);
        HeadFile head = HeadFile.open(dir, savedHead);
        head.write(lastSeq, lastHash, chain);
        head.force();
        return new BatchWriter(options.clock(), chain, head, file, lastSeq, lastHash);
    }

    /**
     * Creates the journal in a directory that holds no record, after removing what an unfinished creation left, then
     * opens it as any other. A head file next to no record that creation did not leave is never touched: it may be
     * all that is left of a journal whose files were removed.
     *
     * @param emptyFiles the journal files, all empty (left by a crash of versions before atomic creation)
     */
    private BatchWriter createJournal(List<JournalFiles.Entry> emptyFiles) throws IOException {
        if (created) {
            throw new IllegalStateException("the audit journal just created in " + dir + " holds no record");
        }
        boolean hasHead = Files.exists(dir.resolve(JournalFiles.HEAD));
        List<Path> leftovers = emptyFiles.isEmpty() ? JournalCreation.leftovers(dir) : List.of();
        if (leftovers == null || !emptyFiles.isEmpty() && hasHead) {
            throw new IOException("the audit journal in " + dir + " has a head file but no records: its files"
                    + " were removed or emptied; run 'audit verify " + dir + "'");
        }
        if (!emptyFiles.isEmpty()) {
            // empty, so they hold nothing; removed first so that no crash below can leave a head next to them
            for (JournalFiles.Entry empty : emptyFiles) {
                Files.delete(empty.path);
            }
            JournalFiles.forceDirectory(dir);
            notes.add("removed " + emptyFiles.size() + " empty journal file(s), left by a crash while the journal was"
                    + " being created, and created the journal anew");
            leftovers = JournalCreation.leftovers(dir);
            if (leftovers == null) {
                throw new IOException("the audit journal in " + dir + " changed while it was being created");
            }
        }
        String note = JournalCreation.removeLeftovers(dir, leftovers);
        if (note != null) {
            notes.add(note);
        }
        JournalCreation.create(dir, options, creationHook);
        created = true;
        return recover();
    }

    private void checkKey(JournalFiles.Entry firstFile) throws IOException {
        byte[] line = JournalFiles.firstLine(firstFile.path, AuditJournal.MAX_RECORD_BYTES);
        if (line == null) {
            throw new IOException(firstFile.path + " has no whole first record; run 'audit verify " + dir + "'");
        }
        JournalRecord first = parseOwn(line, firstFile);
        if (first.seq() != 1 || first.type() != AuditEventType.JOURNAL_CREATED) {
            throw new IOException(firstFile.path + " does not start with the JOURNAL_CREATED record (seq 1)");
        }
        String journalChain = first.text("chain");
        String journalKeyId = first.text("keyId");
        if (key == null && !journalChain.equals(ChainHash.SHA256)) {
            throw new IOException("the audit journal in " + dir + " is keyed (" + journalChain + ", key id "
                    + journalKeyId + "); open it with its key");
        }
        if (key != null && !journalChain.equals(ChainHash.HMAC_SHA256)) {
            throw new IOException("the audit journal in " + dir + " is an unkeyed " + journalChain + " chain but a"
                    + " key was configured; refusing to mix an unkeyed journal with a keyed one");
        }
        if (key != null && !ChainHash.keyId(key).equals(journalKeyId)) {
            throw new IOException("wrong key for the audit journal in " + dir + ": it was written with key id "
                    + journalKeyId + ", the configured key has id " + ChainHash.keyId(key));
        }
    }

    private JournalRecord parseOwn(byte[] line, JournalFiles.Entry file) throws IOException {
        try {
            return RecordFormat.parse(new String(line, StandardCharsets.UTF_8));
        } catch (RecordFormat.MalformedRecordException e) {
            throw new IOException("a record in " + file.path + " is malformed (" + e.getMessage() + "); run 'audit"
                    + " verify " + dir + "'");
        }
    }

    @CheckForNull
    private static byte[] lastWholeLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return null;
            }
            long end = size - 1; // the last line feed (the tail was made whole by TornTail.quarantine)
            long start = JournalFiles.lastLineFeed(channel, end) + 1;
            if (end - start > AuditJournal.MAX_RECORD_BYTES) {
                throw new IOException("the last line of " + file + " is longer than any record can be");
            }
            return JournalFiles.read(channel, start, end);
        }
    }
}
