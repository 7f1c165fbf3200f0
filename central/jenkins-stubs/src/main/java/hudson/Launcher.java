package hudson;

import hudson.model.TaskListener;

public abstract class Launcher {
    protected Launcher(Launcher launcher) {
        throw new UnsupportedOperationException("stub");
    }

    public static class LocalLauncher extends Launcher {
        public LocalLauncher(TaskListener listener) {
            super(null);
            throw new UnsupportedOperationException("stub");
        }
    }
}
