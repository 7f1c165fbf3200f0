package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.CreationCrashes;
import io.jenkins.plugins.criticalchangegate.audit.JournalHeader;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A new journal on a really full disk: a 64 KiB tmpfs (mounted here, so only as root), filled so that creation fails
 * at each of its writes, for want of blocks and for want of inodes. Each failure leaves no journal ({@code audit
 * verify} says "no journal", exit 2; nothing to read for Jenkins' key check), a second open on the still full disk
 * fails the same way, and once there is room the next open creates the journal as if new.
 */
public class JournalCreationDiskFullTest {
    private static final int PAGE = 4096;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path disk;
    private boolean mounted;

    @Before
    public void mountASmallDisk() throws Exception {
        Assume.assumeTrue("mounting a tmpfs needs root", "0".equals(output("id", "-u")));
        disk = tmp.newFolder("small-disk").toPath();
        Assume.assumeTrue("mount -t tmpfs failed", run("mount", "-t", "tmpfs", "-o", "size=64k,nr_inodes=64",
                "tmpfs", disk.toString()) == 0);
        mounted = true;
    }

    @After
    public void unmount() throws Exception {
        if (mounted) {
            assertThat("umount " + disk, run("umount", disk.toString()), is(0));
        }
    }

    @Test
    public void noRoomForTheFirstFile() throws Exception {
        Path dir = journalDirectory();
        Path filler = fillBlocks(0);
        failsLeavingNoJournal(dir, List.of());
        Files.delete(filler);
        createdAsNew(dir);
    }

    @Test
    public void noRoomForTheHeadAfterTheFirstFile() throws Exception {
        Path dir = journalDirectory();
        Path filler = fillBlocks(1);
        failsLeavingNoJournal(dir, List.of("FIRST_FILE_WRITTEN"));
        Files.delete(filler);
        createdAsNew(dir);
    }

    @Test
    public void noInodeForTheFirstFile() throws Exception {
        Path dir = journalDirectory();
        List<Path> fillers = fillInodes(0);
        failsLeavingNoJournal(dir, List.of());
        for (Path f : fillers) {
            Files.delete(f);
        }
        createdAsNew(dir);
    }

    @Test
    public void noInodeForTheHeadAfterTheFirstFile() throws Exception {
        Path dir = journalDirectory();
        List<Path> fillers = fillInodes(1);
        failsLeavingNoJournal(dir, List.of("FIRST_FILE_WRITTEN"));
        for (Path f : fillers) {
            Files.delete(f);
        }
        createdAsNew(dir);
    }

    /** The journal's directory and its lock file, made before the disk is filled (they are not what is tested). */
    private Path journalDirectory() throws IOException {
        Path dir = Files.createDirectories(disk.resolve("journal"));
        Files.createFile(dir.resolve("journal.lock"));
        return dir;
    }

    private void failsLeavingNoJournal(Path dir, List<String> stepsReached) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) { // the disk still full: the second open fails alike
            List<String> reached = new ArrayList<>();
            IOException e = assertThrows(IOException.class,
                    () -> CreationCrashes.openNotingSteps(dir, JournalOptions.defaults(), reached).close());
            assertThat(e.getMessage(), containsString("could not create the audit journal in " + dir));
            assertThat(e.getMessage(), containsString("No space left on device"));
            assertThat(reached, equalTo(stepsReached));
            assertThat(CreationCrashes.names(dir), contains("journal.lock"));
            assertThat(JournalHeader.read(dir).isPresent(), is(false));
            ToolRun verify = ToolRun.in(disk, "audit", "verify", "journal");
            assertThat(verify.toString(), verify.exit, is(2));
            assertThat(verify.err, containsString("no journal at " + dir));
        }
    }

    private void createdAsNew(Path dir) throws Exception {
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.recoveryNotes(), empty());
            assertThat(journal.lastSeq(), is(1L));
            journal.append(AuditEvent.approvalAccepted("team/deploy", 1, "payments", "CHG-1", "erin"));
        }
        ToolRun verify = ToolRun.in(disk, "audit", "verify", "journal");
        assertThat(verify.toString(), verify.exit, is(0));
        assertThat(verify.out, containsString("2 records"));
    }

    /** Fills the disk's blocks, then frees {@code pages} of them. */
    private Path fillBlocks(int pages) throws IOException {
        Path filler = disk.resolve("filler");
        byte[] page = new byte[PAGE];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(page);
                written += PAGE;
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full.getMessage(), containsString("No space left on device"));
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(filler,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(Math.min(channel.size(), written) / PAGE * PAGE - (long) pages * PAGE);
        }
        return filler;
    }

    /** Uses up the disk's inodes, then frees {@code inodes} of them. */
    private List<Path> fillInodes(int inodes) throws IOException {
        Path folder = Files.createDirectories(disk.resolve("inodes"));
        List<Path> fillers = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                fillers.add(Files.createFile(folder.resolve("f" + i)));
            }
            throw new AssertionError("the disk should have run out of inodes");
        } catch (IOException full) {
            assertThat(full.getMessage(), containsString("No space left on device"));
        }
        for (int i = 0; i < inodes; i++) {
            Files.delete(fillers.remove(fillers.size() - 1));
        }
        return fillers;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
