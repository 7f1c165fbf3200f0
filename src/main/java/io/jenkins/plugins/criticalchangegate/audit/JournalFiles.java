package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.files.Directories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of a journal directory: {@code journal-000001.jsonl}, {@code journal-000002.jsonl}, ... (numbered from
 * 1; six digits, more once past 999999, so they are ordered by number, not by name), {@code head.json},
 * {@code journal.lock} and {@code quarantine-*.jsonl}; while a journal is being created, also
 * {@code journal-000001.jsonl.creating} and {@code head.json.creating} ({@link JournalCreation}), which no listing here
 * takes for journal files.
 */
final class JournalFiles {
    static final String HEAD = "head.json";
    /** What the names of the journal's files look like, as a glob ({@link #list} checks each name further). */
    static final String FILES = "journal-*.jsonl";
    static final String LOCK = "journal.lock";

    /*
     * Comparators as classes, not lambdas: audit verify lists the files, and a lambda spun up at run time costs its
     * start-up more than the listing (issue 17).
     */
    private static final Comparator<Entry> BY_NUMBER = new Comparator<>() {
        @Override
        public int compare(Entry a, Entry b) {
            return Integer.compare(a.number, b.number);
        }
    };
    private static final Comparator<Path> BY_NAME = new Comparator<>() {
        @Override
        public int compare(Path a, Path b) {
            return String.valueOf(a.getFileName()).compareTo(String.valueOf(b.getFileName()));
        }
    };

    private JournalFiles() {
    }

    /** One journal file and its number. */
    static final class Entry {
        final int number;
        final Path path;

        Entry(int number, Path path) {
            this.number = number;
            this.path = path;
        }

        String name() {
            return String.valueOf(path.getFileName());
        }
    }

    static String name(int number) {
        // padded by hand: String.format loads the locale providers, a tenth of audit verify's start-up (issue 17)
        String digits = Integer.toString(number);
        StringBuilder name = new StringBuilder(20).append("journal-");
        for (int i = digits.length(); i < 6; i++) {
            name.append('0');
        }
        return name.append(digits).append(".jsonl").toString();
    }

    /**
     * The journal files in the directory, by number.
     *
     * @throws BadFileNameException when a file is named {@code journal-<digits>.jsonl} but not as the journal names
     *     its number (six digits, zero-padded; past 999999 the number's own digits): {@code journal-0000001.jsonl}
     *     would otherwise be a second file 1, and which of the two is the journal would be a guess
     */
    static List<Entry> list(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (Path p : Directories.list(dir, FILES)) {
            String fileName = String.valueOf(p.getFileName());
            String digits = claimedNumber(fileName);
            if (digits == null) {
                continue; // journal-notes.jsonl and the like are not journal files
            }
            int number = digits.length() <= 9 ? Integer.parseInt(digits) : 0;
            if (number < 1 || !name(number).equals(fileName) || !Files.isRegularFile(p)) {
                bad.add(fileName);
            } else {
                entries.add(new Entry(number, p));
            }
        }
        if (!bad.isEmpty()) {
            bad.sort(Comparator.naturalOrder());
            throw new BadFileNameException(bad.get(0), "'" + bad.get(0) + "' in " + dir + " is named like a journal"
                    + " file but is not one: journal files are journal-000001.jsonl, journal-000002.jsonl, ... (six"
                    + " digits, more only past 999999), regular files" + (bad.size() > 1 ? " (" + (bad.size() - 1)
                    + " more such file(s))" : ""));
        }
        entries.sort(BY_NUMBER);
        return entries;
    }

    /**
     * The digits of a name that claims to be a journal file, {@code journal-<digits>.jsonl} (ASCII digits, at least
     * one), or null; only {@link #name(int)}'s spelling of its number is then accepted. Read by hand rather than with
     * a regular expression, whose compilation audit verify paid for this alone (issue 17: start-up).
     */
    @CheckForNull
    private static String claimedNumber(String fileName) {
        String prefix = "journal-";
        String suffix = ".jsonl";
        int end = fileName.length() - suffix.length();
        if (end <= prefix.length() || !fileName.startsWith(prefix) || !fileName.endsWith(suffix)) {
            return null;
        }
        for (int i = prefix.length(); i < end; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return fileName.substring(prefix.length(), end);
    }

    /** A file in the journal directory that is named like a journal file and is not one. */
    static final class BadFileNameException extends IOException {
        private static final long serialVersionUID = 1L;
        final String fileName;

        BadFileNameException(String fileName, String message) {
            super(message);
            this.fileName = fileName;
        }
    }

    /** The quarantine files in the directory, by name (which sorts by time). */
    static List<Path> quarantines(Path dir) throws IOException {
        List<Path> found = new ArrayList<>(Directories.list(dir, "quarantine-*.jsonl"));
        found.sort(BY_NAME);
        return found;
    }

    /**
     * Where the last line feed of a file is, reading backwards in blocks.
     *
     * @return its position, or -1 when the file has none
     */
    static long lastLineFeed(FileChannel channel, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long blockEnd = end;
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - buffer.capacity());
            buffer.clear().limit((int) (blockEnd - blockStart));
            readFully(channel, buffer, blockStart);
            for (int i = buffer.limit() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return blockStart + i;
                }
            }
            blockEnd = blockStart;
        }
        return -1;
    }

    /** Reads {@code [start, start + buffer.remaining())} of a file. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long start) throws IOException {
        long position = start;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("file ended early while reading at " + position);
            }
            position += n;
        }
    }

    /** The bytes {@code [start, end)} of a file. */
    static byte[] read(FileChannel channel, long start, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
        readFully(channel, buffer, start);
        return buffer.array();
    }

    /** The first line of a file without its line feed, or null when it has no whole line within the limit. */
    @CheckForNull
    static byte[] firstLine(Path file, int limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int n = (int) Math.min(size, limit + 1L);
            byte[] bytes = read(channel, 0, n);
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    return java.util.Arrays.copyOf(bytes, i);
                }
            }
            return null;
        }
    }

    /** Makes a new or renamed file's directory entry durable (fsync of the directory, as on Linux). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory: nothing more can be done there.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
