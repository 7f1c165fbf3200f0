package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the audit page's downloads are written before they are sent ({@link Downloads}):
 * {@code $JENKINS_HOME/critical-change-gate/downloads}. Not Java's temporary directory: an export is as large as the
 * journal it reads, which a {@code /tmp} kept in memory (tmpfs) pays for in RAM, and a controller that stops
 * mid-download (killed, out of memory) would leave its file there with nobody to remove it. Here, the first download
 * after a start removes what downloads of an earlier run left: files named as this class names them and last written
 * before this JVM started, which no download of this run can be. Files are readable by the Jenkins user only.
 */
final class Staging {
    private static final Logger LOGGER = Logger.getLogger(Staging.class.getName());
    /** The start of every staged file's name, so that a sweep removes nothing else that may be kept there. */
    static final String PREFIX = "critical-change-gate-";

    private final Supplier<Path> directory;
    private final Instant started;
    /** Files made by this run and not yet deleted: never swept, whatever their time stamps say. */
    private final Set<Path> own = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean swept = new AtomicBoolean();

    /**
     * @param directory where to stage, asked at each download (Jenkins' home is known once Jenkins runs)
     * @param started when this JVM started: a staged file last written before then is a leftover
     */
    Staging(Supplier<Path> directory, Instant started) {
        this.directory = directory;
        this.started = started;
    }

    /**
     * A new, empty file for one download ({@code critical-change-gate-<kind>-<random><suffix>}), the directory made if
     * needed; the first call of this run first removes the leftovers of earlier runs.
     *
     * @param kind what the download is ({@code export}, {@code report}), so a listing says what each file was
     */
    Path newFile(String kind, String suffix) throws IOException {
        Path dir = directory.get();
        Files.createDirectories(dir);
        if (swept.compareAndSet(false, true)) {
            sweep(dir);
        }
        Path file = Files.createTempFile(dir, PREFIX + kind + "-", suffix); // owner only, on POSIX file systems
        own.add(file);
        return file;
    }

    /** Deletes a file {@link #newFile} made, once its download is sent or has failed. */
    void delete(Path file) throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            own.remove(file);
        }
    }

    /**
     * Removes the leftovers of earlier runs from {@code dir}: regular files named with {@link #PREFIX}, last written
     * before this JVM started, and not made by this run. A file that cannot be removed is logged and left; nothing
     * here stops a download.
     *
     * @return how many were removed
     */
    int sweep(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                try {
                    if (!own.contains(file) && leftover(file) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOGGER.log(Level.WARNING, "Could not remove " + file + ", left by a download before Jenkins"
                            + " started", e);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not look for files left in " + dir + " by downloads before Jenkins"
                    + " started", e);
        }
        if (removed > 0) {
            int count = removed;
            LOGGER.info(() -> "Removed " + count + (count == 1 ? " file" : " files") + " left in " + dir
                    + " by audit page downloads before Jenkins started");
        }
        return removed;
    }

    private boolean leftover(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(started);
    }
}
