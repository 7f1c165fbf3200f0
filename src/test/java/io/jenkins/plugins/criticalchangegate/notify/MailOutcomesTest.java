package io.jenkins.plugins.criticalchangegate.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.Test;

/** The mails' outcomes as administrators see them next to the webhook deliveries. */
public class MailOutcomesTest {
    @Test
    public void countsAndKeepsTheLastOutcomesMostRecentFirst() {
        MailOutcomes outcomes = new MailOutcomes(2);
        NotificationPayload payload = WebhookDispatcherTest.payload();
        outcomes.record(payload, List.of("a@example.com"), Delivery.Status.DELIVERED, "accepted");
        outcomes.record(payload, List.of("a@example.com", "b@example.com"), Delivery.Status.FAILED, "no SMTP host");
        outcomes.record(payload, List.of("c@example.com"), Delivery.Status.QUEUE_FULL, "pool full");
        assertThat(outcomes.count(Delivery.Status.DELIVERED), is(1L));
        assertThat(outcomes.dropped(), is(2L));
        List<String> targets = new ArrayList<>();
        for (Delivery d : outcomes.last()) {
            targets.add(d.target() + " " + d.status() + " " + d.event() + " " + d.subject() + " " + d.attempts());
        }
        assertThat(targets, contains("e-mail to c@example.com QUEUE_FULL gate.opened CHG-1 to payments 0",
                "e-mail to a@example.com, b@example.com FAILED gate.opened CHG-1 to payments 1"));
    }

    @Test
    public void countsEveryOutcomeUnderConcurrentRecords() throws Exception {
        MailOutcomes outcomes = new MailOutcomes(10);
        NotificationPayload payload = WebhookDispatcherTest.payload();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    outcomes.record(payload, List.of("a@example.com"), Delivery.Status.DELIVERED, "ok");
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(outcomes.count(Delivery.Status.DELIVERED), is(2000L));
        assertThat(outcomes.last().size(), is(10));
    }
}
