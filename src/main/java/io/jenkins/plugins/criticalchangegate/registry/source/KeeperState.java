package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;

/**
 * Everything a {@link RegistryKeeper} knows, replaced as a whole: each change makes a new state, so a reader of the
 * keeper's volatile field never sees half of one. Immutable; the methods are named after what happened.
 */
final class KeeperState {
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
    /**
     * Whether the source must be read at the next chance, whatever its interval: it is new, or what it served was
     * refused under options that have changed since.
     */
    final boolean due;

    private KeeperState(RegistrySource source, ParseOptions options, @CheckForNull LoadedRegistry current,
            @CheckForNull Fetched.Validators validators, boolean stored, @CheckForNull Instant lastChecked,
            @CheckForNull RegistryStatus.Failure failure, boolean due) {
        this.source = source;
        this.options = options;
        this.current = current;
        this.validators = validators;
        this.stored = stored;
        this.lastChecked = lastChecked;
        this.failure = failure;
        this.due = due;
    }

    /** A keeper that has read nothing yet. */
    static KeeperState initial(RegistrySource source, ParseOptions options) {
        return new KeeperState(source, options, null, null, false, null, null, false);
    }

    /** The store's copy is in use; the source has still to say whether it changed, so it is fetched in full. */
    KeeperState restored(LoadedRegistry stored) {
        return new KeeperState(source, options, stored, null, true, lastChecked, failure, due);
    }

    /** The source was read at {@code checked} and served {@code loaded}, now in use; any failure is over. */
    KeeperState loaded(LoadedRegistry loaded, Fetched.Validators fetched, boolean inStore, Instant checked) {
        return new KeeperState(source, options, loaded, fetched, inStore, checked, null, false);
    }

    /** The source was read at {@code checked} and failed; the registry in use (if any) stays. */
    KeeperState failed(RegistryStatus.Failure latest, Instant checked) {
        return new KeeperState(source, options, current, validators, stored, checked, latest, false);
    }

    /** A failure that was no read of the source (the store); nothing else changes. */
    KeeperState withFailure(RegistryStatus.Failure latest) {
        return new KeeperState(source, options, current, validators, stored, lastChecked, latest, due);
    }

    /** The registry in use is now the store's copy. */
    KeeperState saved() {
        return new KeeperState(source, options, current, validators, true, lastChecked, failure, due);
    }

    /** The registry in use could not be written to the store: it stays in use, and the next refresh tries again. */
    KeeperState unsaved(RegistryStatus.Failure latest) {
        return new KeeperState(source, options, current, validators, false, lastChecked, latest, due);
    }

    /** Another source: the registry in use stays until it loads, and the new one is read at the next chance. */
    KeeperState withSource(RegistrySource replacement) {
        return new KeeperState(replacement, options, current, null, stored, lastChecked, failure, true);
    }

    /**
     * Other options, with the registry in use validated under them: {@code revalidated}, or null when it is not valid
     * under them (or there was none). {@code readAgain}: the source is due at once.
     */
    KeeperState withOptions(ParseOptions replacement, @CheckForNull LoadedRegistry revalidated,
            @CheckForNull RegistryStatus.Failure latest, boolean readAgain) {
        return revalidated == null
                ? new KeeperState(source, replacement, null, null, false, lastChecked, latest, due || readAgain)
                : new KeeperState(source, replacement, revalidated, validators, stored, lastChecked, latest,
                        due || readAgain);
    }
}
