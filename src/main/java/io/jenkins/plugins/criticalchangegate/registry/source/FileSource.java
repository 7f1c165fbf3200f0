package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A registry file on the Jenkins controller, e.g. a checkout kept current by configuration management. It is read
 * again only when its size, modification time or file key (a file replaced by a rename has a new one) changed since
 * the last fetch whose content was used.
 *
 * <p>A rewrite that keeps the size, within the file system's timestamp resolution, in place, is not seen until the
 * file changes again; modern file systems record nanoseconds, and tools that replace files by renaming change the key.
 */
public final class FileSource implements RegistrySource {
    private final Path file;
    private final long maxBytes;

    /**
     * @param file the registry file
     * @throws IllegalArgumentException if the path is relative: relative to what would depend on how Jenkins started
     */
    public FileSource(Path file) {
        this(file, RegistryParser.maxFileBytes());
    }

    /**
     * A registry file's path as an administrator typed it (checked by the global configuration's form and
     * Configuration as Code before anything is saved): absolute, normalised.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Path parse(@CheckForNull String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the registry file's path is missing: give an absolute path on the"
                    + " controller");
        }
        Path path;
        try {
            path = Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("the registry file's path '" + text + "' is not valid: "
                    + e.getReason(), e);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("the registry file must be given as an absolute path, not '" + path
                    + "'");
        }
        return path.normalize();
    }

    FileSource(Path file, long maxBytes) {
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("the registry file must be given as an absolute path, not '" + file
                    + "'");
        }
        this.file = file.normalize();
        this.maxBytes = maxBytes;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public Fetched fetch(@CheckForNull Fetched.Validators previous) throws SourceException {
        try {
            // attributes first: if the file changes while it is read, the next fetch sees other attributes and reads
            // it again, so a change is never missed (at worst read twice)
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new SourceException(describe() + ": is a directory, not a registry file");
            }
            Object key = attributes.fileKey();
            Fetched.Validators validators = Fetched.Validators.file(attributes.size(),
                    attributes.lastModifiedTime().toInstant(), key == null ? null : key.toString());
            if (validators.equals(previous)) {
                return Fetched.unchanged(validators);
            }
            return Fetched.content(RegistryParser.read(file, maxBytes), validators);
        } catch (NoSuchFileException e) {
            throw new SourceException(describe() + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SourceException(describe() + ": permission denied (the Jenkins controller's user must be able"
                    + " to read it)", e);
        } catch (IOException e) {
            throw new SourceException(describe() + ": cannot be read: " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()), e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
