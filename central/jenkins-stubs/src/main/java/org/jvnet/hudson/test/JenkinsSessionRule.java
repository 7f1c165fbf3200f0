package org.jvnet.hudson.test;

import java.io.File;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

public class JenkinsSessionRule implements TestRule {
    public JenkinsSessionRule() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException("stub");
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("stub");
    }

    public File getHome() {
        throw new UnsupportedOperationException("stub");
    }

    @FunctionalInterface
    public interface Step {
        void run(JenkinsRule r) throws Throwable;
    }
}
