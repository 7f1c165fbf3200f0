package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.RestartableJenkinsRule;

public abstract class RoundTripAbstractTest {
    public RestartableJenkinsRule r;

    public RoundTripAbstractTest() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void assertConfiguredAsExpected(RestartableJenkinsRule j, String configContent);

    protected abstract String stringInLogExpected();

    protected String configResource() {
        throw new UnsupportedOperationException("stub");
    }
}
