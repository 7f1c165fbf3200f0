package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.nio.channels.ClosedByInterruptException;
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
import org.jenkinsci.plugins.workflow.flow.FlowExecutionList;

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
    /**
     * At most this many tasks wait. Every waiting gate resumes through here after a restart, so the queue is sized for
     * thousands of them (a task is a few hundred bytes); past it, work is refused and callers fail closed or retry.
     */
    static final int QUEUE = 20_000;
    /** How long Jenkins' shutdown waits for running tasks (a documentation fetch, a journal append) to end. */
    static final long GRACE_SECONDS = 10;
    /** The milestone reached once the pool has stopped: the journal closes after it ({@code GateJournal}). */
    public static final String WORK_STOPPED = "CriticalChangeGate.WORK_STOPPED";

    @CheckForNull
    private static ExecutorService executor;
    /** Set by {@link #shutDown()}: no work is taken until Jenkins starts again ({@link #open()}). */
    private static boolean closed;

    private BackgroundWork() {
    }

    /**
     * Runs {@code task} on the plugin's pool, as the system.
     *
     * @throws RejectedExecutionException when the queue is full, or Jenkins is shutting down
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

    /** Whether Jenkins is shutting down: work interrupted now resumes at the next start, it is not a failure. */
    public static synchronized boolean isShuttingDown() {
        return closed;
    }

    /**
     * Whether a failure of work on the pool ({@code e}, or this thread's interrupt flag) comes from Jenkins shutting
     * the pool down: such work resumes after the restart and must not be recorded as a failure. Keeps the flag set.
     */
    public static boolean interruptedByShutdown(Exception e) {
        boolean interrupted = Thread.interrupted() || e instanceof InterruptedException
                || e instanceof ClosedByInterruptException;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return interrupted && isShuttingDown();
    }

    private static synchronized ExecutorService executor() {
        if (closed) {
            throw new RejectedExecutionException("Jenkins is shutting down");
        }
        ExecutorService current = executor;
        if (current == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), new Threads());
            pool.allowCoreThreadTimeOut(true);
            executor = pool;
            current = pool;
        }
        return current;
    }

    /**
     * Jenkins starts (again, for a Jenkins the test harness restarts inside the same JVM): take work. Before the
     * extensions (and Configuration as Code's start-up, which may load a registry by URL) are augmented, and before any
     * pipeline resumes, which happens after {@code InitMilestone.COMPLETED}.
     */
    @Initializer(after = InitMilestone.PLUGINS_STARTED, before = InitMilestone.EXTENSIONS_AUGMENTED)
    public static synchronized void open() {
        closed = false;
    }

    /**
     * Jenkins is shutting down, after every pipeline is suspended (so no step submits more): stop taking work, let
     * what runs finish for a few seconds, then interrupt the rest. Work interrupted here resumes after the restart
     * (the step's {@code onResume}); the journal is closed only after this ({@link #WORK_STOPPED}).
     */
    @Terminator(requires = FlowExecutionList.EXECUTIONS_SUSPENDED, attains = WORK_STOPPED)
    public static void shutDown() {
        ExecutorService pool;
        synchronized (BackgroundWork.class) {
            closed = true;
            pool = executor;
            executor = null;
        }
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warning(() -> "critical change gate work still running after " + GRACE_SECONDS
                        + " s of shutdown: interrupting it (it resumes after the restart)");
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class Threads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "critical-change-gate-" + count.incrementAndGet());
            thread.setDaemon(true);
            // the plugin's class loader as the context loader, so code that loads through it (SnakeYAML, Jackson)
            // finds the plugin's classes (core's ClassLoaderSanityThreadFactory would set core's loader instead)
            thread.setContextClassLoader(BackgroundWork.class.getClassLoader());
            return thread;
        }
    }
}
