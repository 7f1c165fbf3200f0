package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private Timer() {
        throw new UnsupportedOperationException("stub");
    }

    public static ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stub");
    }
}
