package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * One journal scan at a time per kind of request (search, a gate's records, CSV, JSON, report): a scan reads the
 * whole journal on the request thread, so a burst of requests (a reload held down, a script in a loop) would
 * otherwise keep as many request threads busy reading the disk. A request that finds its kind busy is refused at once
 * (HTTP 503 with {@link Busy}'s message), never queued. Jenkins-free, tested with real threads.
 */
final class ScanPermits {
    /** What reads the journal. */
    enum Kind {
        SEARCH("search"), GATE("gate's records"), CSV("CSV download"), JSON("JSON download"),
        REPORT("report download");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A scan of the journal. */
    @FunctionalInterface
    interface Scan<T> {
        T run() throws IOException;
    }

    /** Another scan of the kind runs. */
    static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(Kind kind) {
            super("Another " + kind.label + " is reading the audit journal now; try again in a moment (the audit page"
                    + " reads the journal for one " + kind.label + " at a time, so that requests cannot tie up the"
                    + " controller)");
        }
    }

    private final Map<Kind, Semaphore> permits = new EnumMap<>(Kind.class);

    ScanPermits() {
        for (Kind kind : Kind.values()) {
            permits.put(kind, new Semaphore(1));
        }
    }

    /**
     * Runs the scan unless one of its kind runs already.
     *
     * @throws Busy when one does: nothing was read
     */
    <T> T run(Kind kind, Scan<T> scan) throws Busy, IOException {
        Semaphore permit = permits.get(kind);
        if (!permit.tryAcquire()) {
            throw new Busy(kind);
        }
        try {
            return scan.run();
        } finally {
            permit.release();
        }
    }
}
