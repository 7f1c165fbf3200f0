package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.Permission;

public abstract class ManagementLink implements ExtensionPoint, Action {
    public ManagementLink() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public abstract String getIconFileName();

    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public abstract String getUrlName();

    public Permission getRequiredPermission() {
        throw new UnsupportedOperationException("stub");
    }

    public Category getCategory() {
        throw new UnsupportedOperationException("stub");
    }

    public enum Category {
        SECURITY
    }
}
