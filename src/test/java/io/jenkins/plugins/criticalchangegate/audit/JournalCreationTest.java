package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A journal is created whole or not at all: a crash at any point of the creation (the real code path, copied at each
 * step: {@link CreationCrashes}) leaves either no journal, so that the next open creates it, or the whole one, which
 * the next open opens; an I/O error at any step leaves nothing. A head that creation did not leave is never removed.
 */
public class JournalCreationTest {
    private static final byte[] KEY = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aCrashAtAnyStepOfCreationReopensAsANewJournalOrTheWholeOne() throws Exception {
        checkEveryCrash(null);
    }

    @Test
    public void aCrashAtAnyStepOfCreatingAKeyedJournalReopensAsANewJournalOrTheWholeOne() throws Exception {
        checkEveryCrash(KEY);
    }

    private void checkEveryCrash(byte[] key) throws Exception {
        List<CreationCrashes.Snapshot> snapshots = CreationCrashes.take(tmp.getRoot().toPath(), key);
        assertThat(snapshots.size(), equalTo(8));
        JournalOptions options = key == null ? JournalOptions.defaults() : JournalOptions.builder().key(key).build();
        for (CreationCrashes.Snapshot s : snapshots) {
            String firstRecordBefore = s.created ? firstLine(s.dir) : null;
            boolean leftovers = !s.created && CreationCrashes.names(s.dir).stream()
                    .anyMatch(n -> !n.equals("journal.lock"));
            VerificationResult before = JournalVerifier.verify(s.dir, key);
            if (s.created) {
                assertThat(s.name, before.intact(), equalTo(true));
                assertThat(s.name, JournalHeader.read(s.dir).isPresent(), equalTo(true));
            } else {
                assertThat(s.name, before.problem().get().reason(), equalTo(VerificationResult.Reason.EMPTY));
                assertThat(s.name, JournalHeader.read(s.dir).isPresent(), equalTo(false));
                assertThat(s.name, JournalCreation.onlyLeftovers(s.dir), equalTo(leftovers));
            }
            try (AuditJournal journal = AuditJournal.open(s.dir, options)) {
                assertThat(s.name, journal.lastSeq(), equalTo(1L));
                if (s.created) {
                    assertThat(s.name, journal.recoveryNotes(), empty());
                } else if (leftovers) {
                    assertThat(s.name, String.join("\n", journal.recoveryNotes()),
                            containsString("left by a creation of the journal that did not finish"));
                }
                assertThat(s.name, journal.append(AuditJournalTest.approval(1)).seq(), equalTo(2L));
            }
            if (s.created) {
                assertThat(s.name, firstLine(s.dir), equalTo(firstRecordBefore)); // the same journal, not a new one
            }
            assertThat(s.name, CreationCrashes.names(s.dir), contains("head.json", "journal-000001.jsonl",
                    "journal.lock"));
            VerificationResult after = JournalVerifier.verify(s.dir, key);
            assertThat(s.name + ": " + after.problem(), after.intact(), equalTo(true));
            assertThat(s.name, after.records(), equalTo(2L));
        }
    }

