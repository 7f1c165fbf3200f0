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
import java.util.Map;
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
    public void existsOnlyOnceOpeningHasCreatedTheFirstFile() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        assertThat(AuditJournal.exists(dir), equalTo(false));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("journal-000001.jsonl.creating"), "{}\n"); // a creation that did not finish
        assertThat(AuditJournal.exists(dir), equalTo(false));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(AuditJournal.exists(dir), equalTo(true));
        }
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

    /**
     * An event's size is settled when it is made: fields one byte over the limit are refused then, naming the size,
     * and fields at the limit still make a record the journal writes and reads back as one line.
     */
    @Test
    public void anEventAtTheSizeLimitIsJournaledAndOneByteMoreIsRefusedWhenMade() throws Exception {
        String wrapper = "{\"detail\":\"\"}"; // what the encoding adds around the one string field
        int room = AuditEvent.MAX_FIELDS_BYTES - wrapper.length();
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> AuditEvent.of(AuditEventType.DECIDED, Map.of("detail", "a".repeat(room + 1))));
        assertThat(tooLarge.getMessage(), containsString("an audit record of " + (AuditEvent.MAX_FIELDS_BYTES + 1)
                + " bytes is longer than the journal's limit of " + AuditEvent.MAX_FIELDS_BYTES + " bytes"));

        Path dir = tmp.getRoot().toPath().resolve("journal");
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            JournalRecord written = journal.append(AuditEvent.of(AuditEventType.DECIDED,
                    Map.of("detail", "a".repeat(room))));
            assertThat(written.text("detail").length(), equalTo(room));
        }
        assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
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

    @Test
    public void manyWriterThreadsLoseAndInterleaveNothing() throws Exception {
        Path dir = tmp.getRoot().toPath();
        int threads = 16;
        int each = 100;
        java.util.Set<Long> seqs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().maxFileBytes(32 * 1024).build())) {
            runThreads(threads, t -> {
                for (int i = 0; i < each; i++) {
                    JournalRecord r = journal.append(AuditEvent.approvalAccepted("job", i, "sys", "C", "t" + t));
                    assertThat(seqs.add(r.seq()), equalTo(true));
                }
            });
        }
        assertThat(seqs.size(), equalTo(threads * each));
        assertThat(java.util.Collections.min(seqs), equalTo(2L));
        assertThat(java.util.Collections.max(seqs), equalTo(1L + threads * each));
        java.util.Map<String, Integer> perWriter = new java.util.HashMap<>();
        JournalQuery.builder().build().forEach(dir, (record, line) -> {
            if (record.type() == AuditEventType.APPROVAL_ACCEPTED) {
                perWriter.merge(record.text("user") + "#" + record.text("build"), 1, Integer::sum);
            }
        });
        assertThat(perWriter.size(), equalTo(threads * each)); // each thread's each append, once
        assertThat(new java.util.HashSet<>(perWriter.values()), equalTo(java.util.Set.of(1)));
        assertThat(JournalVerifier.verify(dir, null).toString(),
                org.hamcrest.Matchers.startsWith((1 + threads * each) + " records, head "));
    }

    @Test
    public void groupCommitMakesManyConcurrentAppendsDurableWithFewerFlushes() throws Exception {
        int threads = 32;
        int each = 40;
        try (AuditJournal journal = AuditJournal.open(tmp.getRoot().toPath(), JournalOptions.defaults())) {
            long before = journal.syncs();
            runThreads(threads, t -> {
                for (int i = 0; i < each; i++) {
                    journal.append(approval(i));
                }
            });
            long flushes = journal.syncs() - before;
            System.out.println("group commit: " + threads * each + " appends from " + threads + " threads, "
                    + flushes + " flushes");
            assertThat(flushes, org.hamcrest.Matchers.lessThan((long) threads * each));
            assertThat(journal.lastSeq(), equalTo(1L + threads * each));
        }
    }

    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    static void runThreads(int count, ThreadBody body) throws Exception {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < count; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a writer thread failed", failures.get(0));
        }
    }

    @Test
    public void aTornLastLineIsQuarantinedReportedAndTheChainGoesOn() throws Exception {
        Path dir = tmp.getRoot().toPath();
        String lastHash;
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(approval(1));
            lastHash = journal.append(approval(2)).hash();
        }
        Path file = dir.resolve("journal-000001.jsonl");
        byte[] torn = "{\"build\":3,\"changeId\":\"CHG-3\",\"jo".getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);
        assertThat(JournalVerifier.verify(dir, null).problem().orElseThrow().reason(),
                equalTo(VerificationResult.Reason.TRUNCATED));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.recoveryNotes(), hasSize(1));
            assertThat(journal.recoveryNotes().get(0), containsString("torn last line (" + torn.length + " bytes"));
            assertThat(journal.recoveryNotes().get(0), containsString("quarantine-"));
            JournalRecord next = journal.append(approval(3));
            assertThat(next.seq(), equalTo(4L));
            assertThat(next.prev(), equalTo(lastHash));
        }
        List<Path> quarantined = JournalFiles.quarantines(dir);
        assertThat(quarantined, hasSize(1));
        assertThat(Files.readAllBytes(quarantined.get(0)), equalTo(torn));
        VerificationResult result = JournalVerifier.verify(dir, null);
        assertThat(result.toString(), result.intact(), equalTo(true));
        assertThat(result.notes(), hasSize(1));
    }

    @Test
    public void rotatesBySizeAndTheChainRunsAcrossFiles() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().maxFileBytes(4096).build())) {
            for (int i = 0; i < 40; i++) {
                journal.append(approval(i));
            }
        }
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        assertThat(files.size(), org.hamcrest.Matchers.greaterThan(2));
        for (JournalFiles.Entry f : files) {
            assertThat(f.name(), Files.size(f.path), org.hamcrest.Matchers.lessThanOrEqualTo(4096L));
        }
        String lastOfFirst = lastLine(files.get(0).path);
        String firstOfSecond = Files.readAllLines(files.get(1).path).get(0);
        assertThat(RecordFormat.parse(firstOfSecond).prev(), equalTo(RecordFormat.parse(lastOfFirst).hash()));
        assertThat(JournalVerifier.verify(dir, null).toString(), org.hamcrest.Matchers.startsWith("41 records"));
    }

    @Test
    public void rotatesByPeriod() throws Exception {
        Path dir = tmp.getRoot().toPath();
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-26T23:59:58.000Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        JournalOptions daily = JournalOptions.builder().rotationPeriod(java.time.Duration.ofDays(1)).clock(clock)
                .build();
        try (AuditJournal journal = AuditJournal.open(dir, daily)) {
            journal.append(approval(1));
            now.set(java.time.Instant.parse("2026-11-27T00:00:01.000Z"));
            journal.append(approval(2));
        }
        try (AuditJournal journal = AuditJournal.open(dir, daily)) { // the period of the open file is read back
            journal.append(approval(3));
            now.set(java.time.Instant.parse("2026-11-28T08:00:00.000Z"));
            journal.append(approval(4));
        }
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        assertThat(files, hasSize(3));
        assertThat(Files.readAllLines(files.get(1).path), hasSize(2));
        assertThat(Files.readAllLines(files.get(1).path).get(0), containsString("2026-11-27T00:00:01.000Z"));
        assertThat(JournalVerifier.verify(dir, null).toString(), org.hamcrest.Matchers.startsWith("5 records"));
    }

    private static String lastLine(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.get(lines.size() - 1);
    }

    @Test
    public void refusesToOpenWhenRecordsWereRemovedFromTheEnd() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(approval(1));
            journal.append(approval(2));
        }
        Path file = dir.resolve("journal-000001.jsonl");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 2));
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> AuditJournal.open(dir, JournalOptions.defaults()));
        assertThat(e.getMessage(), containsString("ends at seq 2 but its head file records seq 3"));
    }

    @Test
    public void refusesToOpenWithoutItsHeadFile() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(approval(1));
        }
        Files.delete(dir.resolve("head.json"));
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> AuditJournal.open(dir, JournalOptions.defaults()));
        assertThat(e.getMessage(), containsString("head.json is missing or damaged"));
    }

    @Test
    public void aTornHeadSlotFallsBackToTheOtherSlot() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(approval(1));
            journal.append(approval(2));
        }
        byte[] head = Files.readAllBytes(dir.resolve("head.json"));
        HeadFile.Head newest = HeadFile.read(dir, ChainHash.sha256());
        java.util.Arrays.fill(head, newest.slot * HeadFile.SLOT + 10, newest.slot * HeadFile.SLOT + 60, (byte) 0);
        Files.write(dir.resolve("head.json"), head);
        assertThat(HeadFile.read(dir, ChainHash.sha256()).seq, equalTo(newest.seq - 1));
        assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.append(approval(3)).seq(), equalTo(4L));
        }
        assertThat(HeadFile.read(dir, ChainHash.sha256()).seq, equalTo(4L));
    }

    @Test
    public void appendAllWritesConsecutiveRecordsWithOneFlush() throws Exception {
        try (AuditJournal journal = AuditJournal.open(tmp.getRoot().toPath(), JournalOptions.defaults())) {
            long before = journal.syncs();
            List<JournalRecord> records = journal.appendAll(List.of(approval(1), approval(2), approval(3)));
            assertThat(journal.syncs() - before, equalTo(1L));
            assertThat(records, hasSize(3));
            assertThat(records.get(0).seq(), equalTo(2L));
            assertThat(records.get(2).seq(), equalTo(4L));
            assertThat(records.get(2).prev(), equalTo(records.get(1).hash()));
            assertThrows(IllegalArgumentException.class, () -> journal.appendAll(List.of()));
        }
    }

    @Test
    public void aFailedWriteFailsThatAppendAndEveryLaterOneUntilReopened() throws Exception {
        Path dir = tmp.getRoot().toPath();
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                if (broken.get()) {
                    throw new IllegalStateException("clock failure injected by the test");
                }
                return java.time.Instant.now();
            }
        };
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().clock(clock).build())) {
            journal.append(approval(1));
            broken.set(true);
            java.io.IOException first = assertThrows(java.io.IOException.class, () -> journal.append(approval(2)));
            assertThat(first.getMessage(), containsString("clock failure injected by the test"));
            broken.set(false);
            java.io.IOException later = assertThrows(java.io.IOException.class, () -> journal.append(approval(3)));
            assertThat(later.getMessage(), containsString("failed earlier and takes no more records"));
        }
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.append(approval(4)).seq(), equalTo(3L)); // nothing of the failed batch was kept
        }
        assertThat(JournalVerifier.verify(dir, null).intact(), equalTo(true));
    }
}
