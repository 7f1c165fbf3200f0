package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.IOException;
import java.io.Serializable;

public abstract class FlowExecutionOwner implements Serializable {
    private static final long serialVersionUID = 1L;

    public FlowExecutionOwner() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract FlowExecution get() throws IOException;

    public interface Executable extends Queue.Executable {
        FlowExecutionOwner asFlowExecutionOwner();
    }
}
