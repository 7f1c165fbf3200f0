package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Verifies the records of a journal's files in one thread: streams every file in order through one fixed buffer,
 * learns each line's facts and links them as it goes. What {@link JournalVerifier} uses when only one thread is
 * allowed (one core, or the thread count forced to 1), and the reference the parallel verifier is tested against
 * ({@code ParallelVerifierDifferentialTest}): the simplest reading of docs/audit.md's steps 4 to 8. Not thread-safe.
 */
final class SequentialVerifier {
    /**
     * The longest line a record can be: no shorter (the loop below would wait forever for the line feed of such a
     * line), no larger ({@link ParallelVerifier#BUFFER} says why).
     */
    private static final int BUFFER = AuditJournal.MAX_RECORD_BYTES;

    private final ChainLinks links;
    private final CanonicalScanner scanner = new CanonicalScanner();
    private final ChainHash chain;
    private final RecordFacts facts = new RecordFacts();
    private long linesInFile;

    SequentialVerifier(ChainLinks links, ChainHash chain) {
        this.links = links;
        this.chain = chain;
    }

    /** Steps 4 to 8 over the files (numbered 1, 2, 3... without gaps, at least one). */
    VerificationResult verify(List<JournalFiles.Entry> files, List<String> notes) throws IOException {
        byte[] buffer = new byte[BUFFER];
        JournalFiles.Entry last = files.get(files.size() - 1);
        long lastLineNumber = 0;
        for (int f = 0; f < files.size(); f++) {
            JournalFiles.Entry file = files.get(f);
            VerificationResult.Problem problem = verifyFile(file, buffer, file == last);
            if (problem != null) {
                return VerificationResult.broken(links.records(), problem, notes);
            }
            lastLineNumber = linesInFile;
            if (links.done()) {
                return links.finish(files.subList(0, f + 1), lastLineNumber, notes); // the rest is newer
            }
        }
        return links.finish(files, lastLineNumber, notes);
    }

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
                        if (i - lineStart < AuditJournal.MAX_RECORD_BYTES) {
                            facts.learn(scanner, chain, buffer, lineStart, i);
                        }
                        VerificationResult.Problem problem = links.line(file, linesInFile, buffer, lineStart, i,
                                facts);
                        if (problem != null) {
                            return problem;
                        }
                        if (links.done()) {
                            return null; // an open journal's last record as verification began: the rest is newer
                        }
                        lineStart = i + 1;
                    }
                }
                searchFrom = filled;
                if (filled - lineStart >= AuditJournal.MAX_RECORD_BYTES) {
                    return ChainLinks.tooLong(file, linesInFile + 1);
                }
                if (lineStart > 0 && (filled == buffer.length || eof)) {
                    System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                    filled -= lineStart;
                    searchFrom -= lineStart;
                    lineStart = 0;
                }
            }
            return ChainLinks.fileEnd(file, linesInFile, filled - lineStart, isLast);
        }
    }
}
