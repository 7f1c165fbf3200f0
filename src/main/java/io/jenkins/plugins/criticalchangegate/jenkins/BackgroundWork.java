package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin's own bounded pool for work that waits on the network or the disk: the documentation check (up to a
 * connect and a read timeout per hop), journal appends (each forces the file to disk), build.xml saves, a registry
 * fetched by URL, finding a build's running steps. {@code jenkins.util.Timer} is a pool of 10 threads shared by all
 * of Jenkins and its plugins; workflow-api's {@code FlowExecutionList} warns against long tasks there (JENKINS-45553),
 * so the plugin keeps Timer for scheduling the expiry of gates only (ArchitectureTest holds the line).
 *
 * <p>Tasks run as {@code ACL.SYSTEM2}, as Timer's tasks do (Timer wraps its pool in an
 * {@code ImpersonatingScheduledExecutorService} with SYSTEM2): the work saves builds and appends to the journal on
 * behalf of whoever caused it, whose own authentication may not allow it. Threads are daemons, named
 * {@code critical-change-gate-N}, with the plugin's class loader. The queue is bounded: when it is full a task is
 * refused ({@link RejectedExecutionException}), and the caller fails its gate closed rather than wait unnoticed.
 */
public final class BackgroundWork {
    private static final Logger LOGGER = Logger.getLogger(BackgroundWork.class.getName());
    /** At most this many tasks run at once: two cores' worth of waiting on sockets and fsync, with room to spare. */
    static final int THREADS = 8;
    /** At most this many tasks wait; gates are opened by people, so more than this is a storm, not a workload. */
    static final int QUEUE = 1000;

    @CheckForNull
    private static ExecutorService executor;

    private BackgroundWork() {
    }

    /**
     * Runs {@code task} on the plugin's pool, as the system. After {@link #shutDown()} the next call starts a new pool:
     * a Jenkins restarted inside the same JVM (as the test harness restarts it) needs one again.
     *
     * @throws RejectedExecutionException when the queue is full
     */
    public static Future<?> submit(Runnable task) {
        return executor().submit(() -> {
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                task.run();
            } catch (RuntimeException | Error e) {
                // a Future nobody reads would swallow it: say what went wrong
                LOGGER.log(Level.WARNING, "critical change gate background task failed", e);
                throw e;
            }
        });
    }

    private static synchronized ExecutorService executor() {
        ExecutorService current = executor;
        if (current == null || current.isShutdown()) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), new Threads());
            pool.allowCoreThreadTimeOut(true);
            executor = pool;
            current = pool;
        }
        return current;
    }

    /** Jenkins is shutting down: stop taking work, interrupt what runs (a restart resumes every gate). */
    @Terminator
    public static synchronized void shutDown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private static final class Threads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "critical-change-gate-" + count.incrementAndGet());
            thread.setDaemon(true);
            // the plugin's class loader, not whatever the submitting thread had (Jenkins' ClassLoaderSanityThreadFactory)
            thread.setContextClassLoader(BackgroundWork.class.getClassLoader());
            return thread;
        }
    }
}
