package com.cloudbees.plugins.credentials;

public class CredentialsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialsUnavailableException(String property, String message) {
        throw new UnsupportedOperationException("stub");
    }

    public String getProperty() {
        throw new UnsupportedOperationException("stub");
    }
}
