package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A real child JVM creates journal after journal and is killed with SIGKILL wherever it is. Every directory it leaves
 * holds either no journal (the verifier says so, and Jenkins' key check reads nothing) or a whole one that verifies;
 * every journal whose open returned is whole; and every directory opens afterwards and verifies.
 */
public class CreationKillTest {
    private static final int KILLS = 8;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aKillAnywhereInCreationLeavesNoJournalOrAWholeOne() throws Exception {
        Random random = new Random(20261207);
        int noJournal = 0;
        int whole = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path base = tmp.getRoot().toPath().resolve("kill-" + kill);
            Process child = start(base);
            List<String> output = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        output.add(line);
                    }
                } catch (IOException e) {
                    output.add("reader " + e);
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (output.isEmpty()) { // the JVM has started and created its first journal
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    child.toHandle().destroyForcibly();
                    fail("the child created no journal: " + output);
                }
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(30)); // land the kill anywhere in a later creation
            // SIGKILL through the ProcessHandle, which leaves our end of the child's stdout open (JournalCrashTest)
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS), equalTo(true));
            reader.join(20_000);
            long acknowledged = output.stream().filter(l -> l.startsWith("created ")).count();
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base)) {
                for (Path dir : dirs) {
                    int n = Integer.parseInt(String.valueOf(dir.getFileName()));
                    VerificationResult before = JournalVerifier.verify(dir, null);
                    if (before.intact()) {
                        whole++;
                    } else {
                        assertThat(dir + ": " + before, before.problem().get().reason(),
                                equalTo(VerificationResult.Reason.EMPTY));
                        assertThat(dir + " was acknowledged", n < acknowledged, equalTo(false));
                        assertThat(JournalHeader.read(dir).isPresent(), equalTo(false));
                        noJournal++;
                    }
                    try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
                        assertThat(journal.lastSeq(), equalTo(1L));
                    }
                    assertThat(dir.toString(), JournalVerifier.verify(dir, null).intact(), equalTo(true));
                }
            }
        }
        assertThat(whole, greaterThan(0));
        // For the record (not asserted: where a kill lands is up to timing).
        System.out.println("CreationKillTest: " + KILLS + " kills, " + whole + " whole journals, " + noJournal
                + " directories with no journal (a creation cut short)");
    }

    private static Process start(Path base) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), CreationCrashChild.class.getName(), base.toString());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
