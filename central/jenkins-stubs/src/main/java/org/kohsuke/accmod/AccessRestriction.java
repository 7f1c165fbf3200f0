package org.kohsuke.accmod;

public abstract class AccessRestriction {
    public AccessRestriction() {
        throw new UnsupportedOperationException("stub");
    }
}
