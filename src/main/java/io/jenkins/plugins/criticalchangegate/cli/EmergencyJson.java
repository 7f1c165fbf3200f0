package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the emergency (break-glass) path, issue 16: the path a system has ({@code registry show}'s
 * {@code emergency}), and whether a simulated gate went down it ({@code simulate}'s {@code emergency} and
 * {@code incidentId}).
 */
final class EmergencyJson {
    private EmergencyJson() {
    }

    /**
     * The system's path with defaults merged in: {@code approvers}, {@code requiredApprovals},
     * {@code incidentPattern} (null: any id), {@code reviewWithin}, {@code reviewers}; {@code null} for none.
     */
    @CheckForNull
    static Map<String, Object> path(CriticalSystem system) {
        Optional<EmergencyPolicy> found = system.emergency();
        if (found.isEmpty()) {
            return null;
        }
        EmergencyPolicy path = found.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("approvers", names(path.approvers()));
        json.put("requiredApprovals", path.requiredApprovals());
        json.put("incidentPattern", path.incidentPattern().orElse(null));
        json.put("reviewWithin", path.reviewWithinText());
        json.put("reviewers", names(path.reviewers()));
        return json;
    }

    /**
     * {@code emergency} (whether the gate was asked for down the emergency path, also when that was refused) and
     * {@code incidentId} (null for a usual gate) of a simulated gate.
     */
    static Map<String, Object> request(boolean emergency, @CheckForNull String incidentId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("emergency", emergency);
        json.put("incidentId", emergency ? incidentId : null);
        return json;
    }

    private static List<String> names(List<ApproverRef> refs) {
        List<String> names = new ArrayList<>();
        for (ApproverRef ref : refs) {
            names.add(ref.toString());
        }
        return names;
    }
}
