package io.jenkins.plugins.criticalchangegate.audit;

import java.io.InterruptedIOException;
import java.util.List;

/**
 * The threads of a parallel verification or export: how many (a system property may force the count) and their end
 * (its reader and workers stop, and none outlives it).
 */
final class WorkerThreads {
    /**
     * What the name of every thread the journal starts begins with (these, and {@link GroupCommit}'s writer): in a
     * Jenkins controller's thread dump (the audit page verifies and exports on the controller) they say which plugin
     * started them.
     */
    static final String NAME_PREFIX = "critical-change-gate ";

    private WorkerThreads() {
    }

    /** A thread's name: {@code critical-change-gate audit export: worker 1} for {@code "audit export: worker 1"}. */
    static String name(String what) {
        return NAME_PREFIX + what;
    }

    /**
     * The number of worker threads: the system property's value when it is set, else {@code byDefault}.
     *
     * @throws IllegalArgumentException naming the property, when its value is not a whole number of at least 1
     */
    static int count(String property, int byDefault) {
        String forced = System.getProperty(property);
        if (forced == null) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(forced.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was given
        }
        throw new IllegalArgumentException(property + " must be a number of threads (1 or more), not '" + forced + "'");
    }

    /**
     * What a caller interrupted while it waited on the threads throws: the interrupt is kept for its own caller, and
     * the I/O exception says what was stopped ({@code "journal export"}).
     */
    static InterruptedIOException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException stopped = new InterruptedIOException(what + " interrupted");
        stopped.initCause(e);
        return stopped;
    }

    /**
     * Starts the threads as daemons: a JVM that exits (the tool's end, Jenkins' shutdown) is not held up by them. The
     * caller's {@code finally} calls {@link #stopAll} with the same list, also after a failed start.
     */
    static void startAll(List<Thread> threads) {
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Interrupts the threads and waits until each has ended. An interrupt of the caller meanwhile does not cut the
     * wait short (a thread left running would go on reading the journal); it is kept for the caller to see.
     */
    static void stopAll(List<Thread> threads) {
        for (Thread t : threads) {
            t.interrupt(); // a plain loop, not a method reference: audit verify starts without spinning lambdas
        }
        boolean interrupted = Thread.interrupted();
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
