package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution() {
        throw new UnsupportedOperationException("stub");
    }

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException("stub");
    }

    public void onResume() {
        throw new UnsupportedOperationException("stub");
    }
}
