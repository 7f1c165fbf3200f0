package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A torn last line: bytes after the last line feed of the journal's last file, a crash in the middle of a write that
 * was never acknowledged. On open they are moved to a {@code quarantine-<time>.jsonl} file, so that the chain goes on
 * from the last whole record.
 */
final class TornTail {
    private static final DateTimeFormatter QUARANTINE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TornTail() {
    }

    /**
     * Moves bytes after the last line feed of the last file (a write cut short by a crash) to a quarantine file.
     *
     * @param dir the journal's directory
     * @param file the journal's last file
     * @param clock names the quarantine file
     * @return what was moved, for the recovery notes; null when the file ends in a whole line. The note is the one
     *     message: whoever opens the journal says it where its user looks (the tool on standard error, Jenkins in
     *     its log, GateJournal), so it is not logged here too, which printed it twice in the tool (issue 17)
     */
    @CheckForNull
    static String quarantine(Path dir, JournalFiles.Entry file, Clock clock) throws IOException {
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long lastLf = JournalFiles.lastLineFeed(channel, size);
            long keep = lastLf + 1;
            if (keep == size) {
                return null;
            }
            byte[] torn = JournalFiles.read(channel, keep, size);
            Path quarantine = newQuarantineFile(dir, clock);
            try (FileChannel q = FileChannel.open(quarantine, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                q.write(ByteBuffer.wrap(torn));
                q.force(true);
            }
            JournalFiles.forceDirectory(dir);
            channel.truncate(keep);
            channel.force(true);
            String note = "moved a torn last line (" + torn.length + " bytes, never acknowledged) from "
                    + file.name() + " to " + quarantine.getFileName();
            return note;
        }
    }

    private static Path newQuarantineFile(Path dir, Clock clock) {
        String stamp = QUARANTINE_TIME.format(clock.instant());
        Path candidate = dir.resolve("quarantine-" + stamp + ".jsonl");
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = dir.resolve("quarantine-" + stamp + "-" + i + ".jsonl");
        }
        return candidate;
    }
}
