package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.files.Directories;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the audit page's downloads are written before they are sent ({@link Downloads}): by default
 * {@code $JENKINS_HOME/critical-change-gate/downloads}, or the directory the system property
 * {@value #DIRECTORY_PROPERTY} names (relative: to Jenkins' home; one per controller, since a start removes what it
 * takes for another's leftovers). Not Java's temporary directory: an export is about as large as the journal it
 * reads, which a {@code /tmp} kept in memory (tmpfs) pays for in RAM, and a controller that stops mid-download (killed,
 * out of memory) would leave its file there with nobody to remove it.
 *
 * <p>Here, leftovers are removed once per start of Jenkins, when it starts and at the latest before the first download
 * makes its file: files named as this class names them and last written before this object was made, with Jenkins.
 * No download of this start can have made one by then, so none is removed while it is written. A download is refused
 * when its disk would keep less than {@link #RESERVE} free: the journal (by default on the same disk) must never be
 * the one to run out, since gates fail closed when it cannot append. A failure to write a staged file is a
 * {@link WriteFailed}, so that it is told apart from a journal the export cannot read: the one is for the
 * administrators' log, the other for the auditor.
 */
final class Staging {
    private static final Logger LOGGER = Logger.getLogger(Staging.class.getName());
    /** The start of every staged file's name, so that a sweep removes nothing else that may be kept there. */
    static final String PREFIX = "critical-change-gate-";
    /**
     * Free space kept on the staging directory's disk beyond a download's size: Jenkins' own disk space monitor takes
     * a node offline below 1 GiB by default.
     */
    static final long RESERVE = 1L << 30;
    /** The system property that stages downloads in another directory. */
    static final String DIRECTORY_PROPERTY =
            "io.jenkins.plugins.criticalchangegate.jenkins.auditpage.Staging.directory";

    private final Supplier<Path> directory;
    private final Instant started;
    private final ToLongFunction<Path> usableSpace;
    private final Object sweeping = new Object();
    private volatile boolean swept;

    /**
     * @param directory where to stage, asked when needed (Jenkins' home is known once Jenkins runs)
     * @param started when this start of Jenkins began: a staged file last written before then is a leftover
     */
    Staging(Supplier<Path> directory, Instant started) {
        // as Jenkins' disk space monitor asks (File, not FileStore: no mount table to look up); 0 is "not known"
        this(directory, started, dir -> dir.toFile().getUsableSpace());
    }

    /** @param usableSpace the bytes free on a directory's disk, 0 or less when not known */
    Staging(Supplier<Path> directory, Instant started, ToLongFunction<Path> usableSpace) {
        this.directory = directory;
        this.started = started;
        this.usableSpace = usableSpace;
    }

    /**
     * The directory for a Jenkins home and the value of {@value #DIRECTORY_PROPERTY} ({@code null} or blank when not
     * set): that directory, resolved against the home when relative, else {@code critical-change-gate/downloads} there.
     */
    static Path directory(Path jenkinsHome, @CheckForNull String configured) {
        if (configured != null && !configured.isBlank()) {
            return jenkinsHome.resolve(configured.strip());
        }
        return jenkinsHome.resolve("critical-change-gate").resolve("downloads");
    }

    /**
     * A new, empty file for one download ({@code critical-change-gate-<kind>-<random><suffix>}), the directory made if
     * needed, after the leftovers of earlier starts are removed.
     *
     * @param kind what the download is ({@code export}, {@code report}), so a listing says what each file was
     * @param size about how large the download will be (the audit page gives the journal's size, which a whole export
     *     about matches, whatever the filters)
     * @throws NoRoom when the download would leave less than {@link #RESERVE} free on the directory's disk (not
     *     checked when the disk does not say how much is free)
     */
    Path newFile(String kind, String suffix, long size) throws IOException {
        Path dir;
        try {
            dir = directory.get();
        } catch (InvalidPathException e) { // the property names no path: a staging failure like any other
            throw new IOException("the staging directory " + DIRECTORY_PROPERTY + " gives is not a path: "
                    + e.getMessage(), e);
        }
        Files.createDirectories(dir);
        sweepOnce(dir);
        long usable = usableSpace.applyAsLong(dir);
        if (usable > 0 && usable - size < RESERVE) {
            throw new NoRoom(dir, usable, size);
        }
        return Files.createTempFile(dir, PREFIX + kind + "-", suffix); // owner only, on POSIX file systems
    }

    /**
     * Opens a file {@link #newFile} made, to write the download into it: without creating it again should it have
     * gone (it would come back with default permissions). Every failure to open, write, flush or close it is a
     * {@link WriteFailed}.
     */
    OutputStream open(Path file) throws WriteFailed {
        try {
            return new Written(Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), file);
        } catch (IOException e) {
            throw new WriteFailed(file, e);
        }
    }

    /**
     * {@link #open}, as UTF-8 text, buffered. Closing the writer closes the file even when its last write fails, which
     * the JDK's own writer does not do on Java 17 (the file would stay open, its blocks held, on the disk that filled).
     */
    Writer openWriter(Path file) throws WriteFailed {
        OutputStream raw = open(file);
        return new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    raw.close();
                }
            }
        };
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
     * before this start of Jenkins. Runs once, before any file of this start exists ({@link #sweepOnce}), so it needs
     * no list of them, whatever their time stamps say. A file that cannot be removed is logged and left; nothing here
     * stops a download.
     */
    private void sweep(Path dir) {
        int removed = 0;
        try {
            for (Path file : Directories.list(dir, PREFIX + "*")) {
                try {
                    if (leftover(file) && Files.deleteIfExists(file)) {
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
    }

    private boolean leftover(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(started);
    }

    /** A staged file could not be written: the disk, not the journal. */
    static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(Path file, IOException cause) {
            super("could not write the staged download " + file + ": " + cause, cause);
        }
    }

    /**
     * The staged file's stream: its failures told apart from the journal's ({@link WriteFailed}). Closing it twice
     * is harmless ({@link #openWriter} closes it after its writer, which may have closed it already).
     */
    private static final class Written extends FilterOutputStream {
        private final Path file;
        private boolean closed;

        Written(OutputStream out, Path file) {
            super(out);
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new WriteFailed(file, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len); // not FilterOutputStream's byte-by-byte loop
            } catch (IOException e) {
                throw new WriteFailed(file, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new WriteFailed(file, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new WriteFailed(file, e);
            }
        }
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
