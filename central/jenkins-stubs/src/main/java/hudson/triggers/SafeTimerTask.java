package hudson.triggers;

import java.util.TimerTask;

public abstract class SafeTimerTask extends TimerTask {
    public SafeTimerTask() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void doRun() throws Exception;
}
