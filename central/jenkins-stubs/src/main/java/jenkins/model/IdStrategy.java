package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import java.util.Comparator;

public abstract class IdStrategy extends AbstractDescribableImpl<IdStrategy> implements ExtensionPoint, Comparator<String> {
    public IdStrategy() {
        throw new UnsupportedOperationException("stub");
    }

    public String keyFor(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean equals(String id1, String id2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int compare(String id1, String id2) {
        throw new UnsupportedOperationException("stub");
    }
}
