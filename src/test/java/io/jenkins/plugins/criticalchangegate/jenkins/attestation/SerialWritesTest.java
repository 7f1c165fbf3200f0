package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Two gates of one build attested at once each archive the whole file (AttestationArchive): with real threads, a write
 * that starts while another is in progress reads its content only after that one finished, so the last write holds
 * every envelope. Before, each read its list first and then wrote, and the older list could land last.
 */
public class SerialWritesTest {
    @Test
    public void aWriteReadsItsContentOnlyWhenItsTurnComes() throws Exception {
        SerialWrites writes = new SerialWrites();
        List<String> envelopes = new CopyOnWriteArrayList<>(List.of("gate-1"));
        List<List<String>> archived = new CopyOnWriteArrayList<>();
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch secondGateAttested = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> {
                writes.write(() -> List.copyOf(envelopes), list -> {
                    firstIsWriting.countDown();
                    // a slow artifact manager: meanwhile the second gate is attested and its write starts
                    assertThat(secondGateAttested.await(10, TimeUnit.SECONDS), is(true));
                    Thread.sleep(200);
                    archived.add(list);
                });
                return null;
            });
            assertThat(firstIsWriting.await(10, TimeUnit.SECONDS), is(true));
            envelopes.add("gate-2");
            Future<?> second = threads.submit(() -> {
                writes.write(() -> List.copyOf(envelopes), archived::add);
                return null;
            });
            secondGateAttested.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(archived, contains(List.of("gate-1"), List.of("gate-1", "gate-2")));
    }

    @Test
    public void aFailedWriteLetsTheNextOneThrough() throws Exception {
        SerialWrites writes = new SerialWrites();
        java.io.IOException refused = org.junit.Assert.assertThrows(java.io.IOException.class,
                () -> writes.write(() -> "a", content -> {
                    throw new java.io.IOException("artifact manager refused " + content);
                }));
        assertThat(refused.getMessage(), is("artifact manager refused a"));
        List<String> written = new CopyOnWriteArrayList<>();
        writes.write(() -> "b", written::add);
        assertThat(written, contains("b"));
    }
}
