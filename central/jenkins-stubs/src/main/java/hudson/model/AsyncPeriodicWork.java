package hudson.model;

import java.io.IOException;

public abstract class AsyncPeriodicWork extends PeriodicWork {
    protected AsyncPeriodicWork(String name) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
