package hudson.security;

public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {
    public AbstractPasswordBasedSecurityRealm() {
        throw new UnsupportedOperationException("stub");
    }
}
