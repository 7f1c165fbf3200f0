package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/** An approval that counted: who, through which listed group (or {@code user:<id>}), their comment, when. */
public final class Approval implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String user;
    private final String through;
    @CheckForNull
    private final String comment;
    private final Instant at;

    Approval(String user, String through, @CheckForNull String comment, Instant at) {
        this.user = user;
        this.through = through;
        this.comment = comment;
        this.at = at;
    }

    public String user() {
        return user;
    }

    /** The listed group the approval counted through, as the registry spells it, or {@code user:<id>}. */
    public String through() {
        return through;
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    public Instant at() {
        return at;
    }

    @Override
    public String toString() {
        return user + " through " + through + " at " + at;
    }
}
