package io.jenkins.plugins.criticalchangegate.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        long count = 0;
        byte[] buffer = new byte[1 << 20];
        for (JournalFiles.Entry file : files) {
            try (InputStream in = Files.newInputStream(file.path)) {
                ByteArrayOutputStream partial = new ByteArrayOutputStream();
                long number = 0;
                boolean overlong = false;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int lineStart = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] != '\n') {
                            continue;
                        }
                        number++;
                        String text;
                        if (partial.size() > 0 || overlong) {
                            partial.write(buffer, lineStart, i - lineStart);
                            text = overlong ? null : partial.toString(StandardCharsets.UTF_8);
                            partial.reset();
                        } else {
                            text = new String(buffer, lineStart, i - lineStart, StandardCharsets.UTF_8);
                        }
                        lineStart = i + 1;
                        if (text == null) {
                            notes.add(file.name() + " line " + number + ": longer than any record; skipped");
                            overlong = false;
                        } else if (accept(file, number, text, sink, notes)) {
                            count++;
                        }
                    }
                    if (!overlong) {
                        partial.write(buffer, lineStart, n - lineStart);
                    }
                    if (partial.size() > AuditJournal.MAX_RECORD_BYTES) {
                        overlong = true; // keeps memory bounded: the rest of the line is dropped, not held
                        partial.reset();
                    }
                }
                if (partial.size() > 0 || overlong) {
                    notes.add(file.name() + " line " + (number + 1) + ": a torn line without a final line feed"
                            + " (a crash while appending); skipped");
                }
            }
        }
        return new JournalReplay(count, notes);
    }

    private static boolean accept(JournalFiles.Entry file, long number, String text, Consumer<JournalRecord> sink,
            List<String> notes) {
        JournalRecord record;
        try {
            record = RecordFormat.parse(text);
        } catch (RecordFormat.MalformedRecordException e) {
            notes.add(file.name() + " line " + number + ": not a journal record (" + e.getMessage() + "); skipped");
            return false;
        }
        sink.accept(record);
        return true;
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
