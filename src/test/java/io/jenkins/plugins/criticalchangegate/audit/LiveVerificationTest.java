package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Verifying and reading the journal while it is being written (issue 17: the audit page verifies the live journal):
 * real threads append through {@link AuditJournal} (group commit, files rotating every few kilobytes, the head moving
 * after every batch) while another verifies and exports it, round after round. No round may report damage that is not
 * there; and damage that is there is still found.
 */
public class LiveVerificationTest {
    private static final byte[] KEY = "a journal key of thirty-two byte".getBytes(StandardCharsets.US_ASCII);
    private static final int ROUNDS = 300;
    private static final int WRITERS = 3;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static JournalOptions options() {
        return JournalOptions.builder().key(KEY).maxFileBytes(4096).build();
    }

    /** Appends gates on several threads until told to stop; the first failure is kept. */
    private static final class Writers implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong appended = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();

        Writers(AuditJournal journal) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    long build = 0;
                    try {
                        while (!stop.get()) {
                            build++;
                            journal.append(AuditEvent.gateRequested("deploy/w" + writer, build, "payments",
                                    "CHG-" + build, "abc", "alice"));
                            journal.append(AuditEvent.approvalAccepted("deploy/w" + writer, build, "payments",
                                    "CHG-" + build, "bob"));
                            appended.addAndGet(2);
                        }
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }, "journal writer " + w);
                threads.add(t);
                t.start();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @Test
    public void verifyingWhileGatesAppendNeverReportsDamageThatIsNotThere() throws Exception {
        verifyWhileGatesAppend(1, ParallelVerifier.BUFFER); // the sequential verifier
    }

    /**
     * The same on the parallel verifier (several hashing threads, small buffers so that lines are cut at every
     * place): the live end is checked in the in-order stage, which must stop there although the reader has read on.
     */
    @Test
    public void verifyingOnEveryCoreWhileGatesAppendNeverReportsDamageThatIsNotThere() throws Exception {
        verifyWhileGatesAppend(3, 8192);
    }

    private void verifyWhileGatesAppend(int threads, int bufferSize) throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, options()); Writers writers = new Writers(journal)) {
            long before = 0;
            // at least ROUNDS verifications, and on until the writers have appended enough and rotated: on a loaded
            // machine the writers may get less time than the verifier, and the test must still have raced them
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            for (int round = 0; round < ROUNDS || (writers.appended.get() <= 100 || JournalFiles.list(dir).size() <= 3)
                    && System.nanoTime() < deadline; round++) {
                VerificationResult result = journal.verify(KEY, threads, bufferSize);
                assertThat("round " + round + ": " + result, result.intact(), is(true));
                long records = result.records();
                assertThat("round " + round + " went backwards", records, greaterThanOrEqualTo(before));
                before = records;
            }
            writers.close();
            assertThat(writers.failure.get() == null ? "" : writers.failure.get().toString(), writers.failure.get()
                    == null, is(true));
            assertThat("the writers appended while the verifier read", writers.appended.get(), greaterThan(100L));
            assertThat("the journal rotated meanwhile", JournalFiles.list(dir).size(), greaterThan(3));
            VerificationResult last = journal.verify(KEY, threads, bufferSize);
            assertThat(last.toString(), last.intact(), is(true));
            assertThat(last.records(), is(journal.lastSeq()));
        }
    }

    @Test
    public void exportingWhileGatesAppendReadsWholeRecordsOnly() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, options()); Writers writers = new Writers(journal)) {
            for (int round = 0; round < ROUNDS / 3; round++) {
                long last = journal.lastSeq();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                JournalQuery.builder().through(last).build().exportJson(dir, out); // throws on a torn line
                String json = out.toString(StandardCharsets.UTF_8);
                assertThat("round " + round + ": the export ends at the last record asked for", json,
                        containsString("\"seq\":" + last + ","));
                assertThat("round " + round + ": and reads nothing newer", json,
                        not(containsString("\"seq\":" + (last + 1) + ",")));
                java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
                JournalQuery.builder().through(last).outcome("APPROVED").build().exportCsv(dir, csv); // two passes
                long[] seen = {0};
                JournalQuery.builder().through(last).build().forEach(dir, (record, line) -> seen[0] = record.seq());
                assertThat("round " + round, seen[0], is(last));
            }
            writers.close();
            assertThat(String.valueOf(writers.failure.get()), writers.failure.get() == null, is(true));
        }
    }

    @Test
    public void damageInAnEarlierFileIsStillFoundWhileGatesAppend() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        try (AuditJournal journal = AuditJournal.open(dir, options())) {
            for (int build = 1; build <= 60; build++) {
                journal.append(AuditEvent.gateRequested("deploy/app", build, "payments", "CHG-" + build, "abc",
                        "alice"));
            }
            assertThat(JournalFiles.list(dir).size(), greaterThan(1));
            // one approver's name changed in place, same length, in the first file
            Path first = JournalFiles.list(dir).get(0).path;
            String text = Files.readString(first, StandardCharsets.UTF_8);
            int at = text.indexOf("\"user\":\"alice\"", text.indexOf('\n') + 1);
            try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
                file.seek(text.substring(0, at).getBytes(StandardCharsets.UTF_8).length + "\"user\":\"".length());
                file.write("mallo".getBytes(StandardCharsets.US_ASCII));
            }
            try (Writers writers = new Writers(journal)) {
                VerificationResult result = journal.verify(KEY);
                assertThat(result.toString(), result.intact(), is(false));
                assertThat(result.toString(), result.problem().orElseThrow().reason(),
                        is(VerificationResult.Reason.HASH_MISMATCH));
                assertThat(result.toString(), containsString(JournalFiles.list(dir).get(0).name()));
            }
        }
    }

    @Test
    public void aLiveVerificationNamesTheSameSummaryAsTheToolOnceTheJournalIsClosed() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        VerificationResult live;
        try (AuditJournal journal = AuditJournal.open(dir, options())) {
            for (int build = 1; build <= 40; build++) {
                journal.append(AuditEvent.gateRequested("deploy/app", build, "payments", "CHG-" + build, "abc",
                        "alice"));
            }
            live = journal.verify(KEY);
        }
        VerificationResult offline = JournalVerifier.verify(dir, KEY);
        assertThat(offline.toString(), offline.intact(), is(true));
        assertThat(live.summary().orElseThrow().lines(), is(offline.summary().orElseThrow().lines()));
    }
}
