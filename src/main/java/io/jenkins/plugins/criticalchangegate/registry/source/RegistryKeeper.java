package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private volatile KeeperState state;

    /**
     * @param source where the registry comes from
     * @param store where the last good one is kept for restarts
     * @param options the administrator's parse options
     * @param clock for load times, check times and failure ages
     */
    public RegistryKeeper(RegistrySource source, LastKnownGoodStore store, ParseOptions options, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.state = KeeperState.initial(source, options);
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
                KeeperState s = state;
                if (s.current == null) {
                    state = s.withFailure(failure(s, e.getMessage()));
                }
            }
            LOGGER.log(Level.WARNING, "registry of critical systems: " + e.getMessage() + "; "
                    + KeeperMessages.stillUsing(state.current));
            return;
        } catch (RuntimeException e) {
            // fail closed on anything unexpected too, but never break Jenkins' startup
            LOGGER.log(Level.WARNING, "registry of critical systems: the last known good copy in " + store.file()
                    + " cannot be restored", e);
            synchronized (lock) {
                KeeperState s = state;
                state = s.withFailure(failure(s, "the last known good registry " + store.file()
                        + " cannot be restored: " + e));
            }
            return;
        }
        if (stored.isEmpty()) {
            LOGGER.log(Level.FINE, "no last known good registry in {0}", store.file());
            return;
        }
        synchronized (lock) {
            KeeperState s = state;
            if (s.current == null && s.options.equals(options)) {
                state = s.restored(stored.get());
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
     * Refreshes when {@code interval} has passed since the source was last checked, or it never was, or it is due at
     * once (a new source; options changed after a failure): what a periodic schedule calls, each source with its own
     * interval. Two callers at once make one refresh: the second finds it no longer due.
     *
     * @return what the refresh did, or empty when it was not due
     * @throws InterruptedException if interrupted while waiting for the source or for another refresh
     */
    public Optional<RefreshResult> refreshIfDue(Duration interval) throws InterruptedException {
        refreshing.lockInterruptibly();
        try {
            KeeperState s = state;
            Instant last = s.lastChecked;
            if (!s.due && last != null && clock.instant().isBefore(last.plus(interval))) {
                return Optional.empty();
            }
            return Optional.of(refreshNow());
        } finally {
            refreshing.unlock();
        }
    }

    private RefreshResult refreshNow() throws InterruptedException {
        KeeperState start = state;
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
                return failed(start, KeeperMessages.invalid(name, e), KeeperMessages.problems(e));
            }
        }
        RefreshResult result;
        boolean recovered = false;
        LoadedRegistry toStore = null;
        synchronized (lock) {
            KeeperState s = state;
            if (superseded(start, s)) {
                return superseded(s);
            }
            Instant now = clock.instant();
            if (parsed == null) {
                if (s.current == null) {
                    // not reachable: validators are only kept with a registry in use; fail closed all the same
                    return failed(start, name + ": reported unchanged, but no registry is in use; it is fetched"
                            + " again at the next refresh", List.of());
                }
                state = s.loaded(s.current, fetched.validators(), s.stored, now);
                if (!s.stored) {
                    toStore = s.current; // an earlier save failed: try again
                }
                result = RefreshResult.unchanged(name + ": unchanged", s.current);
            } else {
                LoadedRegistry current = s.current;
                boolean same = current != null && current.sha256().equals(parsed.sha256());
                if (same && !parsed.loadedAt().equals(current.loadedAt())) {
                    parsed = parsed.withLoadedAt(current.loadedAt());
                }
                boolean stored = same && s.stored && current.source().equals(parsed.source());
                state = s.loaded(parsed, fetched.validators(), stored, now);
                if (!stored) {
                    toStore = parsed;
                }
                result = same
                        ? RefreshResult.unchanged(name + ": same content (sha256:" + parsed.sha256().substring(0, 12)
                                + ")", parsed)
                        : RefreshResult.loaded(name + ": loaded " + Counted.of(parsed.registry().size(), "system"), parsed);
            }
            if (s.failure != null) {
                recovered = true;
                LOGGER.log(Level.INFO, "registry of critical systems from {0}: recovered after failing since {1};"
                        + " {2}", new Object[] {name, s.failure.since().truncatedTo(ChronoUnit.SECONDS),
                                result.summary()});
            }
        }
        if (toStore != null) {
            RefreshResult saved = save(toStore, result);
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
    private RefreshResult save(LoadedRegistry loaded, RefreshResult result) {
        try {
            store.save(loaded);
        } catch (IOException | RuntimeException e) {
            String message = loaded.source() + ": loaded, but cannot be kept in " + store.file()
                    + " for a restart: " + e.getMessage();
            synchronized (lock) {
                KeeperState s = state;
                if (s.current == loaded) {
                    state = s.unsaved(failure(s, message));
                }
            }
            LOGGER.log(Level.WARNING, "registry of critical systems: " + message, e);
            return new RefreshResult(result.kind(), loaded, List.of(message), result.summary() + "; " + message);
        }
        synchronized (lock) {
            KeeperState s = state;
            if (s.current == loaded) {
                state = s.saved();
            }
        }
        return null;
    }

    private static boolean superseded(KeeperState start, KeeperState now) {
        return now.source != start.source || !now.options.equals(start.options);
    }

    private static RefreshResult superseded(KeeperState now) {
        String message = KeeperMessages.superseded();
        return new RefreshResult(RefreshResult.Kind.FAILED, now.current, List.of(message), message);
    }

    /** Records a failure; the registry in use (if any) stays. */
    private RefreshResult failed(KeeperState start, String message, List<String> problems) {
        KeeperState s;
        boolean repeated;
        synchronized (lock) {
            s = state;
            if (superseded(start, s)) {
                return superseded(s);
            }
            repeated = s.failure != null && s.failure.message().equals(message);
            state = s.failed(failure(s, message), clock.instant());
        }
        // the same failure at every scheduled refresh is logged once at WARNING, then quietly
        String name = s.source.describe();
        LOGGER.log(repeated ? Level.FINE : Level.WARNING, "registry of critical systems from " + name + ": "
                + KeeperMessages.withoutPrefix(message, name) + "; " + KeeperMessages.stillUsing(s.current));
        return new RefreshResult(RefreshResult.Kind.FAILED, s.current, problems.isEmpty() ? List.of(message) : problems,
                message + "; " + KeeperMessages.stillUsing(s.current));
    }

    private RegistryStatus.Failure failure(KeeperState s, String message) {
        return RegistryStatus.Failure.next(s.failure, message, clock.instant());
    }

    /**
     * Replaces the source (the administrator changed the configuration); the registry in use stays until the new
     * one loads. The new source is due at once: {@link #refreshIfDue} reads it at its next call.
     */
    public void setSource(RegistrySource source) {
        synchronized (lock) {
            state = state.withSource(source);
        }
    }

    /**
     * Replaces the parse options. The registry in use is validated again at once: if it breaks the new options
     * (e.g. a lowered maximum approval timeout), it is no longer used, since it now asks for what this Jenkins
     * refuses: gates fail closed until a registry valid under the new options loads, as they would after a restart.
     *
     * <p>When the last load had failed (what the source served was refused, or the registry in use was dropped by
     * earlier options), the source is due at once: what was refused under the old options may be valid under the new
     * ones. Jenkins sets the source before the options when both change in one save (the form's order, and JCasC's),
     * so a registry that needs a raised maximum is first refused; an inline source, which nothing else reads again,
     * would otherwise never load. A registry dropped by this very change was valid under the old options only:
     * reading its source again would only refuse it once more.
     *
     * @return whether the options changed and the source is now due: the caller should have it read soon
     *     ({@link #refreshIfDue}), where reading it is cheap at once, else in the background
     */
    public boolean setOptions(ParseOptions options) {
        String dropped = null;
        KeeperState changed;
        synchronized (lock) {
            KeeperState s = state;
            if (s.options.equals(options)) {
                return false;
            }
            LoadedRegistry current = s.current;
            LoadedRegistry revalidated = null;
            RegistryStatus.Failure failure = s.failure;
            if (current != null) {
                try {
                    revalidated = current.reparse(options);
                } catch (RegistryException e) {
                    dropped = KeeperMessages.dropped(current, e);
                    failure = failure(s, dropped);
                }
            }
            changed = s.withOptions(options, revalidated, failure, s.failure != null);
            state = changed;
        }
        if (dropped != null) {
            LOGGER.log(Level.WARNING, "registry of critical systems: " + changed.failure + "; "
                    + KeeperMessages.stillUsing(null));
        }
        return changed.due;
    }

    /**
     * The registry to decide with. Never touches the network or the disk.
     *
     * @throws RegistryUnavailableException when no good registry was ever loaded (or the one there was is not valid
     *     under the current options): the message says so, names the source and the last failure and its age
     */
    public LoadedRegistry current() throws RegistryUnavailableException {
        KeeperState s = state;
        LoadedRegistry current = s.current;
        if (current != null) {
            return current;
        }
        throw new RegistryUnavailableException(KeeperMessages.unavailable(s, clock.instant()));
    }

    /** A snapshot for the administrator. */
    public RegistryStatus status() {
        KeeperState s = state;
        return new RegistryStatus(s.current, s.lastChecked, s.failure, s.source.describe());
    }

    @Override
    public String toString() {
        return "RegistryKeeper[" + status() + "]";
    }
}
