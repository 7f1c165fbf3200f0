package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The audit page's staged downloads, on real files: made under the plugin's directory (not Java's temporary one),
 * for the Jenkins user only, and the files left by a controller that stopped mid-download removed by the first download
 * after the next start, and nothing else.
 */
public class StagingTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** When "this JVM" started, for the staging under test: an hour ago. */
    private final Instant started = Instant.now().minus(Duration.ofHours(1));
    private Path dir;
    private Staging staging;

    @Before
    public void staging() throws IOException {
        dir = tmp.getRoot().toPath().resolve("critical-change-gate").resolve("downloads");
        staging = new Staging(() -> dir, started);
    }

    private Path file(String name, Instant written) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "left");
        Files.setLastModifiedTime(file, FileTime.from(written));
        return file;
    }

    private Instant beforeStart() {
        return started.minus(Duration.ofDays(2));
    }

    @Test
    public void aNewFileIsMadeInTheDirectoryWhichIsMadeIfNeeded() throws IOException {
        assertThat(Files.exists(dir), is(false));
        Path file = staging.newFile("export", ".csv", 0);
        assertThat(file.getParent(), equalTo(dir));
        assertThat(file.getFileName().toString(), startsWith("critical-change-gate-export-"));
        assertThat(file.getFileName().toString(), endsWith(".csv"));
        assertThat(Files.size(file), is(0L));
        Path other = staging.newFile("export", ".csv", 0);
        assertThat(other.equals(file), is(false));
        staging.delete(file);
        staging.delete(other);
        assertThat(Files.exists(file), is(false));
        staging.delete(file); // a second delete (a failed send after a delete) is no error
    }

    @Test
    public void stagedFilesAreForTheJenkinsUserOnly() throws IOException {
        Assume.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = staging.newFile("report", ".html", 0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), is("rw-------"));
    }

    @Test
    public void theFirstDownloadAfterAStartRemovesWhatAnEarlierRunLeftAndNothingElse() throws IOException {
        Path leftExport = file("critical-change-gate-export-123.csv", beforeStart());
        Path leftReport = file("critical-change-gate-report-456.html", started.minusSeconds(1));
        Path sinceStart = file("critical-change-gate-export-789.json", started.plusSeconds(1));
        Path notOurs = file("notes.txt", beforeStart());
        Path directory = Files.createDirectory(dir.resolve("critical-change-gate-kept"));
        Files.setLastModifiedTime(directory, FileTime.from(beforeStart()));

        Path made = staging.newFile("export", ".csv", 0);

        assertThat(Files.exists(leftExport), is(false));
        assertThat(Files.exists(leftReport), is(false));
        assertThat(Files.exists(sinceStart), is(true));
        assertThat(Files.exists(notOurs), is(true));
        assertThat(Files.isDirectory(directory), is(true));
        assertThat(Files.exists(made), is(true));
    }

    @Test
    public void aLinkNamedLikeAStagedFileIsNotOneAndWhatItNamesIsLeftAlone() throws IOException {
        Files.createDirectories(dir);
        Path outside = Files.writeString(tmp.newFile("outside.csv").toPath(), "not in the staging directory");
        Files.setLastModifiedTime(outside, FileTime.from(beforeStart()));
        Path link = dir.resolve("critical-change-gate-link.csv");
        try {
            Files.createSymbolicLink(link, outside);
        } catch (UnsupportedOperationException | IOException e) {
            Assume.assumeNoException("this file system or user cannot make symbolic links", e);
        }
        staging.newFile("export", ".csv", 0);
        assertThat(Files.isSymbolicLink(link), is(true));
        assertThat(Files.readString(outside), is("not in the staging directory"));
    }

    @Test
    public void theSweepWhenJenkinsStartsIsTheOnlyOneAndAMissingDirectoryIsNoError() throws IOException {
        new Staging(() -> dir, started).sweepOnce(); // nothing staged yet: no directory
        assertThat(Files.exists(dir), is(false));
        Path left = file("critical-change-gate-export-7.csv", beforeStart());
        staging.sweepOnce();
        assertThat(Files.exists(left), is(false));
        Path leftLater = file("critical-change-gate-export-8.csv", beforeStart());
        staging.delete(staging.newFile("report", ".html", 0));
        assertThat("the first download after the start-up's sweep does not sweep again", Files.exists(leftLater),
                is(true));
    }

    @Test
    public void aDownloadThatWouldLeaveLessThanTheReserveFreeIsRefusedAndNothingIsMade() throws IOException {
        Files.createDirectories(dir);
        long usable = Files.getFileStore(dir).getUsableSpace();
        Staging.NoRoom e = assertThrows(Staging.NoRoom.class,
                () -> staging.newFile("export", ".csv", usable - Staging.RESERVE + (1L << 20)));
        assertThat(e.getMessage(), startsWith(dir + " has "));
        assertThat(e.getMessage(), containsString(Staging.DIRECTORY_PROPERTY));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count(), is(0L));
        }
        Assume.assumeTrue("room for the reserve and a small download here", usable > Staging.RESERVE + (16L << 20));
        staging.delete(staging.newFile("export", ".csv", 1L << 20));
    }

    @Test
    public void aFileThatCannotBeDeletedIsLoggedNotThrown() throws IOException {
        Path file = staging.newFile("export", ".csv", 0);
        Files.delete(file);
        Files.createDirectory(file); // a directory with something in it where the file was: delete fails
        Files.writeString(file.resolve("inside"), "x");
        staging.delete(file);
        assertThat(Files.isDirectory(file), is(true));
    }

    @Test
    public void thePropertyPutsTheDirectoryElsewhere() {
        Path home = tmp.getRoot().toPath();
        String before = System.getProperty(Staging.DIRECTORY_PROPERTY);
        try {
            System.clearProperty(Staging.DIRECTORY_PROPERTY);
            assertThat(Staging.directory(home), equalTo(home.resolve("critical-change-gate").resolve("downloads")));
            System.setProperty(Staging.DIRECTORY_PROPERTY, "/srv/staging");
            assertThat(Staging.directory(home), equalTo(Path.of("/srv/staging")));
        } finally {
            if (before == null) {
                System.clearProperty(Staging.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(Staging.DIRECTORY_PROPERTY, before);
            }
        }
    }

    @Test
    public void theSweepRunsOncePerStartNotAtEveryDownload() throws IOException {
        staging.delete(staging.newFile("export", ".csv", 0));
        Path leftLater = file("critical-change-gate-export-1.csv", beforeStart());
        staging.delete(staging.newFile("export", ".csv", 0));
        assertThat(Files.exists(leftLater), is(true));
        // the next start's first download removes it
        new Staging(() -> dir, Instant.now()).newFile("report", ".html", 0);
        assertThat(Files.exists(leftLater), is(false));
    }

    @Test
    public void aFileOfThisRunIsNeverSweptWhateverItsTimeStampSays() throws IOException {
        Path mine = staging.newFile("export", ".json", 0);
        Files.setLastModifiedTime(mine, FileTime.from(beforeStart())); // a clock that went back, a copied file time
        Path left = file("critical-change-gate-report-2.html", beforeStart());
        assertThat(staging.sweep(dir), is(1));
        assertThat(Files.exists(mine), is(true));
        assertThat(Files.exists(left), is(false));
        staging.delete(mine);
        assertThat(Files.exists(mine), is(false));
    }

    @Test
    public void aDirectoryThatCannotBeMadeIsAnErrorNamingIt() throws IOException {
        Path blocker = tmp.newFile("critical-change-gate").toPath();
        Staging blocked = new Staging(() -> blocker.resolve("downloads"), started);
        IOException e = assertThrows(IOException.class, () -> blocked.newFile("export", ".csv", 0));
        assertThat(e.getMessage(), startsWith(blocker.toString()));
    }

    @Test
    public void concurrentDownloadsKeepTheirFilesWhileTheLeftoversGo() throws Exception {
        List<Path> leftovers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            leftovers.add(file("critical-change-gate-export-old" + i + ".csv", beforeStart()));
        }
        int threads = 8;
        int each = 40;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Path>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Path>> downloads = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<Path> files = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Path file = staging.newFile("export", ".csv", 0);
                        Files.writeString(file, "rows");
                        files.add(file);
                    }
                    return files;
                };
                made.add(pool.submit(downloads));
            }
            Set<Path> all = new HashSet<>();
            for (Future<List<Path>> files : made) {
                for (Path file : files.get(60, TimeUnit.SECONDS)) {
                    assertThat(file + " was made by a download and must still be there", Files.readString(file),
                            is("rows"));
                    all.add(file);
                }
            }
            assertThat(all.size(), is(threads * each));
            for (Path leftover : leftovers) {
                assertThat(Files.exists(leftover), is(false));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
