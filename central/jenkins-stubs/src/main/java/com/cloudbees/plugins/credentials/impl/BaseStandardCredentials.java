package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

public abstract class BaseStandardCredentials implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    public CredentialsScope getScope() {
        throw new UnsupportedOperationException("stub");
    }

    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract static class BaseStandardCredentialsDescriptor extends CredentialsDescriptor {
        protected BaseStandardCredentialsDescriptor() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
