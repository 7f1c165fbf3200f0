package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildStarters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CommitAuthors;
import io.jenkins.plugins.criticalchangegate.policy.AiAssistedChange;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.policy.EmergencyRequirement;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.TimeRules;
import io.jenkins.plugins.criticalchangegate.registry.TimedRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The policy a gate opens with, from the registry and the build's facts: usually the time rules (overlays, freezes,
 * windows), then the stricter rule for AI-assisted changes over them; for an emergency request (issue 16) the
 * system's break-glass path instead of the time rules, the AI-assisted rule still applied first. Either a request, or
 * the registry's reason to deny the change. Every decision is the policy's; this class only chooses which.
 */
final class RequestInForce {
    @CheckForNull
    private final GateRequest request;
    @CheckForNull
    private final String denial;
    private final List<String> overlays;

    private RequestInForce(@CheckForNull GateRequest request, @CheckForNull String denial, List<String> overlays) {
        this.request = request;
        this.denial = denial;
        this.overlays = List.copyOf(overlays);
    }

    /**
     * Why the registry refuses the change at once, in {@code start()} before anything is fetched: a freeze in mode
     * deny for a usual request (time rules never apply to an emergency one); for an emergency one, a system without
     * an emergency path or an incident id its {@code emergency.incidentPattern} refuses.
     */
    static Optional<String> refusalAtStart(CriticalSystem system, @CheckForNull String incidentId, TimeRules rules) {
        return incidentId != null ? EmergencyRequirement.refusal(system, incidentId)
                : rules.at(system, Instant.now()).denialMessage();
    }

    /**
     * The request in force at {@code now}.
     *
     * @param commits read only when the system's AI-assisted rule looks at trailers
     * @param incidentId the incident of an emergency request, or {@code null} for a usual one
     */
    static RequestInForce at(CriticalSystem system, TimeRules rules, Instant now, String changeId,
            BuildStarters starters, CommitAuthors authors, Supplier<List<CommitMessage>> commits,
            boolean declaredAiAssisted, @CheckForNull String incidentId) {
        if (incidentId != null) {
            // from the registry's own system, not a TimedRequirement: its constructor refuses a change in a deny freeze
            Optional<String> refused = EmergencyRequirement.refusal(system, incidentId);
            if (refused.isPresent()) {
                return new RequestInForce(null, refused.get(), List.of()); // the registry changed since start()
            }
            GateRequest plain = new GateRequest(system, changeId, starters.primary(), starters.upstream(),
                    authors.userIds(), now);
            return new RequestInForce(plain.withAiAssistance(AiAssistedChange.assess(system, commits,
                    declaredAiAssisted)).withEmergency(incidentId), null, List.of());
        }
        TimedRequirement timed = rules.at(system, now);
        Optional<String> frozen = timed.denialMessage();
        if (frozen.isPresent()) {
            return new RequestInForce(null, frozen.get(), timed.overlays());
        }
        GateRequest timedRequest = new GateRequest(timed, changeId, starters.primary(), starters.upstream(),
                authors.userIds());
        return new RequestInForce(timedRequest.withAiAssistance(AiAssistedChange.assess(timedRequest.system(), commits,
                declaredAiAssisted)), null, timed.overlays());
    }

    /** The request the gate opens with; empty when the registry denies the change. */
    Optional<GateRequest> request() {
        return Optional.ofNullable(request);
    }

    /** The registry's overlays in force (none on the emergency path: time rules do not apply). */
    List<String> overlays() {
        return overlays;
    }

    /** Why the registry denies it; empty when a gate opens. */
    Optional<String> denial() {
        return Optional.ofNullable(denial);
    }
}
