package io.jenkins.plugins.criticalchangegate.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Directory listings that fail as {@link IOException}s. {@link Files#newDirectoryStream} throws one when the listing
 * cannot start, but a read error met while its entries are iterated (an NFS handle gone stale, a disk error) comes as
 * the unchecked {@link DirectoryIteratorException}, which code written to handle an {@code IOException} lets through:
 * in the tool a stack trace instead of a message, in Jenkins a failed page or a background task ended. The file
 * handling rules ({@code FileHandlingRulesTest}) allow only this class to list directories.
 */
public final class Directories {
    private Directories() {
    }

    /**
     * The entries of {@code dir} whose names match {@code glob} ({@link java.nio.file.FileSystem#getPathMatcher}
     * syntax), in the order the file system gives them.
     *
     * @throws IOException when the directory cannot be listed, whether at the start or on the way
     */
    public static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return entries;
    }

    /**
     * Whether {@code dir} has an entry whose name matches {@code glob}; reads no further than the first.
     *
     * @throws IOException when the directory cannot be listed
     */
    public static boolean containsAny(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            Iterator<Path> entries = stream.iterator();
            return entries.hasNext();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }
}
