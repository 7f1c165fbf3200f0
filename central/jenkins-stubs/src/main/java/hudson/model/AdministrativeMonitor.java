package hudson.model;

import hudson.ExtensionPoint;

public abstract class AdministrativeMonitor implements ExtensionPoint {
    public final String id = null;

    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException("stub");
    }

    protected AdministrativeMonitor(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isActivated() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isEnabled() {
        throw new UnsupportedOperationException("stub");
    }
}
