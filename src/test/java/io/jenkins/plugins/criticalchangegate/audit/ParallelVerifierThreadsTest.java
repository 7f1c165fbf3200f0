package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The parallel verifier's threads (issue 17): none outlives a verification, whatever ends it (intact, a problem, a
 * read error, an interrupt); it stops at the first problem without reading on; and an interrupt stops it even while
 * its reader waits on a file that never ends.
 */
public class ParallelVerifierThreadsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static List<String> verifierThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(WorkerThreads.name("audit verify:"))).collect(Collectors.toList());
    }

    private Path journal(int events) throws IOException {
        Path dir = tmp.newFolder().toPath().resolve("journal");
        JournalVerifierTest.write(dir, JournalOptions.builder().maxFileBytes(4096).build(), events);
        return dir;
    }

    private static VerificationResult verifyInParallel(Path dir, List<JournalFiles.Entry> files) throws IOException {
        return new ParallelVerifier(new ChainLinks(dir, null, null), null, 2, 4096).verify(files, new ArrayList<>());
    }

    @Test
    public void noThreadOutlivesAVerification() throws IOException {
        Path dir = journal(30);
        for (int i = 0; i < 20; i++) {
            assertThat(JournalVerifier.verify(dir, null, null, 2, 1024).intact(), equalTo(true));
            assertThat(verifierThreads(), empty());
        }
        Path first = JournalFiles.list(dir).get(0).path;
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length / 2] ^= 1;
        Files.write(first, bytes);
        for (int i = 0; i < 20; i++) {
            assertThat(JournalVerifier.verify(dir, null, null, 3, 512).intact(), equalTo(false));
            assertThat(verifierThreads(), empty());
        }
    }

    @Test
    public void aFileThatCannotBeReadIsAnErrorAfterTheFilesBeforeItAndLeavesNoThread() throws IOException {
        Path dir = journal(30);
        List<JournalFiles.Entry> files = new ArrayList<>(JournalFiles.list(dir));
        files.add(new JournalFiles.Entry(files.size() + 1, dir.resolve("gone.jsonl")));
        assertThrows(NoSuchFileException.class, () -> verifyInParallel(dir, files));
        assertThat(verifierThreads(), empty());
        // a problem in an earlier file is the answer: the read error after it is never reached
        Path first = files.get(0).path;
        List<String> lines = new ArrayList<>(Files.readAllLines(first, StandardCharsets.UTF_8));
        lines.remove(1);
        Files.write(first, lines, StandardCharsets.UTF_8);
        VerificationResult result = verifyInParallel(dir, files);
        assertThat(result.toString(), result.problem().orElseThrow().reason(),
                equalTo(VerificationResult.Reason.SEQUENCE_GAP));
        assertThat(verifierThreads(), empty());
    }

    @Test
    public void anInterruptedCallerGetsInterruptedIoExceptionAndKeepsItsInterrupt() throws IOException {
        Path dir = journal(30);
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedIOException.class, () -> JournalVerifier.verify(dir, null, null, 2));
            assertThat("the interrupt is kept for the caller", Thread.currentThread().isInterrupted(), equalTo(true));
        } finally {
            Thread.interrupted();
        }
        assertThat(verifierThreads(), empty());
    }

    @Test
    public void theFirstProblemEndsVerificationWithoutWaitingForTheRest() throws Exception {
        Path dir = journal(10);
        Path first = JournalFiles.list(dir).get(0).path;
        byte[] bytes = Files.readAllBytes(first);
        // a digit of the file's last record's hash: still canonical, no longer its hash
        bytes[bytes.length - 10] = (byte) (bytes[bytes.length - 10] == '0' ? '1' : '0');
        Files.write(first, bytes);
        Path pipe = SilentPipe.make(dir.resolve("never-ends.jsonl"));
        try (RandomAccessFile writeEnd = new RandomAccessFile(pipe.toFile(), "rw")) {
            List<JournalFiles.Entry> files = List.of(new JournalFiles.Entry(1, first),
                    new JournalFiles.Entry(2, pipe));
            long start = System.nanoTime();
            VerificationResult result = verifyInParallel(dir, files);
            assertThat(result.toString(), result.problem().orElseThrow().reason(),
                    equalTo(VerificationResult.Reason.HASH_MISMATCH));
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), lessThan(30L));
            assertThat(verifierThreads(), empty());
            assertThat(writeEnd.length(), equalTo(0L));
        }
    }

    @Test
    public void anInterruptStopsAVerificationWaitingOnAFileThatNeverEnds() throws Exception {
        Path dir = journal(10);
        Path pipe = SilentPipe.make(dir.resolve("never-ends.jsonl"));
        try (RandomAccessFile writeEnd = new RandomAccessFile(pipe.toFile(), "rw")) {
            List<JournalFiles.Entry> files = new ArrayList<>(JournalFiles.list(dir));
            files.add(new JournalFiles.Entry(files.size() + 1, pipe));
            // interrupted once every file before the pipe has been verified and only the pipe is left
            // meanwhile its threads say whose they are (a Jenkins controller's thread dump shows them)
            Throwable ended = SilentPipe.interruptWhileWaiting("verification", () -> verifyInParallel(dir, files),
                    () -> assertThat(verifierThreads(), hasItems("critical-change-gate audit verify: reader",
                            "critical-change-gate audit verify: hashing 1")));
            assertThat(String.valueOf(ended), ended, instanceOf(InterruptedIOException.class));
            assertThat(verifierThreads(), empty());
            assertThat(writeEnd.length(), equalTo(0L));
        }
    }
}
