package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.documentation.ChangeIdRule;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The tool is a faithful dry run of the step (issue 17): {@code simulate --change} and {@code docs check --change}
 * accept exactly the change ids the step's {@code changeId} parameter accepts, and refuse the others in its words.
 */
public class ChangeIdRuleToolTest {
    private static final List<String> IDS = List.of("CHG-1234", "JIRA-56789", "a", "x.y_z:1/2#3-4",
            "C".repeat(ChangeIdRule.MAX_LENGTH), "C".repeat(ChangeIdRule.MAX_LENGTH + 1), "-starts-with-dash",
            "has space", "semi;colon", "CHG-1\u001b[31m", "Ünïcode-1", "<script>", "  CHG-5  ", "");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
    }

    @Test
    public void simulateAndDocsCheckAcceptWhatTheStepAccepts() {
        for (String id : IDS) {
            String stepProblem = stepProblem(id);
            // the step treats an empty id as "not given"; the tool's --change, given, must not be empty
            boolean stepAccepts = stepProblem == null && !id.isBlank();
            ToolRun simulate = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "reporting",
                    "--change", id);
            // reporting is not critical: docs check then answers 0 without fetching anything
            ToolRun docs = ToolRun.in(dir, "docs", "check", "--registry", "critical.yaml", "--system", "reporting",
                    "--change", id, "https://wiki.example.com/x");
            for (ToolRun run : List.of(simulate, docs)) {
                assertThat("'" + id + "'\n" + run, run.exit, is(stepAccepts ? ExitCode.OK : ExitCode.USAGE));
                if (stepProblem != null) {
                    String words = stepProblem.substring(stepProblem.indexOf("' ") + 2);
                    assertThat(run.err, containsString("--change " + words.substring(0, Math.min(40,
                            words.length()))));
                }
            }
        }
    }

    private static String stepProblem(String id) {
        try {
            StepParameters.changeId(id);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    public void theDocumentationCheckBoundsItsSearchByTheSameLength() {
        assertThat(StepParameters.MAX_CHANGE_ID, is(ChangeIdRule.MAX_LENGTH));
    }
}
