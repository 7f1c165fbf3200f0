package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import io.jenkins.plugins.criticalchangegate.files.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the audit page's downloads are written before they are sent ({@link Downloads}): by default
 * {@code $JENKINS_HOME/critical-change-gate/downloads}, or the directory the system property
 * {@value #DIRECTORY_PROPERTY} names. Not Java's temporary directory: an export is about as large as the journal it
 * reads, which a {@code /tmp} kept in memory (tmpfs) pays for in RAM, and a controller that stops mid-download (killed,
 * out of memory) would leave its file there with nobody to remove it.
 *
 * <p>Here, leftovers are removed once per start of Jenkins, when it starts and at the latest before the first download
 * makes its file: files named as this class names them and last written before this object was made, with Jenkins.
 * No download of this start can have made one by then, so none is removed while it is written. A download is refused
 * when its disk would keep less than {@link #RESERVE} free: the journal (by default on the same disk) must never be
 * the one to run out, since gates fail closed when it cannot append.
 */
final class Staging {
    private static final Logger LOGGER = Logger.getLogger(Staging.class.getName());
    /** The start of every staged file's name, so that a sweep removes nothing else that may be kept there. */
    static final String PREFIX = "critical-change-gate-";
    /** Free space kept on the staging directory's disk beyond a download's size: Jenkins warns below 1 GiB as well. */
    static final long RESERVE = 1L << 30;
    /** The system property that stages downloads in another directory (an absolute path). */
    static final String DIRECTORY_PROPERTY = Staging.class.getName() + ".directory";

    private final Supplier<Path> directory;
    private final Instant started;
    /** Files made by this start and not yet deleted: never swept, whatever their time stamps say. */
    private final Set<Path> own = ConcurrentHashMap.newKeySet();
    private final Object sweeping = new Object();
    private volatile boolean swept;

    /**
     * @param directory where to stage, asked when needed (Jenkins' home is known once Jenkins runs)
     * @param started when this start of Jenkins began: a staged file last written before then is a leftover
     */
    Staging(Supplier<Path> directory, Instant started) {
        this.directory = directory;
        this.started = started;
    }

    /** The directory for a Jenkins home: {@value #DIRECTORY_PROPERTY} when set, else under the home. */
    static Path directory(Path jenkinsHome) {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return jenkinsHome.resolve("critical-change-gate").resolve("downloads");
    }

    /**
     * A new, empty file for one download ({@code critical-change-gate-<kind>-<random><suffix>}), the directory made if
     * needed, after the leftovers of earlier starts are removed.
     *
     * @param kind what the download is ({@code export}, {@code report}), so a listing says what each file was
     * @param size about how large the download will be
     * @throws NoRoom when the download would leave less than {@link #RESERVE} free on the directory's disk
     */
    Path newFile(String kind, String suffix, long size) throws IOException {
        Path dir = directory.get();
        Files.createDirectories(dir);
        sweepOnce(dir);
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable - size < RESERVE) {
            throw new NoRoom(dir, usable, size);
        }
        Path file = Files.createTempFile(dir, PREFIX + kind + "-", suffix); // owner only, on POSIX file systems
        own.add(file);
        return file;
    }

    /**
     * Deletes a file {@link #newFile} made, once its download is sent or has failed. A file that cannot be deleted is
     * logged, not thrown, so that it never hides the download's own answer; the next start removes it.
     */
    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not delete " + file + " after its download; it is removed when Jenkins"
                    + " next starts", e);
        } finally {
            own.remove(file);
        }
    }

    /** Removes the leftovers of earlier starts, once: when Jenkins starts, else before the first download. */
    void sweepOnce() {
        Path dir = directory.get();
        if (Files.isDirectory(dir)) {
            sweepOnce(dir);
        }
    }

    private void sweepOnce(Path dir) {
        if (swept) {
            return;
        }
        synchronized (sweeping) { // a download waits for the sweep, so that no file of this start exists during it
            if (!swept) {
                sweep(dir);
                swept = true;
            }
        }
    }

    /**
     * Removes the leftovers of earlier starts from {@code dir}: regular files named with {@link #PREFIX}, last written
     * before this start of Jenkins, and not made by it. A file that cannot be removed is logged and left; nothing
     * here stops a download.
     *
     * @return how many were removed
     */
    int sweep(Path dir) {
        int removed = 0;
        try {
            for (Path file : Directories.list(dir, PREFIX + "*")) {
                try {
                    if (!own.contains(file) && leftover(file) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOGGER.log(Level.WARNING, "Could not remove " + file + ", left by an audit page download before"
                            + " Jenkins started", e);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not look for files left in " + dir + " by audit page downloads before"
                    + " Jenkins started", e);
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

    /** Too little free disk space for a download: the message names the directory and the figures, for the log. */
    static final class NoRoom extends IOException {
        private static final long serialVersionUID = 1L;

        NoRoom(Path dir, long usable, long size) {
            super(dir + " has " + mib(usable) + " free; a download of about " + mib(size) + " would leave less than"
                    + " the " + mib(RESERVE) + " kept free (set " + DIRECTORY_PROPERTY + " to stage downloads on"
                    + " another disk)");
        }

        private static String mib(long bytes) {
            return (bytes >> 20) + " MiB";
        }
    }
}
