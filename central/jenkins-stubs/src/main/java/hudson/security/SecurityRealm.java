package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import jenkins.model.IdStrategy;
import org.springframework.security.core.GrantedAuthority;

public abstract class SecurityRealm extends AbstractDescribableImpl<SecurityRealm> implements ExtensionPoint {
    public static final GrantedAuthority AUTHENTICATED_AUTHORITY2 = null;

    public SecurityRealm() {
        throw new UnsupportedOperationException("stub");
    }

    public IdStrategy getUserIdStrategy() {
        throw new UnsupportedOperationException("stub");
    }

    public IdStrategy getGroupIdStrategy() {
        throw new UnsupportedOperationException("stub");
    }
}
