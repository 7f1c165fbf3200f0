package hudson.model;

import java.util.List;

public abstract class Actionable {
    public Actionable() {
        throw new UnsupportedOperationException("stub");
    }

    public List<Action> getActions() {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("stub");
    }
}
