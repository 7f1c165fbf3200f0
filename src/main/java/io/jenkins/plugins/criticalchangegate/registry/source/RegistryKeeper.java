package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryProblem;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the registry in use: the newest one that loaded and validated (issue 7, "last known good and fail-closed").
 *
 * <p>A source that fails to load, or serves something that does not validate, never replaces a good registry: the
 * failure is recorded (message, since when) and logged, and the good one stays in use. Every registry that loads is
 * saved to the {@link LastKnownGoodStore}, so that {@link #restore()} has it after a restart. When no good registry
 * exists at all, {@link #current()} throws: every gate fails closed, and {@code unknownSystems} never applies.
 *
 * <p>Thread-safe. The state is one immutable snapshot in a volatile field: {@link #current()} and
 * {@link #status()} read it without locking and never touch the network or the disk, so a gate is never held up by
 * a slow refresh and never sees a half-updated state. Refreshes run one at a time; changing the source or the
 * options does not wait for a refresh in progress, whose result is then discarded.
 */
public final class RegistryKeeper {
    private static final Logger LOGGER = Logger.getLogger(RegistryKeeper.class.getName());

    private final LastKnownGoodStore store;
    private final Clock clock;
    /** One refresh at a time: two would race to save the store. */
    private final ReentrantLock refreshing = new ReentrantLock();
    /** Guards every write of {@link #state}; reads need no lock. */
    private final Object lock = new Object();
    private volatile State state;

    /** Everything the keeper knows, replaced as a whole. */
    private static final class State {
        final RegistrySource source;
        final ParseOptions options;
        @CheckForNull
        final LoadedRegistry current;
        /** What the source said about {@link #current} when it was last fetched from it; null: fetch it all. */
        @CheckForNull
        final Fetched.Validators validators;
        /** Whether {@link #current} is the copy in the store. */
        final boolean stored;
        @CheckForNull
        final Instant lastChecked;
        @CheckForNull
        final RegistryStatus.Failure failure;

        State(RegistrySource source, ParseOptions options, @CheckForNull LoadedRegistry current,
                @CheckForNull Fetched.Validators validators, boolean stored, @CheckForNull Instant lastChecked,
                @CheckForNull RegistryStatus.Failure failure) {
            this.source = source;
            this.options = options;
            this.current = current;
            this.validators = validators;
            this.stored = stored;
            this.lastChecked = lastChecked;
            this.failure = failure;
        }
    }

    /**
     * @param source where the registry comes from
     * @param store where the last good one is kept for restarts
     * @param options the administrator's parse options
     * @param clock for load times, check times and failure ages
     */
    public RegistryKeeper(RegistrySource source, LastKnownGoodStore store, ParseOptions options, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.state = new State(source, options, null, null, false, null, null);
    }

    /**
     * Loads the last good registry from the store (at startup), validated with the current options. A store whose
     * copy is damaged, altered or no longer valid is recorded as a failure and leaves no registry in use (fail
     * closed); nothing is thrown. A registry already loaded by a refresh is never replaced by the stored one.
     */
    public void restore() {
        Optional<LoadedRegistry> stored;
        ParseOptions options = state.options;
        try {
            stored = store.load(options);
        } catch (SourceException e) {
            synchronized (lock) {
                State s = state;
                if (s.current == null) {
                    state = new State(s.source, s.options, null, s.validators, false, s.lastChecked,
                            failure(s, e.getMessage()));
                }
            }
            LOGGER.log(Level.WARNING, "registry of critical systems: " + e.getMessage() + "; "
                    + stillUsing(state.current));
            return;
        } catch (RuntimeException e) {
            // fail closed on anything unexpected too, but never break Jenkins' startup
            LOGGER.log(Level.WARNING, "registry of critical systems: the last known good copy in " + store.file()
                    + " cannot be restored", e);
            synchronized (lock) {
                State s = state;
                state = new State(s.source, s.options, s.current, s.validators, s.stored, s.lastChecked,
                        failure(s, "the last known good registry " + store.file() + " cannot be restored: " + e));
            }
            return;
        }
        if (stored.isEmpty()) {
            LOGGER.log(Level.FINE, "no last known good registry in {0}", store.file());
            return;
        }
        synchronized (lock) {
            State s = state;
            if (s.current == null && s.options.equals(options)) {
                state = new State(s.source, s.options, stored.get(), null, true, s.lastChecked, s.failure);
                LOGGER.log(Level.INFO, "registry of critical systems: restored the last known good registry {0}",
                        stored.get().version());
            }
        }
    }

    /**
     * Fetches and validates the registry now. On success it is in use and saved to the store; on failure the
     * registry in use stays, and the failure is recorded and logged.
     *
     * @throws InterruptedException if interrupted while waiting for the source or for another refresh
     */
    public RefreshResult refresh() throws InterruptedException {
        refreshing.lockInterruptibly();
        try {
            return refreshNow();
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * Refreshes when {@code interval} has passed since the source was last checked (or it never was): what a periodic
     * schedule calls, each source with its own interval.
     *
     * @return what the refresh did, or empty when it was not due
     * @throws InterruptedException if interrupted while waiting for the source or for another refresh
     */
    public Optional<RefreshResult> refreshIfDue(Duration interval) throws InterruptedException {
        Instant last = state.lastChecked;
        if (last != null && clock.instant().isBefore(last.plus(interval))) {
            return Optional.empty();
        }
        return Optional.of(refresh());
    }

    private RefreshResult refreshNow() throws InterruptedException {
        State start = state;
        RegistrySource source = start.source;
        String name = source.describe();
        Fetched fetched;
        try {
            fetched = source.fetch(start.validators);
        } catch (SourceException e) {
            return failed(start, e.getMessage(), List.of(e.getMessage()));
        } catch (RuntimeException e) {
            // a defect in a source must not stop the schedule nor leave the state undefined: it is a failure
            LOGGER.log(Level.WARNING, "registry source " + name + " failed unexpectedly", e);
            String message = name + ": failed unexpectedly: " + e;
            return failed(start, message, List.of(message));
        }
        LoadedRegistry parsed = null;
        if (!fetched.isUnchanged()) {
            byte[] bytes = fetched.bytes();
            LoadedRegistry current = start.current;
            String sha = LoadedRegistry.sha256(bytes);
            Instant loadedAt = current != null && current.sha256().equals(sha) ? current.loadedAt() : clock.instant();
            try {
                // the same bytes from the same source were validated with these options already (setOptions
                // validates again): an inline registry is not parsed again at every refresh
                parsed = current != null && current.sha256().equals(sha) && current.source().equals(name) ? current
                        : LoadedRegistry.parse(bytes, sha, name, loadedAt, start.options);
            } catch (RegistryException e) {
                List<String> problems = new ArrayList<>();
                for (RegistryProblem p : e.problems()) {
                    problems.add(p.toString());
                }
                return failed(start, name + ": not a valid registry (" + problems.size()
                        + (problems.size() == 1 ? " problem): " : " problems): ")
                        + LastKnownGoodStore.summary(e.problems()), problems);
            }
        }
        RefreshResult result;
        boolean recovered = false;
        LoadedRegistry toStore = null;
        synchronized (lock) {
            State s = state;
            if (superseded(start, s)) {
                return superseded(s);
            }
            Instant now = clock.instant();
            if (parsed == null) {
                if (s.current == null) {
                    // not reachable: validators are only kept with a registry in use; fail closed all the same
                    state = new State(s.source, s.options, null, null, false, now, s.failure);
                    return failed(state, name + ": reported unchanged, but no registry is in use; it is fetched"
                            + " again at the next refresh", List.of());
                }
                state = new State(s.source, s.options, s.current, fetched.validators(), s.stored, now, null);
                if (!s.stored) {
                    toStore = s.current; // an earlier save failed: try again
                }
                result = new RefreshResult(RefreshResult.Kind.UNCHANGED, s.current, List.of(),
                        name + ": unchanged; in use: " + s.current.version());
            } else {
                LoadedRegistry current = s.current;
                boolean same = current != null && current.sha256().equals(parsed.sha256());
                if (same && !parsed.loadedAt().equals(current.loadedAt())) {
                    parsed = parsed.withLoadedAt(current.loadedAt());
                }
                boolean stored = same && s.stored && current.source().equals(parsed.source());
                state = new State(s.source, s.options, parsed, fetched.validators(), stored, now, null);
                if (!stored) {
                    toStore = parsed;
                }
                result = same
                        ? new RefreshResult(RefreshResult.Kind.UNCHANGED, parsed, List.of(),
                                name + ": same content (sha256:" + parsed.sha256().substring(0, 12) + "); in use: "
                                        + parsed.version())
                        : new RefreshResult(RefreshResult.Kind.LOADED, parsed, List.of(),
                                name + ": loaded " + parsed.registry().size() + " systems; in use: "
                                        + parsed.version());
            }
            if (s.failure != null) {
                recovered = true;
                LOGGER.log(Level.INFO, "registry of critical systems from {0}: recovered after failing since {1};"
                        + " {2}", new Object[] {name, s.failure.since().truncatedTo(ChronoUnit.SECONDS),
                                result.summary()});
            }
        }
        if (toStore != null) {
            RefreshResult saved = save(start, toStore, result);
            if (saved != null) {
                return saved;
            }
        }
        if (result.kind() == RefreshResult.Kind.LOADED && !recovered) {
            // a recovery said it all above: one line per event in the system log
            LOGGER.log(Level.INFO, "registry of critical systems: {0}", result.summary());
        }
        return result;
    }

    /** Saves a newly loaded registry; a registry that cannot be kept stays in use, but is reported: null if saved. */
    @CheckForNull
    private RefreshResult save(State start, LoadedRegistry loaded, RefreshResult result) {
        try {
            store.save(loaded);
        } catch (IOException | RuntimeException e) {
            String message = loaded.source() + ": loaded, but cannot be kept in " + store.file()
                    + " for a restart: " + e.getMessage();
            synchronized (lock) {
                State s = state;
                if (s.current == loaded) {
                    state = new State(s.source, s.options, s.current, s.validators, false, s.lastChecked,
                            failure(s, message));
                }
            }
            LOGGER.log(Level.WARNING, "registry of critical systems: " + message, e);
            return new RefreshResult(result.kind(), loaded, List.of(message), result.summary() + "; " + message);
        }
        synchronized (lock) {
            State s = state;
            if (s.current == loaded) {
                state = new State(s.source, s.options, s.current, s.validators, true, s.lastChecked, s.failure);
            }
        }
        return null;
    }

    private static boolean superseded(State start, State now) {
        return now.source != start.source || !now.options.equals(start.options);
    }

    private static RefreshResult superseded(State now) {
        String message = "the registry source or its options changed during this refresh; its result was discarded"
                + " and the next refresh uses the new configuration";
        return new RefreshResult(RefreshResult.Kind.FAILED, now.current, List.of(message), message);
    }

    /** Records a failure; the registry in use (if any) stays. */
    private RefreshResult failed(State start, String message, List<String> problems) {
        State s;
        boolean repeated;
        synchronized (lock) {
            s = state;
            if (superseded(start, s)) {
                return superseded(s);
            }
            repeated = s.failure != null && s.failure.message().equals(message);
            state = new State(s.source, s.options, s.current, s.validators, s.stored, clock.instant(),
                    failure(s, message));
        }
        // the same failure at every scheduled refresh is logged once at WARNING, then quietly
        LOGGER.log(repeated ? Level.FINE : Level.WARNING, "registry of critical systems from " + s.source.describe()
                + ": " + withoutPrefix(message, s.source.describe()) + "; " + stillUsing(s.current));
        return new RefreshResult(RefreshResult.Kind.FAILED, s.current, problems.isEmpty() ? List.of(message) : problems,
                message + "; " + stillUsing(s.current));
    }

    private RegistryStatus.Failure failure(State s, String message) {
        Instant now = clock.instant();
        return new RegistryStatus.Failure(message, s.failure == null ? now : s.failure.since(), now);
    }

    private static String withoutPrefix(String message, String name) {
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    private static String stillUsing(@CheckForNull LoadedRegistry current) {
        return current == null ? "no registry is in use: every criticalChangeGate fails closed"
                : "still using " + current.version();
    }

    /**
     * Replaces the source (the administrator changed the configuration); the registry in use stays until the new
     * one loads.
     */
    public void setSource(RegistrySource source) {
        synchronized (lock) {
            State s = state;
            state = new State(source, s.options, s.current, null, s.stored, s.lastChecked, s.failure);
        }
    }

    /**
     * Replaces the parse options. The registry in use is validated again at once: if it breaks the new options
     * (e.g. a lowered maximum approval timeout), it is no longer used, since it now asks for what this Jenkins
     * refuses: gates fail closed until a registry valid under the new options loads, as they would after a restart.
     */
    public void setOptions(ParseOptions options) {
        String dropped = null;
        synchronized (lock) {
            State s = state;
            if (s.options.equals(options)) {
                return;
            }
            LoadedRegistry current = s.current;
            if (current == null) {
                state = new State(s.source, options, null, null, false, s.lastChecked, s.failure);
                return;
            }
            try {
                state = new State(s.source, options, current.reparse(options), s.validators, s.stored,
                        s.lastChecked, s.failure);
            } catch (RegistryException e) {
                dropped = current.version();
                String message = "the registry in use (" + dropped + ") is not valid under the new settings: "
                        + LastKnownGoodStore.summary(e.problems());
                state = new State(s.source, options, null, null, false, s.lastChecked, failure(s, message));
            }
        }
        if (dropped != null) {
            LOGGER.log(Level.WARNING, "registry of critical systems: " + state.failure + "; "
                    + stillUsing(null));
        }
    }

    /**
     * The registry to decide with. Never touches the network or the disk.
     *
     * @throws RegistryUnavailableException when no good registry was ever loaded (or the one there was is not valid
     *     under the current options): the message says so, names the source and the last failure and its age
     */
    public LoadedRegistry current() throws RegistryUnavailableException {
        State s = state;
        LoadedRegistry current = s.current;
        if (current != null) {
            return current;
        }
        Instant now = clock.instant();
        String why = s.failure != null
                ? " Last failure (" + RegistryStatus.age(s.failure.at(), now) + " ago, failing for "
                        + RegistryStatus.age(s.failure.since(), now) + "): " + sentence(s.failure.message())
                : s.lastChecked == null ? " The source has not been read yet." : "";
        throw new RegistryUnavailableException("no registry of critical systems has been loaded from "
                + s.source.describe() + ", so this gate fails closed (unknownSystems does not apply without a"
                + " registry)." + why + " An administrator can check the registry in Manage Jenkins > System >"
                + " Critical change gate.");
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }

    /** A snapshot for the administrator. */
    public RegistryStatus status() {
        State s = state;
        return new RegistryStatus(s.current, s.lastChecked, s.failure, s.source.describe());
    }

    @Override
    public String toString() {
        return "RegistryKeeper[" + status() + "]";
    }
}
