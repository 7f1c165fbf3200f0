package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        long free = Staging.RESERVE + (100L << 20); // the reserve and 100 MiB
        Staging disk = new Staging(() -> dir, started, d -> free);
        Staging.NoRoom e = assertThrows(Staging.NoRoom.class,
                () -> disk.newFile("export", ".csv", (100L << 20) + 1));
        assertThat(e.getMessage(), is(dir + " has 1124 MiB free; a download of about 100 MiB would leave less than"
                + " the 1024 MiB kept free (set " + Staging.DIRECTORY_PROPERTY + " to stage downloads on another"
                + " disk)"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count(), is(0L));
        }
        disk.delete(disk.newFile("export", ".csv", 100L << 20)); // exactly the reserve left: allowed
    }

    @Test
    public void aDiskThatDoesNotSayHowMuchIsFreeIsNotAReasonToRefuse() throws IOException {
        Staging unknown = new Staging(() -> dir, started, d -> 0);
        unknown.delete(unknown.newFile("report", ".html", Long.MAX_VALUE / 2));
    }

    @Test
    public void writingAStagedFileThatWentIsAWriteFailureNotANewFile() throws IOException {
        Path file = staging.newFile("export", ".csv", 0);
        try (OutputStream out = staging.open(file)) {
            out.write("seq,time\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(file), is("seq,time\n"));
        Files.delete(file);
        Staging.WriteFailed e = assertThrows(Staging.WriteFailed.class, () -> staging.open(file));
        assertThat(e.getCause() instanceof NoSuchFileException, is(true));
        assertThat(Files.exists(file), is(false));
    }

    @Test
    public void aReportIntoAFullDiskFailsAsAWriteFailureAndLeavesNothingOpen() throws IOException {
        Path full = Path.of("/dev/full");
        Path fds = Path.of("/proc/self/fd");
        Assume.assumeTrue("/dev/full and /proc/self/fd are here", Files.isWritable(full) && Files.isDirectory(fds));
        String page = "<p>a report larger than the writer's buffers</p>\n".repeat(2_000);
        IOException e = assertThrows(IOException.class, () -> {
            try (Writer out = staging.openWriter(full)) {
                out.write(page);
            }
        });
        assertThat(e.toString(), e instanceof Staging.WriteFailed, is(true));
        assertThat("the file is still open after its writer was closed", openFiles(fds).contains(full), is(false));
        // and a stream closed twice (by its writer, then by openWriter) is closed once, without an error
        Path file = staging.newFile("report", ".html", 0);
        try (Writer out = staging.openWriter(file)) {
            out.write("<html></html>");
        }
        assertThat(Files.readString(file), is("<html></html>"));
        assertThat(openFiles(fds).contains(file), is(false));
    }

    /** What this JVM's file descriptors point at (Linux). */
    private static Set<Path> openFiles(Path fds) throws IOException {
        Set<Path> open = new HashSet<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    open.add(Files.readSymbolicLink(link));
                } catch (IOException gone) {
                    // closed while listed (the listing's own descriptor among them)
                }
            }
        }
        return open;
    }

    @Test
    public void anExportIntoAFullDiskFailsWithTheStagingsFailureNotAJournalOne() throws IOException {
        Path full = Path.of("/dev/full");
        Assume.assumeTrue("/dev/full is here", Files.isWritable(full));
        Path journal = tmp.newFolder("journal").toPath();
        try (AuditJournal j = AuditJournal.open(journal, JournalOptions.builder().build())) {
            for (int i = 0; i < 2000; i++) {
                j.append(AuditEvent.gateRequested("deploy/payments", i, "payments-api", "CHG-" + i, "abc", "alice"));
            }
        }
        for (boolean csv : new boolean[] {true, false}) {
            IOException e = assertThrows(IOException.class, () -> {
                try (OutputStream out = staging.open(full)) {
                    JournalQuery query = JournalQuery.builder().build();
                    if (csv) {
                        query.exportCsv(journal, out);
                    } else {
                        query.exportJson(journal, out);
                    }
                }
            });
            assertThat("what the page logs rather than shows: " + e, e instanceof Staging.WriteFailed, is(true));
            assertThat(e.getMessage(), containsString("No space left on device"));
        }
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
    public void thePropertyPutsTheDirectoryElsewhereARelativeOneInJenkinsHome() {
        Path home = tmp.getRoot().toPath();
        Path standard = home.resolve("critical-change-gate").resolve("downloads");
        assertThat(Staging.directory(home, null), equalTo(standard));
        assertThat(Staging.directory(home, "  "), equalTo(standard));
        Path elsewhere = tmp.getRoot().toPath().resolve("srv").resolve("staging").toAbsolutePath();
        assertThat(Staging.directory(home, elsewhere.toString()), equalTo(elsewhere));
        assertThat(Staging.directory(home, "staging "), equalTo(home.resolve("staging")));
        assertThat("named after the class, as Jenkins' own properties are", Staging.DIRECTORY_PROPERTY,
                is(Staging.class.getName() + ".directory"));
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
        // a start an hour ahead (a clock that jumped): this start's files look written before it, as leftovers do
        Staging skewed = new Staging(() -> dir, Instant.now().plus(Duration.ofHours(1)));
        Path left = file("critical-change-gate-report-2.html", beforeStart());
        Path mine = skewed.newFile("export", ".json", 0);
        assertThat(Files.exists(left), is(false));
        assertThat(Files.exists(mine), is(true));
        skewed.sweepOnce(); // Jenkins' start-up sweep, late
        skewed.delete(skewed.newFile("report", ".html", 0));
        assertThat(Files.exists(mine), is(true));
        skewed.delete(mine);
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
    public void aPropertyThatNamesNoPathIsAStagingFailureNotACrash() {
        Path home = tmp.getRoot().toPath();
        Staging bad = new Staging(() -> Staging.directory(home, "downloads\0"), started);
        IOException e = assertThrows(IOException.class, () -> bad.newFile("export", ".csv", 0));
        assertThat(e.getMessage(), startsWith("the staging directory " + Staging.DIRECTORY_PROPERTY
                + " gives is not a path: "));
    }

    @Test
    public void concurrentDownloadsKeepTheirFilesWhileTheLeftoversGo() throws Exception {
        List<Path> leftovers = new ArrayList<>();
        // the order (sweep, then file) is what this shows every time; the lock that makes the others wait for the
        // first download's sweep, only when they ask for their files while it lists the directory
        for (int i = 0; i < 100; i++) {
            leftovers.add(file("critical-change-gate-export-old" + i + ".csv", beforeStart()));
        }
        // a start an hour ahead (a clock that jumped): every file's time stamp says "leftover", so only the sweep's
        // running before any download makes its file keeps the downloads' files
        Staging skewed = new Staging(() -> dir, Instant.now().plus(Duration.ofHours(1)));
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
                        Path file = skewed.newFile("export", ".csv", 0);
                        try (OutputStream out = skewed.open(file)) { // as a download writes: no file made again
                            out.write("rows".getBytes(StandardCharsets.UTF_8));
                        }
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
