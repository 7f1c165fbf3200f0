package io.jenkins.plugins.criticalchangegate.jenkins;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class CriticalChangeGateStepJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void writesTheSystemToTheBuildLog() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("criticalChangeGate system: ' checkout-service '", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("[critical-change-gate] system checkout-service", b);
    }
}
