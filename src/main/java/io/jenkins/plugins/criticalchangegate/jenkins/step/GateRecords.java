package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import java.util.List;

/** The gate records a build holds, for the gated credentials (jenkins.gatedcredentials): none without a gate. */
public final class GateRecords {
    private GateRecords() {
    }

    public static List<GateRecord> of(Run<?, ?> run) {
        GateAction action = run.getAction(GateAction.class);
        return action == null ? List.of() : action.records();
    }
}
