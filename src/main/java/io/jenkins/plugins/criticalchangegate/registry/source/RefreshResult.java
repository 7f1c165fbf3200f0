package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Optional;

/** What one {@link RegistryKeeper#refresh()} did. Immutable. */
public final class RefreshResult {
    /** The outcome. */
    public enum Kind {
        /** New content loaded and validated: it is now in use. */
        LOADED,
        /** The source serves what is already in use (known unchanged, or the same SHA-256). */
        UNCHANGED,
        /** Nothing new is in use: the source failed, or its content is not a valid registry. */
        FAILED
    }

    private final Kind kind;
    @CheckForNull
    private final LoadedRegistry loaded;
    private final List<String> problems;
    private final String summary;

    RefreshResult(Kind kind, @CheckForNull LoadedRegistry loaded, List<String> problems, String summary) {
        this.kind = kind;
        this.loaded = loaded;
        this.problems = List.copyOf(problems);
        this.summary = summary;
    }

    /** The source served what is in use; {@code what} says how it knew, the summary adds which registry that is. */
    static RefreshResult unchanged(String what, LoadedRegistry inUse) {
        return new RefreshResult(Kind.UNCHANGED, inUse, List.of(), what + "; in use: " + inUse.version());
    }

    /** New content is in use; {@code what} says what loaded, the summary adds its version. */
    static RefreshResult loaded(String what, LoadedRegistry loaded) {
        return new RefreshResult(Kind.LOADED, loaded, List.of(), what + "; in use: " + loaded.version());
    }

    public Kind kind() {
        return kind;
    }

    /** The registry in use after this refresh; empty when there is none (nothing good was ever loaded). */
    public Optional<LoadedRegistry> loaded() {
        return Optional.ofNullable(loaded);
    }

    /**
     * What went wrong, one entry per problem: the source's failure, or each registry problem as
     * {@code SOURCE:LINE:COLUMN: message}. Empty unless {@link Kind#FAILED} (or a registry loaded but not kept on
     * disk).
     */
    public List<String> problems() {
        return problems;
    }

    /** One line for the administrator. */
    public String summary() {
        return summary;
    }

    @Override
    public String toString() {
        return kind + ": " + summary;
    }
}
