package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import java.io.IOException;

public abstract class CredentialsStore {
    private CredentialsStore() {
        throw new UnsupportedOperationException("stub");
    }

    public ModelObject getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean addCredentials(Domain domain, Credentials credentials) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
