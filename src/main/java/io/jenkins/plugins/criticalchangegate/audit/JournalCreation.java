package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.files.Directories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a journal whole or not at all (docs/audit.md, "Durability, concurrency and crashes"). A journal exists once
 * {@code journal-000001.jsonl} exists: that is what opening, the verifier, {@code JournalHeader} and the tool's "no
 * journal" all look at. So creation writes the first record and its head under temporary names, makes them durable,
 * puts {@code head.json} in place and then, as the one step that creates the journal, renames the first file into
 * place. Before that rename there is no journal (a crash or a full disk leaves at most these leftovers, which nothing
 * ever acknowledged); after it there is a whole one, its head naming its first record.
 *
 * <p>The head goes first because a first file without a head is what a journal cut back to its first record looks
 * like (the verifier reports it, rightly); a head with no journal file next to it is told apart from an emptied
 * journal by the temporary first file still being there and by the head naming exactly that file's record, seq 1
 * (a journal that took any record has moved its head past seq 1, into its second slot).
 */
public final class JournalCreation {
    /** The first file while it is being created; never a name the verifier or the tool reads as a journal file. */
    static final String FIRST_FILE_TEMP = JournalFiles.name(1) + ".creating";
    /** The first head while it is being created. */
    static final String HEAD_TEMP = JournalFiles.HEAD + ".creating";

    /** The points between the first byte and the created journal, for tests that stop there ({@link Hook}). */
    enum Step {
        /** {@value JournalCreation#FIRST_FILE_TEMP} holds the first record, on disk. */
        FIRST_FILE_WRITTEN,
        /** {@value JournalCreation#HEAD_TEMP} holds the head naming it, on disk. */
        HEAD_WRITTEN,
        /** {@code head.json} is in place; the journal does not exist yet. */
        HEAD_IN_PLACE,
        /** {@code journal-000001.jsonl} is in place: the journal exists. */
        CREATED
    }

    /** Called at each {@link Step}; tests copy the directory there (a crash at that point) or fail there. */
    interface Hook {
        void reached(Step step) throws IOException;
    }

    /** A class, not a lambda: every reading command loads this class, and a lambda is spun up at run time (issue 17). */
    static final Hook NO_HOOK = new Hook() {
        @Override
        public void reached(Step step) {
            // nothing: only tests stop at the steps
        }
    };

    private JournalCreation() {
    }

    /**
     * Whether nothing was ever journaled in a directory: it holds no file named {@code journal-*.jsonl} and no
     * {@code head.json}. (A head without journal files is not that: it is a journal emptied, which verification calls
     * broken.)
     *
     * @param dir a journal directory
     * @throws IOException when the directory cannot be read
     */
    public static boolean nothingJournaled(Path dir) throws IOException {
        return !Directories.containsAny(dir, JournalFiles.FILES) && !Files.exists(dir.resolve(JournalFiles.HEAD));
    }

    /**
     * Whether a directory holds nothing of a journal but the leftovers of a creation that did not finish: no file named
     * {@code journal-*.jsonl}, and {@value #FIRST_FILE_TEMP} or {@value #HEAD_TEMP}, with {@code head.json} only when
     * it is the head that creation put there. The tool then says "no journal", as for an empty directory; opening the
     * journal removes them and creates it.
     *
     * @param dir a journal directory
     * @return false as well when there are no leftovers, or anything else that belongs to a journal
     * @throws IOException when the directory cannot be read
     */
    public static boolean onlyLeftovers(Path dir) throws IOException {
        List<Path> found = leftovers(dir);
        return found != null && !found.isEmpty();
    }

