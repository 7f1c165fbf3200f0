package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousStepExecution(StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("stub");
    }
}
