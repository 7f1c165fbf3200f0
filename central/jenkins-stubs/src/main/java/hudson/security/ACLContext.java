package hudson.security;

public class ACLContext implements AutoCloseable {
    private ACLContext() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
