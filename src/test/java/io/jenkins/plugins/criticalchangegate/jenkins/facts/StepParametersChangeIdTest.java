package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.criticalchangegate.documentation.ChangeIdRule;
import java.util.List;
import org.junit.Test;

/**
 * The step's {@code changeId} is checked by {@link ChangeIdRule}, the rule {@code simulate --change} and
 * {@code docs check --change} apply (issue 17: the tool is a faithful dry run of the step).
 */
public class StepParametersChangeIdTest {
    private static final List<String> IDS = List.of("CHG-1234", "JIRA-56789", "a", "x.y_z:1/2#3-4",
            "C".repeat(ChangeIdRule.MAX_LENGTH), "C".repeat(ChangeIdRule.MAX_LENGTH + 1), "-starts-with-dash",
            "has space", "semi;colon", "CHG-1\u001b[31m", "Ünïcode-1", "<script>", "  CHG-5  ");

    @Test
    public void theStepAcceptsAndRefusesAsTheSharedRuleInItsWords() {
        for (String id : IDS) {
            String problem = ChangeIdRule.problem(id.strip());
            String refusal = null;
            try {
                assertThat(StepParameters.changeId(id), is(id.strip()));
            } catch (IllegalArgumentException e) {
                refusal = e.getMessage();
            }
            if (problem == null) {
                assertThat(id, refusal, nullValue());
            } else {
                assertThat(id, refusal, is("criticalChangeGate: parameter 'changeId' " + problem));
            }
        }
        assertThat("blank is 'not given' in the step", StepParameters.changeId("  "), nullValue());
        assertThat(StepParameters.MAX_CHANGE_ID, is(ChangeIdRule.MAX_LENGTH));
    }
}
