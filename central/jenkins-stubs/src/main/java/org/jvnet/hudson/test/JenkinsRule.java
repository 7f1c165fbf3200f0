package org.jvnet.hudson.test;

import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import java.io.IOException;
import jenkins.model.ParameterizedJobMixIn;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

public class JenkinsRule implements TestRule {
    public JenkinsRule() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable> R buildAndAssertSuccess(J job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
