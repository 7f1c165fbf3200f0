package io.jenkins.plugins.criticalchangegate.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The lines of a journal's files, in order, read in large blocks with memory bounded by the longest record
 * ({@link AuditJournal#MAX_RECORD_BYTES}): what {@link JournalQuery} (an export that stops at the first bad line) and
 * {@link JournalReplay} (a start-up rebuild that skips it) both read, each deciding what a bad line means.
 */
final class JournalLines {
    /** What a reader does with each line, and with the two ways a line can be broken. */
    interface Handler {
        /** A whole line without its line feed, numbered from 1 in its file; the bytes are valid only during the call. */
        void line(JournalFiles.Entry file, long number, byte[] bytes, int offset, int length) throws IOException;

        /** Line {@code number} is longer than any record: its bytes are not kept, and the next line follows. */
        void overlong(JournalFiles.Entry file, long number) throws IOException;

        /** The file ends inside line {@code number}, without a line feed: a crash while appending. */
        void torn(JournalFiles.Entry file, long number) throws IOException;
    }

    private JournalLines() {
    }

    static void read(List<JournalFiles.Entry> files, Handler handler) throws IOException {
        byte[] buffer = new byte[1 << 20];
        for (JournalFiles.Entry file : files) {
            try (InputStream in = Files.newInputStream(file.path)) {
                ByteArrayOutputStream partial = new ByteArrayOutputStream();
                long number = 0;
                boolean skipping = false; // inside a line found too long: its bytes are dropped, not held
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int lineStart = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] != '\n') {
                            continue;
                        }
                        number++;
                        if (skipping) {
                            skipping = false;
                        } else if (partial.size() > 0) {
                            partial.write(buffer, lineStart, i - lineStart);
                            byte[] whole = partial.toByteArray();
                            partial.reset();
                            handler.line(file, number, whole, 0, whole.length);
                        } else {
                            handler.line(file, number, buffer, lineStart, i - lineStart);
                        }
                        lineStart = i + 1;
                    }
                    if (!skipping) {
                        partial.write(buffer, lineStart, n - lineStart);
                        if (partial.size() > AuditJournal.MAX_RECORD_BYTES) {
                            skipping = true;
                            partial.reset();
                            handler.overlong(file, number + 1);
                        }
                    }
                }
                if (partial.size() > 0 || skipping) {
                    handler.torn(file, number + 1);
                }
            }
        }
    }

    /**
     * A line's text, decoded strictly: a byte that is not UTF-8 is an error rather than U+FFFD, which would hand on a
     * record that no longer matches its hash as if it were the journal's (issue 17).
     */
    static String utf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }
}
