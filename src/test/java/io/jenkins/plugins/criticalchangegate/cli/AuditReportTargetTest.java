package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assume.assumeNoException;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Where {@code audit report --html FILE} writes (issue 17, "a failed write is a failure"). Found by trying
 * {@code --html /dev/full} as root: the report was written beside it and moved over it, which replaced the device
 * node with a regular file, said "report: /dev/full" and exited 0. A device or a pipe is now written straight into,
 * so a full device fails with exit 1 and its reason, and it is still the device afterwards. Real FIFOs, a real
 * {@code /dev/full} (reached through a link in the test's folder) and real files, no mock.
 */
public class AuditReportTargetTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path root;

    @Before
    public void writeJournal() throws IOException {
        root = tmp.getRoot().toPath();
        ReportJournal.write(root);
    }

    private ToolRun report(String html) {
        return ToolRun.in(root, "audit", "report", "journal", "--html", html, "--key-file", "journal.key");
    }

    private static boolean isFifo(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    @Test
    public void aNamedPipeIsWrittenIntoNotReplacedAndAFullDeviceFailsAndStaysADevice() throws Exception {
        Path fifo = root.resolve("report.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue("mkfifo is available", mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "read failed: " + e;
            }
        });
        ToolRun run = report("report.fifo");
        assertThat(run.toString(), run.exit, is(0));
        String html = read.get(60, TimeUnit.SECONDS);
        assertThat(html, containsString("Journal verified."));
        assertThat(html.strip().endsWith("</html>"), is(true));
        // the order matters: only a tool that writes into what is there may be pointed at the real /dev/full
        assertThat("the pipe is still a pipe, not a file moved over it", isFifo(fifo), is(true));

        Path full = Path.of("/dev/full");
        assumeTrue("/dev/full is a device here", Files.exists(full) && isFifo(full));
        Path link = Files.createSymbolicLink(root.resolve("full.html"), full);
        ToolRun failed = report("full.html");
        assertThat(failed.toString(), failed.exit, is(ExitCode.FAILED));
        assertThat(failed.err, containsString("error: cannot write the report "));
        assertThat(failed.err, containsString("No space left on device"));
        assertThat(failed.out, is(""));
        assertThat("/dev/full is still a device", isFifo(full), is(true));
        assertThat(Files.isSymbolicLink(link), is(true));
        assertThat(leftovers(), is(empty()));
    }

    @Test
    public void aRegularFileIsReplacedWholeAndALinkedOneThroughItsLink() throws Exception {
        Files.writeString(root.resolve("old.html"), "an older report");
        Path link = root.resolve("latest.html");
        try {
            Files.createSymbolicLink(link, root.resolve("old.html"));
        } catch (UnsupportedOperationException | IOException e) {
            // a Windows agent without the privilege to make links (the full build's Jenkinsfile runs one)
            assumeNoException("this file system or user cannot make symbolic links", e);
        }
        ToolRun run = report("latest.html");
        assertThat(run.toString(), run.exit, is(0));
        assertThat("the link is kept, the file it names gets the report", Files.isSymbolicLink(link), is(true));
        assertThat(Files.readString(root.resolve("old.html")), containsString("Journal verified."));
        assertThat(leftovers(), is(empty()));
    }

    @Test
    public void aFolderIsRefusedWithItsReason() throws Exception {
        Files.createDirectory(root.resolve("a-folder"));
        ToolRun run = report("a-folder");
        assertThat(run.toString(), run.exit, equalTo(ExitCode.FAILED));
        assertThat(run.err, containsString("it is a directory, not a file"));
    }

    /** Temporary files a report left beside its target. */
    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".report-"))
                    .collect(Collectors.toList());
        }
    }
}
