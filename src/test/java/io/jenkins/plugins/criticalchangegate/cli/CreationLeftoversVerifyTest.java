package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.CreationCrashes;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code audit verify} agrees with what opening the journal does with a creation stopped at any step (a crash there,
 * {@link CreationCrashes}): before the journal exists there is "no journal" (exit 2), as for an empty directory, and
 * after the open that follows the journal verifies; once it exists it verifies as it is. A head next to no journal
 * file that creation did not leave stays a broken journal (exit 1).
 */
public class CreationLeftoversVerifyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void verifySaysNoJournalForEveryCrashBeforeTheJournalExists() throws Exception {
        List<CreationCrashes.Snapshot> snapshots = CreationCrashes.take(tmp.getRoot().toPath(), null);
        for (CreationCrashes.Snapshot s : snapshots) {
            ToolRun before = ToolRun.in(s.dir, "audit", "verify", ".");
            if (s.created) {
                assertThat(s.name + ": " + before, before.exit, is(0));
                assertThat(s.name, before.out, containsString("records: 1\n"));
            } else {
                assertThat(s.name + ": " + before, before.exit, is(2));
                assertThat(s.name, before.err, containsString("error: no journal at "));
                assertThat(s.name, before.err.contains("Usage"), is(false));
            }
            AuditJournal.open(s.dir, JournalOptions.defaults()).close();
            ToolRun after = ToolRun.in(s.dir, "audit", "verify", ".");
            assertThat(s.name + ": " + after, after.exit, is(0));
        }
    }

    @Test
    public void exportAndTheOtherReadersSayNoJournalToo() throws Exception {
        Path dir = CreationCrashes.take(tmp.getRoot().toPath(), null).stream()
                .filter(s -> s.name.equals("HEAD_IN_PLACE")).findFirst().get().dir;
        for (String[] command : List.of(new String[] {"audit", "export", ".", "--format", "csv"},
                new String[] {"audit", "emergencies", "."}, new String[] {"audit", "pending", "."})) {
            ToolRun run = ToolRun.in(dir, command);
            assertThat(String.join(" ", command) + ": " + run, run.exit, is(2));
            assertThat(run.err, containsString("leftovers of a journal creation that did not finish"));
        }
    }

    @Test
    public void aHeadWithoutTheCreationsFirstFileIsStillABrokenJournal() throws Exception {
        Path dir = CreationCrashes.take(tmp.getRoot().toPath(), null).stream()
                .filter(s -> s.name.equals("HEAD_IN_PLACE")).findFirst().get().dir;
        Files.delete(dir.resolve("journal-000001.jsonl.creating"));
        ToolRun run = ToolRun.in(dir, "audit", "verify", ".");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.out + run.err, containsString("no journal"));
    }
}
