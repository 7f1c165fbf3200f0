package hudson.security;

import org.jvnet.localizer.Localizable;

public final class Permission {
    public Permission(PermissionGroup group, String name, Localizable description, Permission impliedBy,
            PermissionScope scope) {
        throw new UnsupportedOperationException("stub");
    }

    public static Permission fromId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("stub");
    }
}
