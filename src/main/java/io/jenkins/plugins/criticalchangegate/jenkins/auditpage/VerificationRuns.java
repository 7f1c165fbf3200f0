package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The verifications of the journal started from the audit page: one at a time, in the background, and the last one's
 * result (who started it, when, and what {@code audit verify} prints). Jenkins-free: the executor and the
 * verification are given, so a test drives it with real threads.
 */
final class VerificationRuns {
    /** A verification of the journal. */
    @FunctionalInterface
    interface Verification {
        VerificationResult verify() throws IOException;
    }

    private final Executor executor;
    private final Clock clock;
    private final AtomicReference<LastVerification> last = new AtomicReference<>();

    VerificationRuns(Executor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Starts a verification, unless one runs.
     *
     * @param user who asks, shown with the result
     * @return false when one runs already (nothing started)
     * @throws RejectedExecutionException when the executor takes no more work (nothing started)
     */
    boolean start(String user, Verification verification) {
        LastVerification running = LastVerification.running(user, clock.instant());
        LastVerification before;
        do {
            before = last.get();
            if (before != null && before.isRunning()) {
                return false;
            }
        } while (!last.compareAndSet(before, running));
        try {
            executor.execute(() -> {
                // whatever ends the verification (an Error included: OutOfMemoryError, a plugin class unloaded), it
                // ends as finished: a run left "running" would refuse every later verification until a restart
                LastVerification done = null;
                try {
                    VerificationResult result = verification.verify();
                    done = running.finished(clock.instant(), result.intact(), lines(result));
                } catch (IOException | RuntimeException e) {
                    done = running.finished(clock.instant(), false,
                            List.of("could not verify the journal: " + e.getMessage()));
                } finally {
                    last.set(done != null ? done : running.finished(clock.instant(), false,
                            List.of("the verification stopped without a result (see the Jenkins log)")));
                }
            });
        } catch (RejectedExecutionException e) {
            last.compareAndSet(running, before);
            throw e;
        }
        return true;
    }

    /** The last verification (running or finished); null when none was started since Jenkins started. */
    @CheckForNull
    LastVerification last() {
        return last.get();
    }

    /** What {@code audit verify} prints: the result line, the summary's lines, then the notes. */
    static List<String> lines(VerificationResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(result.toString());
        result.summary().ifPresent(s -> lines.addAll(s.lines()));
        for (String note : result.notes()) {
            lines.add("note: " + note);
        }
        return Collections.unmodifiableList(lines);
    }

    /** One verification: who started it, when, and (once done) its outcome and lines. Immutable. */
    public static final class LastVerification {
        private final String user;
        private final Instant started;
        @CheckForNull
        private final Instant finished;
        private final boolean intact;
        private final List<String> lines;

        private LastVerification(String user, Instant started, @CheckForNull Instant finished, boolean intact,
                List<String> lines) {
            this.user = user;
            this.started = started;
            this.finished = finished;
            this.intact = intact;
            this.lines = lines;
        }

        static LastVerification running(String user, Instant started) {
            return new LastVerification(user, started, null, false, List.of());
        }

        LastVerification finished(Instant at, boolean ok, List<String> result) {
            return new LastVerification(user, started, at, ok, List.copyOf(result));
        }

        public String getUser() {
            return user;
        }

        public String getStarted() {
            return started.toString();
        }

        /** When it ended; null while it runs. */
        @CheckForNull
        public String getFinished() {
            return finished == null ? null : finished.toString();
        }

        public boolean isRunning() {
            return finished == null;
        }

        /** Whether the journal verified (false while running). */
        public boolean isIntact() {
            return intact;
        }

        /** What {@code audit verify} prints, line by line. */
        public List<String> getLines() {
            return List.copyOf(lines); // already unmodifiable: copyOf hands back the same list
        }
    }
}
