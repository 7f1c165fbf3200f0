package io.jenkins.plugins.criticalchangegate.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes the audit report's file. A regular file (new or existing) is written beside its final name and moved there
 * whole, so a failure never leaves half a report where a reader expects a whole one. Anything else that is already
 * there, a device ({@code /dev/full}, {@code /dev/stdout}) or a named pipe, is written straight into, as a shell's
 * {@code >} would: moving a file over it would replace the device node itself, and a tool run as root (as CI often
 * runs) once turned {@code /dev/full} into a regular file that way, after which every later write "succeeded". A
 * symbolic link is followed to what it names, which is then written as above.
 */
final class ReportFile {
    /** What the report writes into its file. */
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private ReportFile() {
    }

    static void write(Path given, Content content) throws IOException {
        Path target = Files.exists(given) ? given.toRealPath() : given;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target)) {
                throw new IOException("it is a directory, not a file");
            }
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            return;
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IOException("it has no folder to write beside it");
        }
        Path partial = Files.createTempFile(parent, ".report-", ".html.tmp");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Nothing is left when the move succeeded; after a failure, no stray {@code .report-*.html.tmp} either. */
    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // the failure the caller reports is what matters; a stray file is named .report-*.html.tmp
        }
    }
}
