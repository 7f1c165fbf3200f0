package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException("stub");
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("stub");
    }

    public class Grant {
        private Grant() {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException("stub");
        }

        public class GrantOn {
            private GrantOn() {
                throw new UnsupportedOperationException("stub");
            }

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("stub");
            }
        }
    }
}