    @Test
    public void anIoErrorAtAnyStepBeforeTheJournalExistsLeavesNothing() throws Exception {
        for (JournalCreation.Step failAt : List.of(JournalCreation.Step.FIRST_FILE_WRITTEN,
                JournalCreation.Step.HEAD_WRITTEN, JournalCreation.Step.HEAD_IN_PLACE)) {
            Path dir = tmp.getRoot().toPath().resolve(failAt.name());
            IOException e = assertThrows(IOException.class, () -> AuditJournal.open(dir, JournalOptions.defaults(),
                    step -> {
                        if (step == failAt) {
                            throw new IOException("Input/output error injected at " + step);
                        }
                    }));
            assertThat(e.getMessage(), containsString("could not create the audit journal in " + dir
                    + ": Input/output error injected at " + failAt + "; nothing was journaled"));
            assertThat(failAt.name(), CreationCrashes.names(dir), contains("journal.lock"));
            try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
                assertThat(journal.recoveryNotes(), empty());
                assertThat(journal.lastSeq(), equalTo(1L));
            }
            assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
        }
    }

    @Test
    public void anIoErrorOnceTheJournalExistsLeavesItWhole() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        assertThrows(IOException.class, () -> AuditJournal.open(dir, JournalOptions.defaults(), step -> {
            if (step == JournalCreation.Step.CREATED) {
                throw new IOException("fsync of the directory failed");
            }
        }));
        String first = firstLine(dir);
        assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.recoveryNotes(), empty());
            assertThat(journal.lastSeq(), equalTo(1L));
        }
        assertThat(firstLine(dir), equalTo(first));
    }

    @Test
    public void aHeadThatCreationDidNotLeaveIsNeverRemoved() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(AuditJournalTest.approval(1)); // acknowledged: head.json now names seq 2
        }
        // the journal file removed, and a temporary first file put in its place: not what a creation leaves
        Files.write(dir.resolve(JournalCreation.FIRST_FILE_TEMP), (firstLine(dir) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.delete(dir.resolve("journal-000001.jsonl"));
        byte[] head = Files.readAllBytes(dir.resolve("head.json"));
        assertThat(JournalCreation.onlyLeftovers(dir), equalTo(false));
        IOException e = assertThrows(IOException.class, () -> AuditJournal.open(dir, JournalOptions.defaults()));
        assertThat(e.getMessage(), containsString("has a head file but no records"));
        assertThat(Files.readAllBytes(dir.resolve("head.json")), equalTo(head));
        assertThat(CreationCrashes.names(dir), hasItem(JournalCreation.FIRST_FILE_TEMP));

        // even cut to the one slot creation writes: it names seq 2, so a record was acknowledged
        Files.write(dir.resolve("head.json"), java.util.Arrays.copyOfRange(head, 0, HeadFile.SLOT));
        HeadFile.Head named = HeadFile.layoutOnly(Files.readAllBytes(dir.resolve("head.json")));
        if (named == null || named.seq != 2) {
            Files.write(dir.resolve("head.json"), java.util.Arrays.copyOfRange(head, HeadFile.SLOT, 2 * HeadFile.SLOT));
        }
        assertThat(JournalCreation.onlyLeftovers(dir), equalTo(false));
        assertThrows(IOException.class, () -> AuditJournal.open(dir, JournalOptions.defaults()));
        assertThat(Files.exists(dir.resolve("head.json")), equalTo(true));
    }

    @Test
    public void aHeadNamingAnotherFirstRecordIsNeverRemoved() throws Exception {
        Path created = tmp.getRoot().toPath().resolve("created");
        AuditJournal.open(created, JournalOptions.defaults()).close();
        List<CreationCrashes.Snapshot> snapshots = CreationCrashes.take(tmp.getRoot().toPath().resolve("crash"),
                null);
        Path dir = snapshots.stream().filter(s -> s.name.equals("HEAD_IN_PLACE")).findFirst().get().dir;
        assertThat(JournalCreation.onlyLeftovers(dir), equalTo(true));
        // another journal's head (seq 1, another hash) next to this creation's first file
        Files.write(dir.resolve("head.json"), java.util.Arrays.copyOfRange(
                Files.readAllBytes(created.resolve("head.json")), 0, HeadFile.SLOT));
        assertThat(firstLine(created), not(equalTo(new String(Files.readAllBytes(
                dir.resolve(JournalCreation.FIRST_FILE_TEMP)), StandardCharsets.UTF_8).trim())));
        assertThat(JournalCreation.onlyLeftovers(dir), equalTo(false));
        assertThrows(IOException.class, () -> AuditJournal.open(dir, JournalOptions.defaults()));
        assertThat(Files.exists(dir.resolve("head.json")), equalTo(true));
    }

    @Test
    public void anEmptyFirstFileLeftByEarlierVersionsIsReplacedByANewJournal() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        Files.createDirectories(dir);
        Files.createFile(dir.resolve("journal-000001.jsonl"));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.lastSeq(), equalTo(1L));
            assertThat(String.join("\n", journal.recoveryNotes()), containsString("removed 1 empty journal file(s)"));
        }
        assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
    }

    private static String firstLine(Path dir) throws IOException {
        return new String(JournalFiles.firstLine(dir.resolve("journal-000001.jsonl"), AuditJournal.MAX_RECORD_BYTES),
                StandardCharsets.UTF_8);
    }
}
