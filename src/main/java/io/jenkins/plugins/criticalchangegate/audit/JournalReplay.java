package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every record of a journal, in order across its rotated files, for rebuilding state at start-up (the approvals
 * inbox's open gates, issue 14). Unlike {@link JournalQuery}, which stops at the first bad line so that an export
 * is never silently partial, a replay goes on: a torn last line (a crash while appending, which opening the journal
 * moves to quarantine) and any line that is not a record are skipped and reported as notes, because a start-up must
 * not fail on what {@code audit verify} exists to judge. Does not verify the chain.
 */
public final class JournalReplay {
    private final long records;
    private final List<String> notes;

    private JournalReplay(long records, List<String> notes) {
        this.records = records;
        this.notes = Collections.unmodifiableList(notes);
    }

    /**
     * Hands each record of the journal in {@code dir} to {@code sink}, in order.
     *
     * @return how many records were read, and notes on the lines skipped
     * @throws IOException when a file cannot be read; a directory without journal files is an empty journal
     */
    public static JournalReplay forEach(Path dir, Consumer<JournalRecord> sink) throws IOException {
        List<JournalFiles.Entry> files = Files.isDirectory(dir) ? JournalFiles.list(dir) : List.of();
        List<String> notes = new ArrayList<>();
        long[] count = {0};
        JournalLines.read(files, new JournalLines.Handler() {
            @Override
            public void line(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length) {
                JournalRecord record;
                try {
                    record = RecordFormat.parse(JournalLines.utf8(bytes, offset, length));
                } catch (CharacterCodingException e) {
                    notes.add(file.name() + " line " + number + ": not a journal record (not valid UTF-8); skipped");
                    return;
                } catch (RecordFormat.MalformedRecordException e) {
                    notes.add(file.name() + " line " + number + ": not a journal record (" + e.getMessage()
                            + "); skipped");
                    return;
                }
                sink.accept(record);
                count[0]++;
            }

            @Override
            public void overlong(JournalFiles.Entry file, long number) {
                notes.add(file.name() + " line " + number + ": longer than any record; skipped");
            }

            @Override
            public void torn(JournalFiles.Entry file, long number) {
                notes.add(file.name() + " line " + number + ": a torn line without a final line feed (a crash"
                        + " while appending); skipped");
            }
        });
        return new JournalReplay(count[0], notes);
    }

    /** How many records were handed on. */
    public long records() {
        return records;
    }

    /** One line per line skipped, naming its file and line; empty for an intact journal. */
    public List<String> notes() {
        return notes;
    }
}
