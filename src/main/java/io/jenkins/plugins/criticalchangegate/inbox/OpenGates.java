package io.jenkins.plugins.criticalchangegate.inbox;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.GateRequestRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalReplay;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The gates open now, and the last ones decided: the inbox's source of truth (issue 14). It follows the events the
 * audit journal records ({@link #accept}: a gate is added when requested, updated on approvals and holds, removed
 * when decided), so a page costs O(open gates), never a walk over all jobs and builds; and it is rebuilt at start-up
 * by replaying the journal ({@link #rebuild}) and then keeping only the gates of builds still running
 * ({@link #retainOnly}).
 *
 * <p>Thread-safe: the open gates are a concurrent map whose entries are replaced by immutable values; the recently
 * decided list is bounded and guarded by its own lock.
 */
public final class OpenGates {
    /** How many decided gates the "recently decided" tab keeps by default. */
    public static final int DEFAULT_RECENT = 200;
    /** Documentation checks waiting for their gate's request; bounded against a journal full of refusals. */
    private static final int MAX_UNCLAIMED_DOCUMENTATION = 10_000;

    private final ConcurrentHashMap<GateKey, PendingGate> open = new ConcurrentHashMap<>();
    /** A gate's documentation is checked before it is requested: the URL waits here for the request. */
    private final ConcurrentHashMap<GateKey, String> documentation = new ConcurrentHashMap<>();
    private final Deque<DecidedGate> recent = new ArrayDeque<>();
    private final int recentLimit;

    public OpenGates() {
        this(DEFAULT_RECENT);
    }

    /** @param recentLimit how many decided gates to keep, at least 0 */
    public OpenGates(int recentLimit) {
        if (recentLimit < 0) {
            throw new IllegalArgumentException("recentLimit must not be negative, got " + recentLimit);
        }
        this.recentLimit = recentLimit;
    }

    /**
     * A fresh index from the journal in {@code dir}: every record, in order, across rotated files; a torn last line
     * or a line that is not a record is skipped (and named in the result's notes), never fatal.
     *
     * @param dir the journal's directory (no journal files: an empty index)
     * @param recentLimit how many decided gates to keep
     * @throws IOException when a journal file cannot be read
     */
    public static Rebuilt rebuild(Path dir, int recentLimit) throws IOException {
        OpenGates gates = new OpenGates(recentLimit);
        long[] last = {0};
        JournalReplay replay = JournalReplay.forEach(dir, record -> {
            gates.accept(record);
            last[0] = Math.max(last[0], record.seq());
        });
        gates.documentation.clear(); // checks whose gate never opened (refused pages) are of no use once replayed
        return new Rebuilt(gates, replay, last[0]);
    }

    /** A journal record, as {@link #accept(AuditEventType, Map, Instant)} with its type, fields and time. */
    public void accept(JournalRecord record) {
        accept(record.type(), record.fields(), record.time());
    }

    /**
     * Follows one event: call it with each event right after the journal appended it (the same type and fields).
     * Events of other gates, of unknown gates and of other kinds are ignored; a malformed one changes nothing.
     *
     * @param type the event's type
     * @param fields the event's fields ({@code AuditEvent.fields()})
     * @param time when it happened
     */
    public void accept(AuditEventType type, Map<String, ?> fields, Instant time) {
        Optional<GateKey> key = key(fields);
        if (key.isEmpty()) {
            return;
        }
        GateKey k = key.get();
        switch (type) {
            case DOCUMENTATION_CHECKED:
                String url = text(fields, "url");
                if (url != null && documentation.size() < MAX_UNCLAIMED_DOCUMENTATION) {
                    documentation.put(k, url);
                }
                break;
            case GATE_REQUESTED:
                requested(k, fields, time).ifPresent(g -> open.put(k, g));
                break;
            case APPROVAL_ACCEPTED:
                String user = text(fields, "user");
                if (user != null) {
                    open.computeIfPresent(k, (x, g) -> g.toBuilder()
                            .approval(new PendingGate.Vote(user, text(fields, "group"), time)).build());
                }
                break;
            case HELD:
                open.computeIfPresent(k, (x, g) -> g.toBuilder().heldBecause(Optional.ofNullable(
                        text(fields, "reason")).orElse("held")).build());
                break;
            case RELEASED:
                open.computeIfPresent(k, (x, g) -> g.toBuilder().heldBecause(null).build());
                break;
            case DECIDED:
                documentation.remove(k);
                PendingGate gone = open.remove(k);
                if (gone != null) {
                    remember(new DecidedGate(gone, Optional.ofNullable(text(fields, "outcome")).orElse("DECIDED"),
                            time, strings(fields.get("approvers"))));
                }
                break;
            default:
                break;
        }
    }

    private Optional<PendingGate> requested(GateKey k, Map<String, ?> fields, Instant time) {
        String system = text(fields, "system");
        String changeId = text(fields, "changeId");
        if (system == null || changeId == null) {
            return Optional.empty();
        }
        Object needed = fields.get(GateRequestRecord.APPROVALS_NEEDED);
        return Optional.of(PendingGate.builder(k.job(), k.build(), system, changeId, time)
                .deadline(instant(text(fields, GateRequestRecord.DEADLINE)))
                .startedBy(text(fields, "user"))
                .upstreamStarters(strings(fields.get(GateRequestRecord.UPSTREAM_STARTERS)))
                .commitAuthors(strings(fields.get(GateRequestRecord.COMMIT_AUTHORS)))
                .approvalsNeeded(needed instanceof Number ? ((Number) needed).intValue() : 0)
                .requirement(text(fields, GateRequestRecord.REQUIREMENT))
                .documentationUrl(documentation.remove(k))
                .build());
    }

    /**
     * Adds or replaces a gate: for a running build whose gate the journal does not know (no journal configured, or a
     * journal that lost its tail).
     */
    public void put(PendingGate gate) {
        open.put(gate.key(), gate);
    }

    /**
     * Keeps only the gates for which {@code running} holds: after a rebuild, the journal's gates whose builds no
     * longer run (the controller died before it journaled their decision) are not waiting for anyone.
     *
     * @return how many were dropped
     */
    public int retainOnly(Predicate<GateKey> running) {
        List<GateKey> stale = new ArrayList<>();
        for (GateKey k : open.keySet()) {
            if (!running.test(k)) {
                stale.add(k);
            }
        }
        stale.forEach(open::remove);
        return stale.size();
    }

    /** The gate of a build, if it is open. */
    public Optional<PendingGate> get(GateKey key) {
        return Optional.ofNullable(open.get(key));
    }

    /** The open gates, oldest request first: a snapshot. */
    public List<PendingGate> open() {
        List<PendingGate> all = new ArrayList<>(open.values());
        all.sort(Comparator.comparing(PendingGate::requestedAt).thenComparing(PendingGate::job)
                .thenComparingLong(PendingGate::build));
        return all;
    }

    public int size() {
        return open.size();
    }

    /** The gates decided last, most recent first: a snapshot of at most the configured number. */
    public List<DecidedGate> recentlyDecided() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    private void remember(DecidedGate decided) {
        if (recentLimit == 0) {
            return;
        }
        synchronized (recent) {
            recent.addFirst(decided);
            while (recent.size() > recentLimit) {
                recent.removeLast();
            }
        }
    }

    private static Optional<GateKey> key(Map<String, ?> fields) {
        String job = text(fields, "job");
        Object build = fields.get("build");
        return job == null || !(build instanceof Number) ? Optional.empty()
                : Optional.of(new GateKey(job, ((Number) build).longValue()));
    }

    @CheckForNull
    private static String text(Map<String, ?> fields, String name) {
        Object value = fields.get(name);
        return value instanceof String ? (String) value : null;
    }

    private static List<String> strings(@CheckForNull Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection) {
            for (Object o : (Collection<?>) value) {
                if (o instanceof String) {
                    out.add((String) o);
                }
            }
        }
        return out;
    }

    @CheckForNull
    private static Instant instant(@CheckForNull String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // an unreadable deadline shows as unknown; the gate itself decides on its own clock
        }
    }

    /** An index rebuilt from a journal, with what the replay skipped. */
    public static final class Rebuilt {
        private final OpenGates gates;
        private final JournalReplay replay;
        private final long lastSeq;

        Rebuilt(OpenGates gates, JournalReplay replay, long lastSeq) {
            this.gates = gates;
            this.replay = replay;
            this.lastSeq = lastSeq;
        }

        /**
         * The highest sequence number replayed (0 for an empty journal): records appended while the rebuild ran and
         * numbered above it are applied afterwards, those at or below it were replayed already.
         */
        public long lastSeq() {
            return lastSeq;
        }

        @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "the rebuilt index is handed over to be used:"
                + " it is thread-safe and meant to be shared")
        public OpenGates gates() {
            return gates;
        }

        /** How many records were replayed. */
        public long records() {
            return replay.records();
        }

        /** The lines skipped (a torn tail, a line that is not a record), each naming its file and line. */
        public List<String> notes() {
            return replay.notes();
        }
    }

    @Override
    public String toString() {
        return "OpenGates[" + open.size() + " open]";
    }
}
