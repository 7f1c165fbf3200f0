package io.jenkins.plugins.criticalchangegate.registry.source;

import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.ONE_SYSTEM;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.TWO_SYSTEMS;
import static io.jenkins.plugins.criticalchangegate.registry.source.SourceFixtures.utf8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileSourceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void refusesARelativePath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileSource(Path.of("registry.yaml")));
        assertThat(e.getMessage(), containsString("absolute path, not 'registry.yaml'"));
    }

    @Test
    public void readsTheFileThenReportsItUnchangedUntilItIsRewritten() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("registry.yaml");
        Files.write(file, utf8(ONE_SYSTEM));
        FileSource source = new FileSource(file);
        assertThat(source.describe(), is("file " + file));

        Fetched first = source.fetch(null);
        assertThat(first.isUnchanged(), is(false));
        assertThat(first.bytes(), is(utf8(ONE_SYSTEM)));

        Fetched untouched = source.fetch(first.validators());
        assertThat(untouched.isUnchanged(), is(true));
        assertThat(untouched.validators(), is(first.validators()));
        assertThrows(IllegalStateException.class, untouched::bytes);

        Files.write(file, utf8(TWO_SYSTEMS));
        Fetched rewritten = source.fetch(untouched.validators());
        assertThat(rewritten.isUnchanged(), is(false));
        assertThat(rewritten.bytes(), is(utf8(TWO_SYSTEMS)));
        assertThat(rewritten.validators(), is(not(first.validators())));
    }

    @Test
    public void seesARewriteOfTheSameSizeByItsModificationTime() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("registry.yaml");
        Files.write(file, utf8(ONE_SYSTEM));
        FileSource source = new FileSource(file);
        Fetched first = source.fetch(null);
        Instant before = Files.getLastModifiedTime(file).toInstant();

        String sameSize = ONE_SYSTEM.replace("7d", "5d");
        Files.write(file, utf8(sameSize));
        Files.setLastModifiedTime(file, FileTime.from(before.plusSeconds(2)));
        Fetched second = source.fetch(first.validators());
        assertThat(second.isUnchanged(), is(false));
        assertThat(second.bytes(), is(utf8(sameSize)));
    }

    @Test
    public void seesAFileReplacedByARenameEvenWithTheSameSizeAndTime() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("registry.yaml");
        Files.write(file, utf8(ONE_SYSTEM));
        FileSource source = new FileSource(file);
        Fetched first = source.fetch(null);

        Path replacement = tmp.getRoot().toPath().resolve("registry.yaml.new");
        String sameSize = ONE_SYSTEM.replace("7d", "5d");
        Files.write(replacement, utf8(sameSize));
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(file));
        Files.move(replacement, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        Fetched second = source.fetch(first.validators());
        assertThat("a new inode: configuration management replaced the file", second.isUnchanged(), is(false));
        assertThat(second.bytes(), is(utf8(sameSize)));
    }

    @Test
    public void aMissingFileFailsNamingThePath() {
        Path file = tmp.getRoot().toPath().resolve("absent.yaml");
        SourceException e = assertThrows(SourceException.class, () -> new FileSource(file).fetch(null));
        assertThat(e.getMessage(), is("file " + file + ": no such file"));
    }

    @Test
    public void aDirectoryFailsNamingThePath() throws Exception {
        Path dir = tmp.newFolder("registry.d").toPath();
        SourceException e = assertThrows(SourceException.class, () -> new FileSource(dir).fetch(null));
        assertThat(e.getMessage(), is("file " + dir + ": is a directory, not a registry file"));
    }

    @Test
    public void aFileLargerThanTheParserReadsFailsWithoutBeingRead() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("huge.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(RegistryParser.maxFileBytes() + 1); // sparse: no 64 MiB written
        }
        SourceException e = assertThrows(SourceException.class, () -> new FileSource(file).fetch(null));
        assertThat(e.getMessage(), is("file " + file + ": cannot be read: larger than "
                + RegistryParser.maxFileBytes() + " bytes: a registry is never that large"));
    }
}
