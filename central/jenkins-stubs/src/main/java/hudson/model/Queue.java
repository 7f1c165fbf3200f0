package hudson.model;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException("stub");
    }

    public interface Task {
    }

    public interface Executable extends Runnable {
    }
}
