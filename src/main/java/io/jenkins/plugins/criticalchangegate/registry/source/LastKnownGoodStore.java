package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.files.Directories;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.RegistryProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The last good registry, kept on disk so that a restart has it (e.g. in
 * {@code $JENKINS_HOME/critical-change-gate/registry}).
 *
 * <p>One file, {@value #FILE_NAME}, holds a short text header (its SHA-256, when it was first loaded, its source,
 * its length) and then the exact bytes that were loaded. One file, so that replacing it is one atomic rename: a
 * crash leaves either the old copy or the new one, never a new registry with old metadata. Reading it back checks
 * the length and the SHA-256 and validates the registry again with today's options; a copy that fails any of these
 * is refused with the reason, never used.
 */
public final class LastKnownGoodStore {
    private static final Logger LOGGER = Logger.getLogger(LastKnownGoodStore.class.getName());

    /** The file in the store's directory. */
    static final String FILE_NAME = "last-known-good.registry";
    static final String MAGIC = "critical-change-gate last known good registry, format 1";
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    static final String TEMPORARY_PREFIX = ".last-known-good";
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_PROBLEMS_QUOTED = 5;

    private final Path directory;

    public LastKnownGoodStore(Path directory) {
        this.directory = directory;
    }

    /** The file the registry is kept in. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /**
     * Atomically replaces the stored copy (temporary file, fsync, atomic rename, fsync of the directory): the bytes
     * and their metadata (SHA-256, first load time, source).
     *
     * @throws IOException if the directory cannot be created or the file written; the previous copy is then intact
     */
    public void save(LoadedRegistry loaded) throws IOException {
        byte[] bytes = loaded.content();
        String header = MAGIC + "\n"
                + "sha256: " + loaded.sha256() + "\n"
                + "loadedAt: " + loaded.loadedAt() + "\n"
                + "source: " + escape(loaded.source()) + "\n"
                + "length: " + bytes.length + "\n\n";
        Files.createDirectories(directory);
        sweepAbandonedTemporaryFiles();
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(channel, ByteBuffer.wrap(header.getBytes(StandardCharsets.UTF_8)));
                writeFully(channel, ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory();
    }

    /**
     * A crash between writing a temporary file and renaming it leaves the temporary file behind: up to 64 MiB each
     * time. Only files older than an hour are removed, so a save in progress elsewhere is never disturbed.
     */
    private void sweepAbandonedTemporaryFiles() {
        Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
        try {
            for (Path temporary : Directories.list(directory, TEMPORARY_PREFIX + "*.tmp")) {
                if (Files.getLastModifiedTime(temporary).toInstant().isBefore(abandoned)) {
                    Files.deleteIfExists(temporary);
                    LOGGER.log(Level.INFO, "removed {0}, left by an interrupted save", temporary);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot clean up temporary files in " + directory, e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory (Windows), where this is skipped. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot fsync " + directory, e);
        }
    }

    /**
     * Reads the stored copy back, checks its SHA-256 against the metadata and validates it again with
     * {@code options}.
     *
     * @return empty when nothing was ever stored
     * @throws SourceException when the copy is corrupt, altered or no longer valid, saying why; the caller then has
     *     no registry from the store (and fails closed)
     */
    public Optional<LoadedRegistry> load(ParseOptions options) throws SourceException {
        Path file = file();
        byte[] all;
        try {
            all = RegistryParser.read(file, RegistryParser.maxFileBytes() + MAX_HEADER_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SourceException("the last known good registry " + file + " cannot be read: " + e.getMessage(), e);
        }
        int end = headerEnd(all);
        if (end < 0) {
            throw corrupt(file, "it has no header (it does not start with '" + MAGIC + "')");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.UTF_8).split("\n", -1);
        if (!lines[0].equals(MAGIC)) {
            throw corrupt(file, "it does not start with '" + MAGIC + "'");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            if (colon < 0) {
                throw corrupt(file, "header line " + (i + 1) + " is not 'name: value'");
            }
            fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        String sha = field(file, fields, "sha256");
        if (!SHA256.matcher(sha).matches()) {
            throw corrupt(file, "its sha256 is not 64 lower-case hex digits");
        }
        Instant loadedAt;
        try {
            loadedAt = Instant.parse(field(file, fields, "loadedAt"));
        } catch (DateTimeParseException e) {
            throw corrupt(file, "its loadedAt is not an ISO-8601 instant");
        }
        String source = unescape(field(file, fields, "source"));
        long length;
        try {
            length = Long.parseLong(field(file, fields, "length"));
        } catch (NumberFormatException e) {
            throw corrupt(file, "its length is not a number");
        }
        int start = end + 2;
        if (length != all.length - start) {
            throw corrupt(file, "it holds " + (all.length - start) + " bytes of registry, its header says " + length
                    + " (truncated or appended to)");
        }
        byte[] bytes = Arrays.copyOfRange(all, start, all.length);
        if (!LoadedRegistry.sha256(bytes).equals(sha)) {
            throw new SourceException("the last known good registry " + file + " does not match its recorded SHA-256"
                    + " (damaged or altered on disk), so it is not used");
        }
        try {
            return Optional.of(LoadedRegistry.parse(bytes, sha, source, loadedAt, options));
        } catch (RegistryException e) {
            throw new SourceException("the last known good registry " + file + " (sha256:" + sha.substring(0, 12)
                    + " from " + source + ") is no longer valid: " + summary(e.problems()), e);
        }
    }

    /** The first few problems on one line, and how many more. */
    static String summary(List<RegistryProblem> problems) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < problems.size() && i < MAX_PROBLEMS_QUOTED; i++) {
            text.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (problems.size() > MAX_PROBLEMS_QUOTED) {
            text.append("; and ").append(problems.size() - MAX_PROBLEMS_QUOTED).append(" more");
        }
        return text.toString();
    }

    private static int headerEnd(byte[] all) {
        for (int i = 0; i + 1 < all.length && i < MAX_HEADER_BYTES; i++) {
            if (all[i] == '\n' && all[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String field(Path file, Map<String, String> fields, String name) throws SourceException {
        String value = fields.get(name);
        if (value == null) {
            throw corrupt(file, "its header has no " + name);
        }
        return value;
    }

    private static SourceException corrupt(Path file, String why) {
        return new SourceException("the last known good registry " + file + " is corrupt: " + why
                + "; it is not used");
    }

    /** One line: backslash, line feed and carriage return escaped. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "LastKnownGoodStore[" + file() + "]";
    }
}
