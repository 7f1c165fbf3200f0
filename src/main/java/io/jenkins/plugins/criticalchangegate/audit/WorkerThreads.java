package io.jenkins.plugins.criticalchangegate.audit;

import java.util.List;

/** The end of a parallel verification or export: its reader and workers stop, and none outlives it. */
final class WorkerThreads {
    private WorkerThreads() {
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
