package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One event in a gate's trail, as kept with the build: what happened, when, who did it, their groups at the time
 * and the detail (comment, reason, refusal message). Plain fields only (no records, no JDK-internal collections), so
 * Jenkins' XStream writes and reads it in {@code build.xml} on any JDK.
 */
public final class TrailEntry {
    /** What happened. */
    public enum Kind {
        /** The gate was requested: the build paused. */
        REQUESTED,
        /** The documentation page was checked and accepted. */
        DOCUMENTATION_VERIFIED,
        /** The documentation page was refused: the step failed. */
        DOCUMENTATION_REFUSED,
        /**
         * The documentation page was refused at an emergency gate (issue 16), where the check is advisory: recorded
         * for the reviewers, the gate opened anyway.
         */
        DOCUMENTATION_ADVISORY,
        /** An approval was accepted. */
        APPROVED,
        /** An approval or rejection attempt was refused (who and why in the entry). */
        REFUSED,
        /** An authorized approver rejected the change. */
        REJECTED,
        /** The approval timeout passed. */
        EXPIRED,
        /** The build was aborted while the gate waited. */
        ABORTED,
        /** The quorum was reached: the build went on. */
        PASSED,
        /** The system closed (a freeze, outside its deployment windows): the gate holds its decision until it opens. */
        HELD,
        /** The system opened again before the quorum was reached: the gate waits as before. */
        RELEASED
    }

    private final Kind kind;
    private final long atMillis;
    @CheckForNull
    private final String actor;
    /** Never null when written by this class; XStream leaves it null when build.xml lacks it. */
    @CheckForNull
    private final ArrayList<String> actorGroups;
    @CheckForNull
    private final String detail;

    private TrailEntry(Kind kind, long atMillis, @CheckForNull String actor, List<String> actorGroups,
            @CheckForNull String detail) {
        this.kind = kind;
        this.atMillis = atMillis;
        this.actor = actor;
        this.actorGroups = new ArrayList<>(actorGroups);
        this.detail = detail;
    }

    /** An event done by a person. */
    public static TrailEntry by(Kind kind, Instant at, Actor actor, @CheckForNull String detail) {
        return new TrailEntry(kind, at.toEpochMilli(), actor.id(), actor.groups(), detail);
    }

    /** An event done by a user known only by id (the build being aborted by someone, a system event). */
    public static TrailEntry of(Kind kind, Instant at, @CheckForNull String actor, @CheckForNull String detail) {
        return new TrailEntry(kind, at.toEpochMilli(), actor, List.of(), detail);
    }

    public Kind getKind() {
        return kind;
    }

    public long getAtMillis() {
        return atMillis;
    }

    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }

    /** Who did it; {@code null} for events of the system (expiry, documentation check). */
    @CheckForNull
    public String getActor() {
        return actor;
    }

    public List<String> getActorGroups() {
        return actorGroups == null ? List.of() : Collections.unmodifiableList(actorGroups);
    }

    @CheckForNull
    public String getDetail() {
        return detail;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrailEntry)) {
            return false;
        }
        TrailEntry that = (TrailEntry) o;
        return kind == that.kind && atMillis == that.atMillis && Objects.equals(actor, that.actor)
                && getActorGroups().equals(that.getActorGroups()) && Objects.equals(detail, that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, atMillis, actor, getActorGroups(), detail);
    }

    @Override
    public String toString() {
        return at() + " " + kind + (actor == null ? "" : " by " + actor) + (detail == null ? "" : ": " + detail);
    }
}
