package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a crash leaves in a journal directory at every point between the first byte of a new journal and the journal
 * created: the real creation ({@link AuditJournal#open} with a {@link JournalCreation.Hook}) is run once, and at each
 * step the directory is copied as it is on disk then; a crash in the middle of writing a temporary file is the copy with
 * that file cut short. Public for the tool's tests, which check that {@code audit verify} agrees.
 */
public final class CreationCrashes {
    /** A directory as a crash at one point of the creation left it. */
    public static final class Snapshot {
        public final String name;
        public final Path dir;
        /** Whether the journal exists there (the first file was renamed into place). */
        public final boolean created;

        Snapshot(String name, Path dir, boolean created) {
            this.name = name;
            this.dir = dir;
            this.created = created;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private CreationCrashes() {
    }

    /**
     * Creates a journal in {@code work/live} and copies its directory at every step.
     *
     * @param key the journal's key, or null for an unkeyed journal
     * @return the copies, in the order of the steps, each in its own directory under {@code work}
     */
    public static List<Snapshot> take(Path work, @CheckForNull byte[] key) throws IOException {
        Path live = work.resolve("live");
        JournalOptions options = key == null ? JournalOptions.defaults() : JournalOptions.builder().key(key).build();
        List<Snapshot> snapshots = new ArrayList<>();
        snapshots.add(new Snapshot("before the first byte", copy(live, work.resolve("nothing")), false));
        Files.createDirectories(live);
        try (AuditJournal journal = AuditJournal.open(live, options, step -> {
            if (step == JournalCreation.Step.FIRST_FILE_WRITTEN) {
                snapshots.add(torn(live, work, "first file empty", JournalCreation.FIRST_FILE_TEMP, 0));
                snapshots.add(torn(live, work, "first file torn", JournalCreation.FIRST_FILE_TEMP, 40));
            }
            if (step == JournalCreation.Step.HEAD_WRITTEN) {
                snapshots.add(torn(live, work, "head torn", JournalCreation.HEAD_TEMP, 100));
            }
            snapshots.add(new Snapshot(step.name(), copy(live, work.resolve(step.name())),
                    step == JournalCreation.Step.CREATED));
        })) {
            if (journal.lastSeq() != 1) {
                throw new IllegalStateException("the journal was not created: last seq " + journal.lastSeq());
            }
        }
        return Collections.unmodifiableList(snapshots);
    }

    /**
     * Opens (and so creates) a journal as {@link AuditJournal#open} does, noting each step of the creation reached,
     * so that a test can tell where a real failure (a full disk) stopped it.
     *
     * @param reached where the names of the steps reached are added
     */
    public static AuditJournal openNotingSteps(Path dir, JournalOptions options, List<String> reached)
            throws IOException {
        return AuditJournal.open(dir, options, step -> reached.add(step.name()));
    }

    /** A copy of the directory with one file cut to {@code length} bytes: a crash while it was being written. */
    private static Snapshot torn(Path live, Path work, String name, String file, long length) throws IOException {
        Path copy = copy(live, work.resolve(name.replace(' ', '-')));
        try (FileChannel channel = FileChannel.open(copy.resolve(file), StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
        return new Snapshot(name, copy, false);
    }

    /** Copies the regular files of a directory (which may not exist yet: then the copy is empty). */
    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (Files.isDirectory(from)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
                for (Path f : files) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return to;
    }

    /** The names in a directory, sorted. */
    public static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(f -> names.add(String.valueOf(f.getFileName())));
        }
        Collections.sort(names);
        return names;
    }
}
