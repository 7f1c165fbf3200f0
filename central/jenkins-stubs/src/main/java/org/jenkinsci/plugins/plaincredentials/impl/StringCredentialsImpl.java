package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

public final class StringCredentialsImpl implements StringCredentials {
    private static final long serialVersionUID = 1L;

    public StringCredentialsImpl(CredentialsScope scope, String id, String description, Secret secret) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Secret getSecret() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException("stub");
    }
}
