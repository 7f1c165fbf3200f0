package org.jenkinsci.plugins.workflow.graph;

import java.util.Iterator;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

public class FlowGraphWalker implements Iterable<FlowNode> {
    public FlowGraphWalker(FlowExecution exec) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Iterator<FlowNode> iterator() {
        throw new UnsupportedOperationException("stub");
    }
}
