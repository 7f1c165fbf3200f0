package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Many real threads act on one gate at the same moment: exactly one decision, every accepted approval counted once,
 * nothing lost. Repeated over many rounds so that interleavings vary.
 */
public class GateConcurrencyTest {
    private static final int THREADS = 24;
    private static final int ROUNDS = 100;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Rule
    public Timeout timeout = Timeout.seconds(120);

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1); // + the aborting task

    @After
    public void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Gate gate(int required) {
        CriticalSystem system = CriticalSystem.builder("checkout-service").approvers("approvers")
                .requiredApprovals(required).build();
        return Gate.open(new GateRequest(system, "CHG-1", "starter", Set.of(), T0), IdentityComparison.IGNORING_CASE);
    }

    /** Runs the tasks on the pool, all released at once by a latch (so no more tasks than pool threads). */
    private List<Attempt> race(List<Callable<Attempt>> tasks) throws Exception {
        assertThat("every task needs its own thread to reach the latch", tasks.size() <= THREADS + 1, is(true));
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Attempt>> futures = new ArrayList<>();
        for (Callable<Attempt> task : tasks) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Attempt> attempts = new ArrayList<>();
        for (Future<Attempt> f : futures) {
            attempts.add(f.get(30, TimeUnit.SECONDS));
        }
        return attempts;
    }

    @Test
    public void concurrentApprovalsReachExactlyOneDecisionAndCountEachApprovalOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int required = 1 + round % 5;
            Gate gate = gate(required);
            List<Callable<Attempt>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Person person = Person.of("user" + t, "approvers");
                tasks.add(() -> gate.approve(person, null, T0.plusSeconds(1)));
            }
            List<Attempt> attempts = race(tasks);
            String where = "round " + round + ", required " + required;
            assertThat(where, attempts.stream().filter(Attempt::decisive).count(), is(1L));
            assertThat(where, attempts.stream().filter(Attempt::accepted).count(), is((long) required));
            assertThat(where, attempts.stream().filter(a -> !a.accepted())
                    .allMatch(a -> a.refusal().get() == RefusalReason.GATE_CLOSED), is(true));
            GateState state = gate.state();
            assertThat(where, state.outcome(), is(Outcome.APPROVED));
            assertThat(where, state.approvals(), hasSize(required));
            assertThat(where, state.refused(), hasSize(THREADS - required));
            Set<String> approvers = state.approvals().stream().map(Approval::user).collect(Collectors.toSet());
            assertThat(where, approvers.size(), is(required)); // nobody counted twice
            assertThat(where, state.events().stream().filter(e -> e.type().isDecision()).count(), is(1L));
            // what each thread was told matches what the gate recorded
            Set<String> told = new HashSet<>();
            for (Attempt a : attempts) {
                if (a.accepted()) {
                    told.add(a.events().get(0).user().orElseThrow());
                }
            }
            assertThat(where, told, is(approvers));
        }
    }

    @Test
    public void theSamePersonApprovingFromManyThreadsCountsOnce() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Gate gate = gate(2);
            List<Callable<Attempt>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Person person = Person.of(t % 2 == 0 ? "erin" : "ERIN", "approvers");
                tasks.add(() -> gate.approve(person, null, T0.plusSeconds(1)));
            }
            List<Attempt> attempts = race(tasks);
            assertThat(attempts.stream().filter(Attempt::accepted).count(), is(1L));
            assertThat(attempts.stream().filter(a -> !a.accepted())
                    .allMatch(a -> a.refusal().get() == RefusalReason.DUPLICATE_APPROVER), is(true));
            assertThat(gate.outcome(), is(Outcome.PENDING));
            assertThat(gate.approvals(), hasSize(1));
        }
    }

    @Test
    public void racingApprovalsRejectionsAndAnAbortDecideOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Gate gate = gate(3);
            List<Callable<Attempt>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Person person = Person.of("user" + t, "approvers");
                if (t % 6 == 5) {
                    tasks.add(() -> gate.reject(person, "no", T0.plusSeconds(1)));
                } else {
                    tasks.add(() -> gate.approve(person, null, T0.plusSeconds(1)));
                }
            }
            tasks.add(() -> {
                gate.abort("jenkins", "stopped", T0.plusSeconds(1));
                return gate.approve(Person.of("late", "approvers"), null, T0.plusSeconds(1));
            });
            race(tasks);
            GateState state = gate.state();
            assertThat(state.outcome().isFinal(), is(true));
            assertThat(state.events().stream().filter(e -> e.type().isDecision()).count(), is(1L));
            if (state.outcome() == Outcome.APPROVED) {
                assertThat(state.approvals(), hasSize(3));
            } else {
                assertThat(state.approvals().size() < 3, is(true));
            }
        }
    }
}
