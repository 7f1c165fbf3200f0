package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A change waiting at the gate of a critical system: which system (with the policy it had when the gate opened),
 * which change, who started the build, who wrote the commits being shipped, and when it was requested. The deadline
 * is the request time plus the system's approval timeout. An immutable value.
 */
public final class GateRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final CriticalSystem system;
    private final String changeId;
    @CheckForNull
    private final String startedBy;
    private final Set<String> commitAuthors;
    private final Instant requestedAt;

    /**
     * @param system the critical system and its policy
     * @param changeId the change's id, not blank
     * @param startedBy the user id that started the build, or {@code null} (timer, SCM trigger, upstream build)
     * @param commitAuthors user ids of the authors of the commits being shipped (blank entries are dropped)
     * @param requestedAt when the gate opened
     */
    public GateRequest(CriticalSystem system, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, Instant requestedAt) {
        if (changeId.isBlank()) {
            throw new IllegalArgumentException("a gate request needs a change id");
        }
        this.system = system;
        this.changeId = changeId.strip();
        this.startedBy = startedBy == null || startedBy.isBlank() ? null : startedBy.strip();
        Set<String> authors = new LinkedHashSet<>();
        for (String author : commitAuthors) {
            if (!author.isBlank()) {
                authors.add(author.strip());
            }
        }
        this.commitAuthors = Collections.unmodifiableSet(authors);
        this.requestedAt = Objects.requireNonNull(requestedAt);
    }

    public CriticalSystem system() {
        return system;
    }

    public String changeId() {
        return changeId;
    }

    /** The user who started the build, if a user did. */
    @CheckForNull
    public String startedBy() {
        return startedBy;
    }

    public Set<String> commitAuthors() {
        return commitAuthors;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** When the gate expires: {@link #requestedAt()} plus the system's approval timeout. */
    public Instant deadline() {
        return requestedAt.plus(system.approvalTimeout());
    }

    @Override
    public String toString() {
        return "GateRequest{" + system.id() + ", change " + changeId + ", started by " + startedBy + ", authors "
                + commitAuthors + ", at " + requestedAt + "}";
    }
}
