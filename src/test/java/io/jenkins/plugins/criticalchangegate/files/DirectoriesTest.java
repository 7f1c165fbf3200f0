package io.jenkins.plugins.criticalchangegate.files;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Directory listings on a real directory: what matches, and failures as IOException with the path. */
public class DirectoriesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }

    @Test
    public void listsTheEntriesTheGlobMatchesFilesAndDirectoriesAlike() throws IOException {
        Path dir = tmp.getRoot().toPath();
        for (String name : List.of("journal-000001.jsonl", "journal-000002.jsonl", "head.json", "journal-x.txt")) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.createDirectory(dir.resolve("journal-000003.jsonl"));
        assertThat(names(Directories.list(dir, "journal-*.jsonl")),
                containsInAnyOrder("journal-000001.jsonl", "journal-000002.jsonl", "journal-000003.jsonl"));
        assertThat(Directories.list(dir, "quarantine-*.jsonl"), is(empty()));
        assertThat(Directories.containsAny(dir, "head.*"), is(true));
        assertThat(Directories.containsAny(dir, "quarantine-*"), is(false));
    }

    @Test
    public void aMissingDirectoryOrAFileIsAnIOExceptionNamingIt() throws IOException {
        Path missing = tmp.getRoot().toPath().resolve("missing");
        NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> Directories.list(missing, "*"));
        assertThat(gone.getFile(), is(missing.toString()));
        assertThrows(NoSuchFileException.class, () -> Directories.containsAny(missing, "*"));
        Path file = tmp.newFile("a-file").toPath();
        NotDirectoryException notADirectory = assertThrows(NotDirectoryException.class,
                () -> Directories.list(file, "*"));
        assertThat(notADirectory.getFile(), is(file.toString()));
    }
}
