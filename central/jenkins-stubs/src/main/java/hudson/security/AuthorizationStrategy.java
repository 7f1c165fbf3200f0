package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class AuthorizationStrategy extends AbstractDescribableImpl<AuthorizationStrategy> implements ExtensionPoint {
    public AuthorizationStrategy() {
        throw new UnsupportedOperationException("stub");
    }
}
