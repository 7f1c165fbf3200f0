package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditJournalTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static AuditEvent approval(int i) {
        return AuditEvent.approvalAccepted("team/deploy", i, "payments", "CHG-" + i, "user" + i);
    }

    @Test
    public void startsWithJournalCreatedAndChainsEachRecordToThePrevious() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.lastSeq(), equalTo(1L));
            JournalRecord first = journal.append(approval(1));
            JournalRecord second = journal.append(approval(2));
            assertThat(first.seq(), equalTo(2L));
            assertThat(second.seq(), equalTo(3L));
            assertThat(second.prev(), equalTo(first.hash()));
            assertThat(journal.recoveryNotes(), empty());
        }
        List<String> lines = Files.readAllLines(dir.resolve("journal-000001.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines, hasSize(3));
        assertThat(lines.get(0), containsString("\"type\":\"JOURNAL_CREATED\""));
        assertThat(lines.get(0), containsString("\"prev\":\"" + "0".repeat(64) + "\""));
        JournalRecord parsed = RecordFormat.parse(lines.get(2));
        assertThat(parsed.fields().get("user"), equalTo("user2"));
    }

    @Test
    public void reopeningContinuesTheChain() throws Exception {
        Path dir = tmp.getRoot().toPath();
        String hash;
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            hash = journal.append(approval(1)).hash();
        }
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            JournalRecord next = journal.append(approval(2));
            assertThat(next.seq(), equalTo(3L));
            assertThat(next.prev(), equalTo(hash));
        }
    }

    @Test
    public void aSecondOpenInTheSameJvmIsRefusedNamingTheDirectory() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            JournalLockedException e = assertThrows(JournalLockedException.class,
                    () -> AuditJournal.open(dir, JournalOptions.defaults()));
            assertThat(e.getMessage(), containsString(dir.toString()));
            assertThat(journal.lastSeq(), equalTo(1L));
        }
        AuditJournal.open(dir, JournalOptions.defaults()).close(); // the lock is released on close
    }

    @Test
    public void appendAfterCloseFails() throws Exception {
        AuditJournal journal = AuditJournal.open(tmp.getRoot().toPath(), JournalOptions.defaults());
        journal.close();
        assertThrows(java.io.IOException.class, () -> journal.append(approval(1)));
    }

    @Test
    public void aKeyedJournalRefusesToOpenWithAnotherKeyOrWithout() throws Exception {
        Path dir = tmp.getRoot().toPath();
        byte[] key = "0123456789abcdef-the-real-key".getBytes(StandardCharsets.UTF_8);
        AuditJournal.open(dir, JournalOptions.builder().key(key).build()).close();
        java.io.IOException wrong = assertThrows(java.io.IOException.class, () -> AuditJournal.open(dir,
                JournalOptions.builder().key("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8)).build()));
        assertThat(wrong.getMessage(), containsString("wrong key"));
        java.io.IOException none = assertThrows(java.io.IOException.class,
                () -> AuditJournal.open(dir, JournalOptions.defaults()));
        assertThat(none.getMessage(), containsString("keyed"));
    }
}
