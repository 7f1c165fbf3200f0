package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
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
    /** Null only in a state serialized before the field existed: read through {@link #upstreamStarters()}. */
    @CheckForNull
    private final Set<String> upstreamStarters;
    private final Set<String> commitAuthors;
    private final Instant requestedAt;
    /**
     * The approval timeout this gate waits, when it is not the system's: shorter where the Jenkins administrator allows
     * less than the registry asks (and in the Jenkins layer's expiry tests). {@code null} means the system's, and is
     * what a state saved before the field existed holds.
     */
    @CheckForNull
    private final Duration approvalTimeout;
    /**
     * Why the system's stricter AI-assisted rule applies ({@link #system()} is then already the stricter one);
     * {@code null} when it does not, and in a state serialized before the field existed.
     */
    @CheckForNull
    private final AiAssistance aiAssistance;

    /**
     * @param system the critical system and its policy
     * @param changeId the change's id, not blank
     * @param startedBy the user id that started the build, or {@code null} (timer, SCM trigger, upstream build)
     * @param commitAuthors user ids of the authors of the commits being shipped (blank entries are dropped)
     * @param requestedAt when the gate opened
     */
    public GateRequest(CriticalSystem system, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, Instant requestedAt) {
        this(system, changeId, startedBy, Set.of(), commitAuthors, requestedAt);
    }

    /**
     * A request for a build that other people also started, through the upstream builds that triggered it: none of
     * them may approve either (the user who clicks Build on a pipeline that triggers the deployment is as much its
     * starter as the deployment's direct starter).
     *
     * @param system the critical system and its policy
     * @param changeId the change's id, not blank
     * @param startedBy the user id that started the build directly, or {@code null}
     * @param upstreamStarters user ids that started it through upstream builds (blank entries are dropped)
     * @param commitAuthors user ids of the authors of the commits being shipped (blank entries are dropped)
     * @param requestedAt when the gate opened
     */
    public GateRequest(CriticalSystem system, String changeId, @CheckForNull String startedBy,
            Set<String> upstreamStarters, Set<String> commitAuthors, Instant requestedAt) {
        this(system, changeId, startedBy, upstreamStarters, commitAuthors, requestedAt, null);
    }

    /**
     * A request held to the stricter rule for AI-assisted changes: {@code system} is {@link AiAssistedChange#system()}
     * and {@code aiAssistance} its {@link AiAssistedChange#aiAssistance()}, which the trail's request then names.
     *
     * @param system the critical system with the requirement that applies
     * @param changeId the change's id, not blank
     * @param startedBy the user id that started the build directly, or {@code null}
     * @param upstreamStarters user ids that started it through upstream builds (blank entries are dropped)
     * @param commitAuthors user ids of the authors of the commits being shipped (blank entries are dropped)
     * @param requestedAt when the gate opened
     * @param aiAssistance why the stricter AI-assisted rule applies, or {@code null} when the system's own does
     */
    public GateRequest(CriticalSystem system, String changeId, @CheckForNull String startedBy,
            Set<String> upstreamStarters, Set<String> commitAuthors, Instant requestedAt,
            @CheckForNull AiAssistance aiAssistance) {
        if (changeId.isBlank()) {
            throw new IllegalArgumentException("a gate request needs a change id");
        }
        this.system = system;
        this.changeId = changeId.strip();
        this.startedBy = startedBy == null || startedBy.isBlank() ? null : startedBy.strip();
        this.upstreamStarters = nonBlank(upstreamStarters);
        this.commitAuthors = nonBlank(commitAuthors);
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.aiAssistance = aiAssistance;
        this.approvalTimeout = null;
    }

    private GateRequest(GateRequest request, Duration approvalTimeout) {
        this.system = request.system;
        this.changeId = request.changeId;
        this.startedBy = request.startedBy;
        this.upstreamStarters = request.upstreamStarters == null ? null : new LinkedHashSet<>(request.upstreamStarters);
        this.commitAuthors = new LinkedHashSet<>(request.commitAuthors);
        this.requestedAt = request.requestedAt;
        this.aiAssistance = request.aiAssistance;
        this.approvalTimeout = approvalTimeout;
    }

    /**
     * This request waiting {@code timeout} instead of the system's approval timeout.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public GateRequest withApprovalTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the approval timeout must be positive, got " + timeout);
        }
        return new GateRequest(this, timeout);
    }

    /** How long this gate waits for a decision: the system's approval timeout, unless this request has its own. */
    public Duration approvalTimeout() {
        Duration own = approvalTimeout;
        return own != null ? own : system.approvalTimeout();
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

    private static Set<String> nonBlank(Set<String> ids) {
        Set<String> kept = new LinkedHashSet<>();
        for (String id : ids) {
            if (!id.isBlank()) {
                kept.add(id.strip());
            }
        }
        return kept; // private copies; the accessors hand out unmodifiable views
    }

    /** The users who started this build through upstream builds (not {@link #startedBy()}). */
    public Set<String> upstreamStarters() {
        Set<String> starters = upstreamStarters;
        return starters == null ? Set.of() : Collections.unmodifiableSet(starters);
    }

    public Set<String> commitAuthors() {
        return Collections.unmodifiableSet(commitAuthors);
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** Why the stricter rule for AI-assisted changes applies; empty when the system's own requirement does. */
    public Optional<AiAssistance> aiAssistance() {
        return Optional.ofNullable(aiAssistance);
    }

    /** When the gate expires: {@link #requestedAt()} plus {@link #approvalTimeout()}. */
    public Instant deadline() {
        return requestedAt.plus(approvalTimeout());
    }

    @Override
    public String toString() {
        return "GateRequest{" + system.id() + ", change " + changeId + ", started by " + startedBy + " (upstream: "
                + upstreamStarters() + "), authors "
                + commitAuthors + ", at " + requestedAt + (aiAssistance == null ? "" : ", " + aiAssistance.describe())
                + "}";
    }
}
