package jenkins.security;

import java.io.IOException;

public abstract class ConfidentialKey {
    protected ConfidentialKey(String id) {
        throw new UnsupportedOperationException("stub");
    }

    protected byte[] load() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    protected void store(byte[] payload) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("stub");
    }
}
