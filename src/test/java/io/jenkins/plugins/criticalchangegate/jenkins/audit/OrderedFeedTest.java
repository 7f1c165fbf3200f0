package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.Test;

/** The journal's listeners hear the records in the journal's order, whatever order the appending threads return in. */
public class OrderedFeedTest {
    private final List<Long> heard = Collections.synchronizedList(new ArrayList<>());

    private OrderedFeed<Long> feed() {
        OrderedFeed<Long> feed = new OrderedFeed<>(Long::longValue, heard::add);
        feed.restartAt(1);
        return feed;
    }

    @Test
    public void aDecisionReturnedBeforeItsRequestIsHeardAfterIt() {
        OrderedFeed<Long> feed = feed();
        feed.offer(2L); // the decision's thread returned first
        assertThat(heard, is(empty()));
        assertThat(feed.waitingCount(), is(1));
        feed.offer(1L);
        assertThat(heard, contains(1L, 2L));
        assertThat(feed.waitingCount(), is(0));
    }

    @Test
    public void concurrentOffersInAnyOrderAreHeardInOrderAndNeverTwoAtOnce() throws Exception {
        int threads = 8;
        int each = 500;
        AtomicInteger inSink = new AtomicInteger();
        AtomicReference<String> overlap = new AtomicReference<>();
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        OrderedFeed<Long> feed = new OrderedFeed<>(Long::longValue, seq -> {
            if (inSink.incrementAndGet() != 1) {
                overlap.set("two records delivered at once at " + seq);
            }
            order.add(seq);
            inSink.decrementAndGet();
        });
        feed.restartAt(1);
        // as the journal does: numbers handed out in order, each thread offers its own once its append returned,
        // sometimes after another thread already offered a later one
        AtomicLong journal = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        long seq = journal.incrementAndGet();
                        if (seq % 3 == 0) {
                            Thread.yield(); // returns late from its append
                        }
                        feed.offer(seq);
                    }
                } catch (Exception e) {
                    overlap.set("thread failed: " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        assertThat(overlap.get(), is((String) null));
        List<Long> expected = LongStream.rangeClosed(1, (long) threads * each).boxed().collect(Collectors.toList());
        int first = 0;
        while (first < Math.min(order.size(), expected.size()) && order.get(first).equals(expected.get(first))) {
            first++;
        }
        assertThat("records heard out of the journal's order from index " + first + " of " + order.size() + ": "
                + order.subList(first, Math.min(order.size(), first + 5)), order.equals(expected), is(true));
    }

    @Test
    public void aNumberThatNeverArrivesHoldsBackOnlyUntilTooManyWait() {
        OrderedFeed<Long> feed = feed();
        feed.offer(1L);
        for (long seq = 3; seq < 3 + OrderedFeed.MAX_WAITING - 1; seq++) {
            feed.offer(seq); // 2 is missing
        }
        assertThat(heard.size(), is(1));
        feed.offer(3L + OrderedFeed.MAX_WAITING - 1);
        assertThat(heard.size(), is(OrderedFeed.MAX_WAITING + 1));
        assertThat(feed.waitingCount(), is(0));
    }

    @Test
    public void aSinkThatThrowsDoesNotStopTheFeed() {
        AtomicInteger calls = new AtomicInteger();
        OrderedFeed<Long> feed = new OrderedFeed<>(Long::longValue, seq -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("listener broke");
            }
            heard.add(seq);
        });
        feed.restartAt(1);
        try {
            feed.offer(1L);
        } catch (IllegalStateException expected) {
            // GateJournalListener.fireAppended catches a listener's failure; the feed must survive one anyway
        }
        feed.offer(2L);
        assertThat(heard, contains(2L));
    }
}
