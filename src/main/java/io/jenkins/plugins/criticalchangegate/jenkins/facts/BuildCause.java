package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Objects;

/**
 * One cause of a build, as a plain value the adapter builds from Jenkins' {@code Cause}s: a user started it
 * ({@code Cause.UserIdCause}), another build triggered it ({@code Cause.UpstreamCause}, with that build's own causes),
 * or something else (timer, SCM change, ...), which names no person.
 */
public final class BuildCause {
    /** What kind of cause this is. */
    public enum Kind {
        /** A person started the build. */
        USER,
        /** Another build triggered this one; its causes are nested. */
        UPSTREAM,
        /** Anything else: no person is named. */
        OTHER
    }

    private final Kind kind;
    @CheckForNull
    private final String userId;
    private final String description;
    private final List<BuildCause> upstreamCauses;

    private BuildCause(Kind kind, @CheckForNull String userId, String description, List<BuildCause> upstreamCauses) {
        this.kind = kind;
        this.userId = userId;
        this.description = description;
        this.upstreamCauses = List.copyOf(upstreamCauses);
    }

    /**
     * A user started the build. {@code Cause.UserIdCause#getUserId()} is {@code null} when an anonymous user did;
     * that is kept as a user cause without id.
     */
    public static BuildCause user(@CheckForNull String userId) {
        return new BuildCause(Kind.USER, userId == null || userId.isBlank() ? null : userId,
                "started by user " + (userId == null ? "anonymous" : userId), List.of());
    }

    /** Another build triggered this one. */
    public static BuildCause upstream(String upstreamBuild, List<BuildCause> causes) {
        return new BuildCause(Kind.UPSTREAM, null, "started by upstream build " + upstreamBuild, causes);
    }

    /** A cause that names no person (timer, SCM change, branch indexing, ...). */
    public static BuildCause other(String description) {
        return new BuildCause(Kind.OTHER, null, description, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** The user id of a {@link Kind#USER} cause, {@code null} for anonymous and for other kinds. */
    @CheckForNull
    public String userId() {
        return userId;
    }

    public String description() {
        return description;
    }

    public List<BuildCause> upstreamCauses() {
        return upstreamCauses;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BuildCause)) {
            return false;
        }
        BuildCause that = (BuildCause) o;
        return kind == that.kind && Objects.equals(userId, that.userId) && description.equals(that.description)
                && upstreamCauses.equals(that.upstreamCauses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, userId, description, upstreamCauses);
    }

    @Override
    public String toString() {
        return description + (upstreamCauses.isEmpty() ? "" : " " + upstreamCauses);
    }
}
