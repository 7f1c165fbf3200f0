package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.EmergencyPolicy;
import java.util.Optional;

/**
 * The step's break-glass parameters, issue 16: {@code emergency: true} takes the system's emergency path and needs an
 * {@code incidentId}; an {@code incidentId} without {@code emergency: true} is a mistake, not a quiet no-op (a
 * Jenkinsfile that names an incident but took the usual path would mislead whoever reads it during the incident).
 * Whether the registry gives the system an emergency path, and whether the id matches its
 * {@code emergency.incidentPattern}, is decided when the step starts, against the registry.
 */
public final class EmergencyParameters {
    private EmergencyParameters() {
    }

    /**
     * @param incidentId the value as the step kept it ({@link StepParameters#trimmed})
     * @return the incident of an emergency request, or {@code null} for a usual one
     * @throws IllegalArgumentException naming the parameter and how to fix it
     */
    @CheckForNull
    public static String check(boolean emergency, @CheckForNull String incidentId) {
        if (!emergency) {
            if (incidentId != null) {
                throw new IllegalArgumentException("criticalChangeGate: parameter 'incidentId' is only used with"
                        + " 'emergency: true'; add emergency: true to take the system's emergency (break-glass) path,"
                        + " or remove incidentId");
            }
            return null;
        }
        if (incidentId == null) {
            throw new IllegalArgumentException("criticalChangeGate: parameter 'incidentId' is required with"
                    + " 'emergency: true': an emergency change always names its incident (e.g. incidentId:"
                    + " 'INC-4711')");
        }
        Optional<String> problem = EmergencyPolicy.incidentShapeProblem(incidentId);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("criticalChangeGate: parameter 'incidentId' " + problem.get());
        }
        return incidentId;
    }
}
