package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {
        throw new UnsupportedOperationException("stub");
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("stub");
    }

    public static CredentialsMatcher instanceOf(Class clazz) {
        throw new UnsupportedOperationException("stub");
    }

    public static CredentialsMatcher withId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }
}
