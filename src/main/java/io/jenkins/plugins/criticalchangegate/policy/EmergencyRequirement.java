package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.Verdict;
import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.util.List;
import java.util.Optional;

/**
 * What an emergency (break-glass) change to a critical system must meet, issue 16, as pure functions the step and
 * the tool call with plain values:
 * <ul>
 * <li>who may approve: the system's {@code emergency.approvers}, {@code emergency.requiredApprovals} of them; the
 * usual approvers and approval rules do not apply, nor does requireDistinctGroups (an incident usually has one
 * commander group);</li>
 * <li>separation of duties holds as usual: never the build's starter (nor an upstream starter), never a commit
 * author when the system excludes them, always distinct people ({@link Gate} checks these for every request);</li>
 * <li>an AI-assisted change (the system's {@code aiAssisted} rule applies) needs the stricter of the two counts, the
 * emergency one and the AI rule's {@code requiredApprovals}, and commit authors are excluded when the AI rule
 * excludes them (the registry refuses an emergency path whose approvers could not meet that count);</li>
 * <li>time rules (freezes, windows, overlays) do not apply;</li>
 * <li>the documentation check is advisory: performed and recorded, never blocking ({@link #documentationBlocks}).</li>
 * </ul>
 */
public final class EmergencyRequirement {
    private EmergencyRequirement() {
    }

    /**
     * Why an emergency request for the system is refused at once, or empty when it may open: the system must have an
     * emergency path, and the incident id must be given and match the path's pattern.
     */
    public static Optional<String> refusal(CriticalSystem system, @CheckForNull String incidentId) {
        Optional<EmergencyPolicy> path = system.emergency();
        if (path.isEmpty()) {
            return Optional.of("system '" + system.id() + "' has no emergency path: the registry gives it no"
                    + " 'emergency' (here or in defaults), so only the usual approval applies");
        }
        return path.get().incidentRefusal(incidentId).map(why -> "emergency change to '" + system.id()
                + "' refused: " + why);
    }

    /**
     * The system whose requirement is the emergency one: what {@link GateRequest#withEmergency} opens the gate with.
     * Its {@code emergency()} and {@code aiAssisted()} are kept, so that the reviewers stay known.
     *
     * @param system the system (with the AI-assisted rule already applied when the change is AI-assisted)
     * @param aiAssisted whether the system's stricter rule for AI-assisted changes applies to the change
     * @throws IllegalArgumentException when the system has no emergency path
     */
    public static CriticalSystem of(CriticalSystem system, boolean aiAssisted) {
        EmergencyPolicy path = system.emergency().orElseThrow(() -> new IllegalArgumentException("system '"
                + system.id() + "' has no emergency path"));
        Optional<AiAssistedRule> ai = aiAssisted ? system.aiAssisted() : Optional.empty();
        int required = path.requiredApprovals();
        if (ai.isPresent() && ai.get().requiredApprovals().isPresent()) {
            required = Math.max(required, ai.get().requiredApprovals().get());
        }
        return system.toBuilder()
                .approvers(path.approvers())
                .requiredApprovals(required)
                .approvalRules(List.of())
                .requireDistinctGroups(false)
                .excludeCommitAuthors(system.excludeCommitAuthors()
                        || ai.map(AiAssistedRule::excludeCommitAuthors).orElse(false))
                .build();
    }

    /**
     * Whether a documentation verdict stops the gate: for a usual request anything but VERIFIED does; for an
     * emergency one nothing does (the check is performed and journaled, and the reviewers see its verdict).
     */
    public static boolean documentationBlocks(GateRequest request, Verdict verdict) {
        return !request.emergency() && verdict != Verdict.VERIFIED;
    }
}
