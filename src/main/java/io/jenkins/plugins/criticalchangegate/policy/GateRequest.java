package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.ClosedPeriod;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.TimedRequirement;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A change waiting at the gate of a critical system: which system (with the policy it had when the gate opened),
 * which change, who started the build, who wrote the commits being shipped, and when it was requested. The deadline
 * is the request time plus the approval timeout. With the registry's time rules ({@link
 * #GateRequest(TimedRequirement, String, String, Set, Set)}) it also keeps the overlays that shaped the policy and the
 * periods in which the system is closed until the deadline; with the stricter rule for AI-assisted changes
 * ({@link #withAiAssistance}) the system is the stricter one and the request says why. An immutable value.
 *
 * <p>Every field added after the first release is nullable and read through its accessor: a gate state serialized
 * before the field existed (build.xml keeps it, see {@code GateStateCodec}) reads it as "none".
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
     * less than the registry asks (and in the Jenkins layer's expiry tests). {@code null} means the system's.
     */
    @CheckForNull
    private final Duration approvalTimeout;
    /** Why the system's stricter AI-assisted rule applies ({@link #system()} is then the stricter one); or null. */
    @CheckForNull
    private final AiAssistance aiAssistance;
    /** The overlays in force when requested; null when none: {@link #overlays()}. */
    @CheckForNull
    private final List<String> overlays;
    /** When the system is closed between the request and the deadline, in order; null when never. */
    @CheckForNull
    private final List<ClosedPeriod> closedPeriods;
    /** The incident of an emergency (break-glass) request, issue 16; null for a usual request. */
    @CheckForNull
    private final String incidentId;

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
        this(system, changeId, startedBy, upstreamStarters, commitAuthors, requestedAt, null, null, List.of(),
                List.of(), null);
    }

    /**
     * A request held to the stricter rule for AI-assisted changes: {@code system} is {@link AiAssistedChange#system()}
     * and {@code aiAssistance} its {@link AiAssistedChange#aiAssistance()}, which the trail's request then names.
     *
     * @param aiAssistance why the stricter AI-assisted rule applies, or {@code null} when the system's own does
     */
    public GateRequest(CriticalSystem system, String changeId, @CheckForNull String startedBy,
            Set<String> upstreamStarters, Set<String> commitAuthors, Instant requestedAt,
            @CheckForNull AiAssistance aiAssistance) {
        this(system, changeId, startedBy, upstreamStarters, commitAuthors, requestedAt, null, aiAssistance, List.of(),
                List.of(), null);
    }

    /**
     * A request under the registry's time rules, at the instant the requirement is for: the gate takes the policy in
     * force then (overlays applied), records the overlays, and keeps the periods in which the system is closed until
     * its deadline, so it holds its decision through them ({@link Outcome#HELD}).
     *
     * @param requirement {@code registry.timeRules().at(system, now)}
     * @throws IllegalArgumentException when a freeze refuses the change ({@link TimedRequirement#denial()}): no gate
     *     opens then, the change is DENIED
     */
    public GateRequest(TimedRequirement requirement, String changeId, @CheckForNull String startedBy,
            Set<String> upstreamStarters, Set<String> commitAuthors) {
        this(requirement.system(), changeId, startedBy, upstreamStarters, commitAuthors, requirement.at(), null, null,
                requirement.overlays(), requirement.closedPeriods(requirement.at()
                        .plus(requirement.system().approvalTimeout())), null);
        if (requirement.denial().isPresent()) {
            throw new IllegalArgumentException(requirement.denialMessage().orElseThrow());
        }
    }

    private GateRequest(CriticalSystem system, String changeId, @CheckForNull String startedBy,
            Set<String> upstreamStarters, Set<String> commitAuthors, Instant requestedAt,
            @CheckForNull Duration approvalTimeout, @CheckForNull AiAssistance aiAssistance, List<String> overlays,
            List<ClosedPeriod> closedPeriods, @CheckForNull String incidentId) {
        if (changeId.isBlank()) {
            throw new IllegalArgumentException("a gate request needs a change id");
        }
        this.system = system;
        this.changeId = changeId.strip();
        this.startedBy = startedBy == null || startedBy.isBlank() ? null : startedBy.strip();
        this.upstreamStarters = nonBlank(upstreamStarters);
        this.commitAuthors = nonBlank(commitAuthors);
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.approvalTimeout = approvalTimeout;
        this.aiAssistance = aiAssistance;
        this.overlays = overlays.isEmpty() ? null : new ArrayList<>(overlays);
        this.closedPeriods = closedPeriods.isEmpty() ? null : new ArrayList<>(closedPeriods);
        this.incidentId = incidentId;
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
        return new GateRequest(system, changeId, startedBy, upstreamStarters(), commitAuthors, requestedAt, timeout,
                aiAssistance, overlays(), closedPeriods(), incidentId);
    }

    /**
     * This request held to the stricter rule for AI-assisted changes, applied after the time rules (so it tightens
     * whatever policy is in force): {@code change} is {@code AiAssistedChange.assess(this.system(), …)}.
     */
    public GateRequest withAiAssistance(AiAssistedChange change) {
        return new GateRequest(change.system(), changeId, startedBy, upstreamStarters(), commitAuthors, requestedAt,
                approvalTimeout, change.aiAssistance().orElse(null), overlays(), closedPeriods(), incidentId);
    }

    /**
     * This request taken down its system's emergency (break-glass) path, issue 16: the requirement becomes
     * {@link EmergencyRequirement#of} (the emergency approvers and count, raised for an AI-assisted change), the time
     * rules no longer apply (no overlays, no closed periods: build the request from the system as the registry lists
     * it, not from a {@code TimedRequirement}, whose constructor refuses a change in a deny freeze), and the incident
     * is kept. Apply it after {@link #withAiAssistance}.
     *
     * @throws IllegalArgumentException when the system has no emergency path or the incident id is refused (missing,
     *     or not matching the registry's pattern), with the reason for the build log
     */
    public GateRequest withEmergency(@CheckForNull String incidentId) {
        if (this.incidentId != null) {
            throw new IllegalStateException("the request is already an emergency one (incident " + this.incidentId
                    + ")");
        }
        EmergencyRequirement.refusal(system, incidentId).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return new GateRequest(EmergencyRequirement.of(system, aiAssistance != null), changeId, startedBy,
                upstreamStarters(), commitAuthors, requestedAt, approvalTimeout, aiAssistance, List.of(), List.of(),
                Objects.requireNonNull(incidentId).strip());
    }

    /** Whether this is an emergency (break-glass) request. */
    public boolean emergency() {
        return incidentId != null;
    }

    /** The incident of an emergency request; empty for a usual one. */
    public Optional<String> incidentId() {
        return Optional.ofNullable(incidentId);
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

    /** How long this gate waits for a decision: the system's approval timeout, unless this request has its own. */
    public Duration approvalTimeout() {
        Duration own = approvalTimeout;
        return own != null ? own : system.approvalTimeout();
    }

    /** Why the stricter rule for AI-assisted changes applies; empty when the system's own requirement does. */
    public Optional<AiAssistance> aiAssistance() {
        return Optional.ofNullable(aiAssistance);
    }

    /** The names of the overlays that shaped {@link #system()}'s policy when the gate was requested. */
    public List<String> overlays() {
        List<String> names = overlays;
        return names == null ? List.of() : Collections.unmodifiableList(names);
    }

    /** When the system is closed from the request to the deadline, in order (the last keeps its true end). */
    public List<ClosedPeriod> closedPeriods() {
        List<ClosedPeriod> periods = closedPeriods;
        return periods == null ? List.of() : Collections.unmodifiableList(periods);
    }

    /** The closed period the instant is in. */
    public Optional<ClosedPeriod> closedAt(Instant instant) {
        return closedPeriods().stream().filter(p -> p.contains(instant)).findFirst();
    }

    /** The first closed period that begins after the instant. */
    public Optional<ClosedPeriod> closedAfter(Instant instant) {
        return closedPeriods().stream().filter(p -> p.from().isAfter(instant)).findFirst();
    }

    /** When the gate expires: {@link #requestedAt()} plus {@link #approvalTimeout()}. */
    public Instant deadline() {
        return requestedAt.plus(approvalTimeout());
    }

    @Override
    public String toString() {
        return "GateRequest{" + system.id() + ", change " + changeId + ", started by " + startedBy + " (upstream: "
                + upstreamStarters() + "), authors " + commitAuthors + ", at " + requestedAt
                + (aiAssistance == null ? "" : ", " + aiAssistance.describe())
                + (incidentId == null ? "" : ", EMERGENCY for incident " + incidentId)
                + (overlays().isEmpty() ? "" : ", overlays " + overlays())
                + (closedPeriods().isEmpty() ? "" : ", " + closedPeriods().size() + " closed period(s)") + "}";
    }
}
