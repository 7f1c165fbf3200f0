package io.jenkins.plugins.criticalchangegate.jenkins.step;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The step's form (config.jelly, as the Snippet Generator shows it) round-trips every parameter, as
 * InputStepConfigTest checks the input step with StepConfigTester (workflow-step-api's tests jar).
 */
public class CriticalChangeGateStepConfigJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void theFormKeepsEveryParameter() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "wiki-token", "wiki", Secret.fromString("s3cret")));
        SystemCredentialsProvider.getInstance().save();
        CriticalChangeGateStep before = new CriticalChangeGateStep("checkout-service");
        before.setChangeId("CHG-1234");
        before.setDocumentationUrl("https://wiki.example.com/changes/CHG-1234");
        before.setMessage("Ship checkout 2.3.1; rollback: redeploy 2.3.0");
        before.setCredentialsId("wiki-token");

        CriticalChangeGateStep after = new StepConfigTester(j).configRoundTrip(before);
        j.assertEqualDataBoundBeans(before, after);
        assertThat(after.getSystem(), is("checkout-service"));
        assertThat(after.getChangeId(), is("CHG-1234"));
        assertThat(after.getDocumentationUrl(), is("https://wiki.example.com/changes/CHG-1234"));
        assertThat(after.getMessage(), is("Ship checkout 2.3.1; rollback: redeploy 2.3.0"));
        assertThat(after.getCredentialsId(), is("wiki-token"));
    }

    /** Optional parameters left empty in the form stay unset, rather than becoming empty strings. */
    @Test
    public void onlyTheSystemIsRequiredAndEmptyFieldsStayUnset() throws Exception {
        CriticalChangeGateStep after = new StepConfigTester(j).configRoundTrip(
                new CriticalChangeGateStep("internal-wiki"));
        assertThat(after.getSystem(), is("internal-wiki"));
        assertThat(after.getChangeId(), nullValue());
        assertThat(after.getDocumentationUrl(), nullValue());
        assertThat(after.getMessage(), nullValue());
        assertThat(after.getCredentialsId(), nullValue());
    }
}
