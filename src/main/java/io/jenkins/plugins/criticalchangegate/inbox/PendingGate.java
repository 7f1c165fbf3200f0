package io.jenkins.plugins.criticalchangegate.inbox;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gate open now, as the inbox shows it: which build waits, for which change to which system, who asked and when,
 * the deadline and requirement, the documentation page, the approvals so far and whether the system holds it. An
 * immutable value; {@link OpenGates} makes a new one for each event.
 */
public final class PendingGate {
    private final String job;
    private final long build;
    private final String system;
    private final String changeId;
    private final Instant requestedAt;
    @CheckForNull
    private final Instant deadline;
    @CheckForNull
    private final String startedBy;
    private final List<String> upstreamStarters;
    private final List<String> commitAuthors;
    private final int approvalsNeeded;
    @CheckForNull
    private final String requirement;
    @CheckForNull
    private final String documentationUrl;
    private final List<Vote> approvals;
    @CheckForNull
    private final String heldBecause;

    private PendingGate(Builder b) {
        this.job = Objects.requireNonNull(b.job, "job");
        this.build = b.build;
        this.system = Objects.requireNonNull(b.system, "system");
        this.changeId = Objects.requireNonNull(b.changeId, "changeId");
        this.requestedAt = Objects.requireNonNull(b.requestedAt, "requestedAt");
        this.deadline = b.deadline;
        this.startedBy = b.startedBy;
        this.upstreamStarters = List.copyOf(b.upstreamStarters);
        this.commitAuthors = List.copyOf(b.commitAuthors);
        this.approvalsNeeded = b.approvalsNeeded;
        this.requirement = b.requirement;
        this.documentationUrl = b.documentationUrl;
        this.approvals = List.copyOf(b.approvals);
        this.heldBecause = b.heldBecause;
    }

    /**
     * A gate of a build.
     *
     * @param job the job's full name
     * @param build the build number
     * @param system the system's id
     * @param changeId the change id
     * @param requestedAt when the build asked for the gate
     */
    public static Builder builder(String job, long build, String system, String changeId, Instant requestedAt) {
        return new Builder(job, build, system, changeId, requestedAt);
    }

    /** This gate, to change one thing. */
    public Builder toBuilder() {
        Builder b = builder(job, build, system, changeId, requestedAt);
        b.deadline = deadline;
        b.startedBy = startedBy;
        b.upstreamStarters = upstreamStarters;
        b.commitAuthors = commitAuthors;
        b.approvalsNeeded = approvalsNeeded;
        b.requirement = requirement;
        b.documentationUrl = documentationUrl;
        b.approvals = approvals;
        b.heldBecause = heldBecause;
        return b;
    }

    /** The index's key: one gate per build. */
    public GateKey key() {
        return new GateKey(job, build);
    }

    public String job() {
        return job;
    }

    public long build() {
        return build;
    }

    public String system() {
        return system;
    }

    public String changeId() {
        return changeId;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** When the gate expires; empty for a journal written before the deadline was recorded. */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Who started the build, when a user did. */
    public Optional<String> startedBy() {
        return Optional.ofNullable(startedBy);
    }

    public List<String> upstreamStarters() {
        return upstreamStarters;
    }

    public List<String> commitAuthors() {
        return commitAuthors;
    }

    /** How many approvals the gate needs; 0 when the record does not say (older journals). */
    public int approvalsNeeded() {
        return approvalsNeeded;
    }

    /** The requirement in a sentence, when recorded. */
    public Optional<String> requirement() {
        return Optional.ofNullable(requirement);
    }

    public Optional<String> documentationUrl() {
        return Optional.ofNullable(documentationUrl);
    }

    /** The approvals accepted so far, in order. */
    public List<Vote> approvals() {
        return approvals;
    }

    /** Why the system holds the gate (a freeze, outside its windows); empty while it is not held. */
    public Optional<String> heldBecause() {
        return Optional.ofNullable(heldBecause);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PendingGate)) {
            return false;
        }
        PendingGate g = (PendingGate) o;
        return build == g.build && approvalsNeeded == g.approvalsNeeded && job.equals(g.job)
                && system.equals(g.system) && changeId.equals(g.changeId) && requestedAt.equals(g.requestedAt)
                && Objects.equals(deadline, g.deadline) && Objects.equals(startedBy, g.startedBy)
                && upstreamStarters.equals(g.upstreamStarters) && commitAuthors.equals(g.commitAuthors)
                && Objects.equals(requirement, g.requirement) && Objects.equals(documentationUrl, g.documentationUrl)
                && approvals.equals(g.approvals) && Objects.equals(heldBecause, g.heldBecause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(job, build, changeId, approvals);
    }

