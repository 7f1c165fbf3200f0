package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** One journal scan at a time per kind, with real threads: the second is refused at once, not queued. */
public class ScanPermitsTest {

    @Test
    public void aSecondScanOfTheSameKindIsRefusedWhileTheFirstRunsAndAnotherKindIsNot() throws Exception {
        ScanPermits permits = new ScanPermits();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> permits.run(ScanPermits.Kind.CSV, () -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS), is(true));
            ScanPermits.Busy busy = assertThrows(ScanPermits.Busy.class,
                    () -> permits.run(ScanPermits.Kind.CSV, () -> "second"));
            assertThat(busy.getMessage(), containsString("Another CSV download is reading the audit journal now"));
            assertThat(permits.run(ScanPermits.Kind.JSON, () -> "json meanwhile"), is("json meanwhile"));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS), is("first"));
            assertThat(permits.run(ScanPermits.Kind.CSV, () -> "after"), is("after"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    public void aFailedScanGivesItsPermitBack() throws Exception {
        ScanPermits permits = new ScanPermits();
        IOException e = assertThrows(IOException.class, () -> permits.run(ScanPermits.Kind.SEARCH, () -> {
            throw new IOException("journal-000001.jsonl line 3: not a journal record");
        }));
        assertThat(e.getMessage(), containsString("line 3"));
        assertThat(permits.run(ScanPermits.Kind.SEARCH, () -> "again"), is("again"));
    }
}
