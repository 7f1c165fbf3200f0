package org.jenkinsci.plugins.workflow.flow;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

public abstract class FlowExecution {
    private FlowExecution() {
        throw new UnsupportedOperationException("stub");
    }

    public ListenableFuture<List<StepExecution>> getCurrentExecutions(boolean innerMostOnly) {
        throw new UnsupportedOperationException("stub");
    }
}
