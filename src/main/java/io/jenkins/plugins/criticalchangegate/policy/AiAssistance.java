package io.jenkins.plugins.criticalchangegate.policy;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.TrailerPattern;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a change was held to its system's stricter rule for AI-assisted changes: a trailer of one of its commits
 * matched one of the rule's patterns (the first such commit and trailer), or the pipeline declared the change
 * AI-assisted, or both. Kept with the gate's request, so the trail, the build's record and the journal say why.
 * An immutable value.
 */
public final class AiAssistance implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A trailer's value comes from a commit's author: cut, so that the trail stays small. */
    static final int MAX_TRAILER_LENGTH = 300;

    /** What made the change AI-assisted. */
    public enum Reason {
        /** The pipeline said so; no trailer matched. */
        DECLARED,
        /** A trailer of a commit matched (the pipeline may have said so too: {@link #declared()}). */
        TRAILER;

        /** As the tool's JSON and the journal write it: {@code declared}, {@code trailer}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final boolean declared;
    @CheckForNull
    private final String commit;
    @CheckForNull
    private final String trailer;
    @CheckForNull
    private final String pattern;

    private AiAssistance(Reason reason, boolean declared, @CheckForNull String commit, @CheckForNull String trailer,
            @CheckForNull String pattern) {
        this.reason = reason;
        this.declared = declared;
        this.commit = commit;
        this.trailer = trailer;
        this.pattern = pattern;
    }

    /** The pipeline declared the change AI-assisted, and no trailer says so. */
    public static AiAssistance byDeclaration() {
        return new AiAssistance(Reason.DECLARED, true, null, null, null);
    }

    /**
     * A trailer of a commit matched a pattern.
     *
     * @param commit the commit
     * @param trailer its trailer that matched
     * @param pattern the pattern it matched
     * @param declared whether the pipeline declared the change AI-assisted as well
     */
    public static AiAssistance byTrailer(CommitMessage commit, Trailer trailer, TrailerPattern pattern,
            boolean declared) {
        return new AiAssistance(Reason.TRAILER, declared, commit.id(), printable(trailer.toString()),
                pattern.name().map(name -> name + " (built-in)").orElse(pattern.toString()));
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the pipeline declared the change AI-assisted (whatever the trailers say). */
    public boolean declared() {
        return declared;
    }

    /** The id of the commit whose trailer matched. */
    public Optional<String> commit() {
        return Optional.ofNullable(commit);
    }

    /**
     * The trailer that matched, {@code Key: value} (control characters written as {@code \}{@code uXXXX}, cut at
     * {@value #MAX_TRAILER_LENGTH} characters).
     */
    public Optional<String> trailer() {
        return Optional.ofNullable(trailer);
    }

    /** The pattern it matched: a built-in one by its name ({@code Claude (built-in)}), a registry's own as written. */
    public Optional<String> pattern() {
        return Optional.ofNullable(pattern);
    }

    /** Why, in a sentence for the trail and the build log. */
    public String describe() {
        String why = reason == Reason.DECLARED ? "the pipeline declared the change AI-assisted"
                : "commit " + commit + " has the trailer '" + trailer + "', which matches " + pattern
                        + (declared ? ", and the pipeline declared the change AI-assisted" : "");
        return "the stricter rule for AI-assisted changes applies: " + why;
    }

    private static String printable(String text) {
        // bounded after escaping: the journal keeps this value, and its length is what must stay bounded
        String escaped = ControlCharacters.escape(text);
        return escaped.length() <= MAX_TRAILER_LENGTH ? escaped
                : escaped.substring(0, MAX_TRAILER_LENGTH - 3) + "...";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AiAssistance)) {
            return false;
        }
        AiAssistance that = (AiAssistance) o;
        return reason == that.reason && declared == that.declared && Objects.equals(commit, that.commit)
                && Objects.equals(trailer, that.trailer) && Objects.equals(pattern, that.pattern);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, declared, commit, trailer, pattern);
    }

    @Override
    public String toString() {
        return "AiAssistance{" + describe() + "}";
    }
}
