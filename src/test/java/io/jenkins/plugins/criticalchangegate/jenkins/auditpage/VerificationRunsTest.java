package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Verifications started from the audit page: one at a time, in the background, the last one's result kept. */
public class VerificationRunsTest {
    private static final byte[] KEY = "a journal key of thirty-two byte".getBytes(StandardCharsets.US_ASCII);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-04T09:00:00Z"), ZoneOffset.UTC);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static VerificationRuns.LastVerification awaitFinished(VerificationRuns runs) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            VerificationRuns.LastVerification last = runs.last();
            if (last != null && !last.isRunning()) {
                return last;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the verification did not finish");
    }

    @Test
    public void showsWhoStartedItAndWhatAuditVerifyPrints() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().key(KEY).build())) {
            journal.append(AuditEvent.gateRequested("deploy/payments", 7, "payments", "CHG-7", "abc", "alice"));
            VerificationRuns runs = new VerificationRuns(pool, CLOCK);
            assertThat(runs.last(), nullValue());
            assertThat(runs.start("audrey", () -> journal.verify(KEY)), is(true));
            VerificationRuns.LastVerification last = awaitFinished(runs);
            assertThat(last.getUser(), is("audrey"));
            assertThat(last.getStarted(), is("2026-05-04T09:00:00Z"));
            assertThat(last.isIntact(), is(true));
            VerificationResult expected = journal.verify(KEY);
            assertThat(last.getLines().get(0), startsWith("2 records, head "));
            assertThat(last.getLines().subList(1, 7), is(expected.summary().orElseThrow().lines()));
            assertThat(last.getLines(), hasItem(startsWith("chain: keyed with key id ")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void oneAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            VerificationRuns runs = new VerificationRuns(pool, CLOCK);
            assertThat(runs.start("audrey", () -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("there is no audit journal yet");
            }), is(true));
            assertThat(runs.start("bob", () -> {
                throw new AssertionError("a second verification ran while the first did");
            }), is(false));
            assertThat(runs.last().isRunning(), is(true));
            assertThat(runs.last().getUser(), is("audrey"));
            release.countDown();
            VerificationRuns.LastVerification last = awaitFinished(runs);
            assertThat(last.isIntact(), is(false));
            assertThat(last.getLines(), contains("could not verify the journal: there is no audit journal yet"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    public void aRefusedStartLeavesTheLastResultAsItWas() {
        VerificationRuns runs = new VerificationRuns(task -> {
            throw new RejectedExecutionException("Jenkins is shutting down");
        }, CLOCK);
        assertThrows(RejectedExecutionException.class, () -> runs.start("audrey", () -> {
            throw new AssertionError("never runs");
        }));
        assertThat(runs.last(), nullValue());
    }

    @Test
    public void aVerificationEndedByAnErrorIsFinishedAndTheNextOneStarts() throws Exception {
        // an Error is neither an IOException nor a RuntimeException: it must still end the run, or every later
        // verification would be refused as "one runs" until Jenkins restarts
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            VerificationRuns runs = new VerificationRuns(pool, CLOCK);
            assertThat(runs.start("audrey", () -> {
                throw new StackOverflowError("a verification that died");
            }), is(true));
            VerificationRuns.LastVerification last = awaitFinished(runs);
            assertThat(last.isIntact(), is(false));
            assertThat(last.getLines(), contains(startsWith("the verification stopped without a result")));
            assertThat(runs.start("bob", () -> {
                throw new IOException("there is no audit journal yet");
            }), is(true));
            assertThat(awaitFinished(runs).getUser(), is("bob"));
        } finally {
            pool.shutdownNow();
        }
    }
}
