package org.jvnet.hudson.test;

import org.junit.rules.MethodRule;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.Statement;

public class RestartableJenkinsRule implements MethodRule {
    public JenkinsRule j;

    public RestartableJenkinsRule() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement apply(Statement base, FrameworkMethod method, Object target) {
        throw new UnsupportedOperationException("stub");
    }
}
