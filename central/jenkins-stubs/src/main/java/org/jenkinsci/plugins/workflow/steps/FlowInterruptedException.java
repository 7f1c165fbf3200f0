package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Result;
import java.util.List;
import jenkins.model.CauseOfInterruption;

public final class FlowInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L;

    public FlowInterruptedException(Result result, boolean actualInterruption, CauseOfInterruption... causes) {
        throw new UnsupportedOperationException("stub");
    }

    public List<CauseOfInterruption> getCauses() {
        throw new UnsupportedOperationException("stub");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("stub");
    }
}