    /**
     * The leftovers of an unfinished creation in a directory that holds no journal.
     *
     * @return them (empty when there are none); null when the directory holds a journal file, or a {@code head.json}
     *     that is not the one creation writes, which is never touched: it may be the last trace of a journal emptied
     */
    @CheckForNull
    static List<Path> leftovers(Path dir) throws IOException {
        if (Directories.containsAny(dir, JournalFiles.FILES)) {
            return null;
        }
        List<Path> found = new ArrayList<>();
        Path firstTemp = dir.resolve(FIRST_FILE_TEMP);
        Path headTemp = dir.resolve(HEAD_TEMP);
        Path head = dir.resolve(JournalFiles.HEAD);
        if (Files.exists(head, LinkOption.NOFOLLOW_LINKS)) {
            if (!isCreationsHead(head, firstTemp)) {
                return null;
            }
            found.add(head);
        }
        for (Path temp : List.of(firstTemp, headTemp)) {
            if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                found.add(temp);
            }
        }
        return found;
    }

    /** Whether {@code head.json} is exactly one slot naming seq 1 and the record in the temporary first file. */
    private static boolean isCreationsHead(Path head, Path firstTemp) throws IOException {
        if (!Files.isRegularFile(head, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(firstTemp, LinkOption.NOFOLLOW_LINKS) || Files.size(head) != HeadFile.SLOT) {
            return false;
        }
        HeadFile.Head named = HeadFile.layoutOnly(Files.readAllBytes(head));
        byte[] line = JournalFiles.firstLine(firstTemp, AuditJournal.MAX_RECORD_BYTES);
        if (named == null || named.seq != 1 || line == null) {
            return false;
        }
        try {
            JournalRecord first = RecordFormat.parse(new String(line, StandardCharsets.UTF_8));
            return first.seq() == 1 && first.type() == AuditEventType.JOURNAL_CREATED
                    && first.hash().equals(named.hash);
        } catch (RecordFormat.MalformedRecordException e) {
            return false;
        }
    }

    /**
     * Removes the leftovers of an unfinished creation: they hold only a {@code JOURNAL_CREATED} record that nobody was
     * ever told of, and its head.
     *
     * @return the note for {@link AuditJournal#recoveryNotes()}, or null when there were none
     */
    @CheckForNull
    static String removeLeftovers(Path dir, List<Path> leftovers) throws IOException {
        if (leftovers.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Path p : leftovers) {
            Files.deleteIfExists(p);
            names.add(String.valueOf(p.getFileName()));
        }
        JournalFiles.forceDirectory(dir);
        return "removed " + String.join(", ", names) + ", left by a creation of the journal that did not finish (a"
                + " crash or a full disk; nothing in it was ever acknowledged), and created the journal anew";
    }

    /**
     * Creates the journal: its first file with the {@code JOURNAL_CREATED} record and {@code head.json} naming it, or,
     * when that fails, nothing (what could not be removed is removed by the next open, {@link #removeLeftovers}).
     * The caller holds the lock and has found no journal and no {@code head.json}; an empty
     * {@code journal-000001.jsonl} (left by a crash of versions before this one) is replaced.
     */
    static void create(Path dir, JournalOptions options, Hook hook) throws IOException {
        byte[] key = options.key().orElse(null);
        ChainHash chain = ChainHash.forKey(key);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("chain", chain.name());
        if (key != null) {
            fields.put("keyId", ChainHash.keyId(key));
        }
        fields.put("format", FirstRecord.FORMAT);
        Instant now = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        RecordFormat.Encoded first = RecordFormat.encode(1, now, AuditEventType.JOURNAL_CREATED,
                RecordFormat.GENESIS_PREV, fields, chain);
        Path firstTemp = dir.resolve(FIRST_FILE_TEMP);
        Path headTemp = dir.resolve(HEAD_TEMP);
        Path head = dir.resolve(JournalFiles.HEAD);
        boolean headPlaced = false;
        try {
            writeDurably(firstTemp, first.line);
            hook.reached(Step.FIRST_FILE_WRITTEN);
            writeDurably(headTemp, HeadFile.slot(1, first.hash, chain));
            JournalFiles.forceDirectory(dir);
            hook.reached(Step.HEAD_WRITTEN);
            Files.move(headTemp, head, StandardCopyOption.ATOMIC_MOVE);
            headPlaced = true;
            JournalFiles.forceDirectory(dir);
            hook.reached(Step.HEAD_IN_PLACE);
            // the one step that creates the journal (rename(2) replaces an empty first file atomically)
            Files.move(firstTemp, dir.resolve(JournalFiles.name(1)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            rollBack(dir, e, headPlaced ? List.of(head, firstTemp, headTemp) : List.of(firstTemp, headTemp));
            throw new IOException("could not create the audit journal in " + dir + ": " + e.getMessage()
                    + "; nothing was journaled, and the next open creates it anew", e);
        }
        // the journal exists from here on, whole: a failure now leaves it for the next open
        JournalFiles.forceDirectory(dir);
        hook.reached(Step.CREATED);
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file); // a leftover of an earlier attempt: never a journal file
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Takes back what an attempt that failed left; what cannot be removed now is removed by the next open. */
    private static void rollBack(Path dir, Exception failure, List<Path> files) {
        try {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
            JournalFiles.forceDirectory(dir);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