    @Override
    public String toString() {
        return job + " #" + build + " (" + changeId + " to " + system + ", " + approvals.size() + "/"
                + approvalsNeeded + " approvals" + (heldBecause == null ? "" : ", held") + ")";
    }

    /** An approval that counted: who, through which listed group (or {@code user:<id>}), when. */
    public static final class Vote {
        private final String user;
        @CheckForNull
        private final String through;
        private final Instant at;

        public Vote(String user, @CheckForNull String through, Instant at) {
            this.user = Objects.requireNonNull(user, "user");
            this.through = through;
            this.at = Objects.requireNonNull(at, "at");
        }

        public String user() {
            return user;
        }

        public Optional<String> through() {
            return Optional.ofNullable(through);
        }

        public Instant at() {
            return at;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vote && ((Vote) o).user.equals(user) && Objects.equals(((Vote) o).through, through)
                    && ((Vote) o).at.equals(at);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, through, at);
        }

        @Override
        public String toString() {
            return user + (through == null ? "" : " (" + through + ")") + " at " + at;
        }
    }

    /** Builds a {@link PendingGate}. */
    public static final class Builder {
        private final String job;
        private final long build;
        private final String system;
        private final String changeId;
        private final Instant requestedAt;
        @CheckForNull
        private Instant deadline;
        @CheckForNull
        private String startedBy;
        private List<String> upstreamStarters = List.of();
        private List<String> commitAuthors = List.of();
        private int approvalsNeeded;
        @CheckForNull
        private String requirement;
        @CheckForNull
        private String documentationUrl;
        private List<Vote> approvals = List.of();
        @CheckForNull
        private String heldBecause;

        private Builder(String job, long build, String system, String changeId, Instant requestedAt) {
            this.job = job;
            this.build = build;
            this.system = system;
            this.changeId = changeId;
            this.requestedAt = requestedAt;
        }

        public Builder deadline(@CheckForNull Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder startedBy(@CheckForNull String startedBy) {
            this.startedBy = startedBy == null || startedBy.isBlank() ? null : startedBy;
            return this;
        }

        public Builder upstreamStarters(List<String> upstreamStarters) {
            this.upstreamStarters = List.copyOf(upstreamStarters);
            return this;
        }

        public Builder commitAuthors(List<String> commitAuthors) {
            this.commitAuthors = List.copyOf(commitAuthors);
            return this;
        }

        public Builder approvalsNeeded(int approvalsNeeded) {
            this.approvalsNeeded = Math.max(0, approvalsNeeded);
            return this;
        }

        public Builder requirement(@CheckForNull String requirement) {
            this.requirement = requirement;
            return this;
        }

        public Builder documentationUrl(@CheckForNull String documentationUrl) {
            this.documentationUrl = documentationUrl;
            return this;
        }

        public Builder approvals(List<Vote> approvals) {
            this.approvals = List.copyOf(approvals);
            return this;
        }

        /** One more approval, after those so far. */
        public Builder approval(Vote vote) {
            List<Vote> more = new ArrayList<>(approvals);
            more.add(vote);
            this.approvals = more;
            return this;
        }

        public Builder heldBecause(@CheckForNull String heldBecause) {
            this.heldBecause = heldBecause;
            return this;
        }

        public PendingGate build() {
            return new PendingGate(this);
        }
    }
}
