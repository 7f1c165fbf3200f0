package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Assume;

/**
 * A file that never ends, for the tests that a parallel verification or export stops on interrupt: a named pipe whose
 * write end the test holds open and silent, so reading it waits for ever (the tests are skipped where there is no
 * {@code mkfifo}).
 */
final class SilentPipe {
    /** The work of the thread to interrupt: what it returns, if it ever does, or what it throws. */
    interface Work {
        Object run() throws IOException;
    }

    private SilentPipe() {
    }

    /** Makes the named pipe {@code at}. */
    static Path make(Path at) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        } catch (IOException e) {
            Assume.assumeNoException("mkfifo is needed to make a file that never ends", e);
            throw e;
        }
        Assume.assumeTrue("mkfifo " + at, mkfifo.waitFor() == 0);
        return at;
    }

    /**
     * Runs {@code work} in a thread of its own, waits until that thread waits (on what is left: the pipe), checks that
     * it is still at work, interrupts it, and returns what it ended with: the exception it threw, or an AssertionError
     * with what it returned. Fails if the interrupt does not end it within 30 s.
     */
    static Throwable interruptWhileWaiting(String name, Work work) throws InterruptedException {
        return interruptWhileWaiting(name, work, () -> { });
    }

    /** {@link #interruptWhileWaiting(String, Work)}, running {@code whileWaiting} just before the interrupt. */
    static Throwable interruptWhileWaiting(String name, Work work, Runnable whileWaiting) throws InterruptedException {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                ended.set(new AssertionError(name + " ended: " + work.run()));
            } catch (IOException | RuntimeException e) {
                ended.set(e);
            }
        }, name);
        caller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        assertThat(name + " still at work", caller.isAlive(), equalTo(true));
        whileWaiting.run();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(name + " stopped by the interrupt", caller.isAlive(), equalTo(false));
        return ended.get();
    }
}
