package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.documentation.ChangeIdRule;
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
    static final List<String> IDS = List.of("CHG-1234", "JIRA-56789", "a", "x.y_z:1/2#3-4",
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
            // the rule StepParameters.changeId applies (StepParametersChangeIdTest says it is the same rule)
            String stepProblem = ChangeIdRule.problem(id.strip());
            boolean stepAccepts = stepProblem == null;
            ToolRun simulate = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "reporting",
                    "--change", id);
            // reporting is not critical: docs check then answers 0 without fetching anything
            ToolRun docs = ToolRun.in(dir, "docs", "check", "--registry", "critical.yaml", "--system", "reporting",
                    "--change", id, "https://wiki.example.com/x");
            for (ToolRun run : List.of(simulate, docs)) {
                assertThat("'" + id + "'\n" + run, run.exit, is(stepAccepts ? ExitCode.OK : ExitCode.USAGE));
                if (stepProblem != null) {
                    assertThat(run.err, containsString("--change " + stepProblem.substring(0,
                            Math.min(40, stepProblem.length()))));
                }
            }
        }
    }

}
