package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.GateFixtures;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The step's parameters in a real Pipeline: checked when the step starts (not by structs when it instantiates the
 * step, whose "Could not instantiate" message repeats every argument), all at once, one line per bad parameter, and
 * a password in the documentation URL never reaches the log.
 */
public class StepParametersJenkinsTest extends AbstractGateJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Before
    public void setUp() throws Exception {
        // no documentation site: none of these builds gets as far as checking a page
        CriticalChangeGateConfiguration.get().setRegistry(new InlineRegistry(GateFixtures.registry(8443)));
        secure(j);
    }

    private WorkflowRun startAsAlice(String script) throws Exception {
        return startAsAlice(j.createProject(WorkflowJob.class, "p"), script);
    }

    /**
     * Parameters are checked when the step starts, all of them, one line per bad parameter naming it; structs'
     * "Could not instantiate" (which repeats every argument) never appears, and nothing else of the step runs.
     */
    @Test
    public void badParametersFailTheStepAtStartWithOneLinePerParameter() throws Exception {
        WorkflowRun b = startAsAlice("criticalChangeGate(system: 'checkout-service', changeId: 'CHG 1',\n"
                + "    documentationUrl: 'https://bob:s3cret-pw@wiki.example.com/CHG-1', credentialsId: 'wiki token')");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        String log = JenkinsRule.getLog(b);
        List<String> named = new ArrayList<>();
        Pattern parameter = Pattern.compile("criticalChangeGate: parameter '(\\w+)'");
        for (String line : log.split("\n")) {
            Matcher m = parameter.matcher(line);
            if (m.find()) {
                named.add(m.group(1));
                assertThat("one parameter per line: " + line, m.find(), is(false));
            }
        }
        assertThat(new TreeSet<>(named), contains("changeId", "credentialsId", "documentationUrl"));
        j.assertLogContains("parameter 'changeId' must start with a letter or digit", b);
        j.assertLogContains("parameter 'credentialsId' must not contain blanks", b);
        j.assertLogContains("parameter 'documentationUrl' must not contain a user name or password", b);
        j.assertLogNotContains("Could not instantiate", b);
        j.assertLogNotContains("s3cret-pw", b);
        j.assertLogNotContains("registry of critical systems in use", b);
        assertThat(b.getAction(GateAction.class), nullValue());
    }

    /** A documentation URL with a password fails the build, and the log shows it only as {@code ****}. */
    @Test
    public void aDocumentationUrlWithAPasswordFailsTheBuildWithoutShowingThePassword() throws Exception {
        WorkflowRun b = startAsAlice("criticalChangeGate system: 'checkout-service', changeId: 'CHG-1',"
                + " documentationUrl: 'https://bob:s3cret-pw@wiki.example.com/CHG-1'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("parameter 'documentationUrl' must not contain a user name or password"
                + " (got 'https://****@wiki.example.com/CHG-1')", b);
        j.assertLogNotContains("s3cret-pw", b);
        j.assertLogNotContains("bob:", b);
        j.assertLogNotContains("Could not instantiate", b);
    }

    @Test
    public void aCriticalSystemNeedsAChangeIdAndADocumentationUrl() throws Exception {
        WorkflowRun b = startAsAlice("criticalChangeGate system: 'checkout-service'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("'checkout-service' is a critical system: the parameters 'changeId' and"
                + " 'documentationUrl' are required", b);
        assertThat(b.getAction(GateAction.class), nullValue());
    }
}
