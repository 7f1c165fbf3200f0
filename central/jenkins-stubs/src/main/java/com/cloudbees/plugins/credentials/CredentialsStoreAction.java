package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;

public abstract class CredentialsStoreAction {
    public CredentialsStoreAction() {
        throw new UnsupportedOperationException("stub");
    }

    public static class CredentialsWrapper extends AbstractDescribableImpl<CredentialsWrapper> {
        private CredentialsWrapper() {
            throw new UnsupportedOperationException("stub");
        }

        public Credentials getCredentials() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
