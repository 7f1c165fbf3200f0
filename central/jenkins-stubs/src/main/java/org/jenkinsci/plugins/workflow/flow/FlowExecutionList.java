package org.jenkinsci.plugins.workflow.flow;

import java.util.Iterator;

public class FlowExecutionList implements Iterable<FlowExecution> {
    public static final String EXECUTIONS_SUSPENDED = "FlowExecutionList.EXECUTIONS_SUSPENDED";

    public FlowExecutionList() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Iterator<FlowExecution> iterator() {
        throw new UnsupportedOperationException("stub");
    }
}
