package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.problems;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.withSystems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.junit.Test;

/** The registry's messages say what is wrong in the format's words, at its place (issue 17). */
public class RegistryMessagesTest {
    private static final String USERS = String.join("\n",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [\"user:alice\"]");

    @Test
    public void aBadRequiredApprovalsIsReportedAsItselfNotAsTheDefaultStandingInForIt() {
        // one user: the default 2 could never be met, but the value written is what is wrong
        assertThat(problems(withSystems("allow", USERS, "    requiredApprovals: 2.0")), contains(
                "reg.yaml:12:24: 'requiredApprovals' must be a whole number, not '2.0'"));
        assertThat(problems(withSystems("allow", USERS, "    requiredApprovals: 0")), contains(
                "reg.yaml:12:24: requiredApprovals must be at least 1, not 0: the gate exists to require approvals"));
        String badDefault = "version: 1\nunknownSystems: allow\ndefaults:\n  requiredApprovals: two\n"
                + "  documentation:\n    allowedHosts: [wiki.example.com]\nsystems:\n" + USERS + "\n";
        assertThat(problems(badDefault), contains(
                "reg.yaml:4:22: 'requiredApprovals' must be a whole number, not 'two'"));
        // a valid value that cannot be met is still said
        assertThat(problems(withSystems("allow", USERS, "    requiredApprovals: 2")), contains(
                containsString("requiredApprovals 2 can never be met: only 1 single user(s)")));
    }

    @Test
    public void regularExpressionErrorsAreInTheFormatsWordsWithThePosition() {
        List<String> problems = problems(withSystems("allow", USERS.replace("\"user:alice\"", "leads"),
                "    emergency:",
                "      approvers: [incident-commanders]",
                "      incidentPattern: '*INC-[0-9]+'",
                "      reviewers: [sre-leads]",
                "      reviewWithin: 1d"));
        assertThat(problems, contains("reg.yaml:14:24: emergency.incidentPattern '*INC-[0-9]+' is not a valid"
                + " regular expression: a '*', '+' or '?' with nothing before it to repeat (write \\* for the"
                + " character itself), at character 1 of the expression"));
        assertThat(problems, everyItem(not(containsString("near index"))));
        assertThat(problems(withSystems("allow", USERS.replace("\"user:alice\"", "leads"), "    documentation:",
                "      requiredSections: [\"/Risk{x/\"]")), contains(containsString("a '{' that does not start a"
                        + " repetition such as {2} or {1,3} (write \\{ for the character itself), at character 5 of"
                        + " the expression")));
    }

    @Test
    public void indentationErrorsSaySo() {
        assertThat(problems("version: 1\nunknownSystems: allow\nsystems:\n  - id: a\n   name: b\n"), contains(
                containsString("(check the indentation: the keys of one mapping, and the '-' of one list, start in"
                        + " the same column")));
        assertThat(problems("version: 1\n  unknownSystems: allow\n"), contains(
                containsString("check the indentation")));
        assertThat(problems("version: 1\nunknownSystems:\tallow\nsystems:\n\t- id: a\n"), contains(
                containsString("(a tab: YAML indents with spaces only)")));
    }

    @Test
    public void controlCharactersOfTheFileAreEscapedInMessages() {
        assertThat(problems(withSystems("allow", USERS.replace("\"user:alice\"", "leads"))
                + "\"a\\u0007b\": 1\n\"a\\u0007b\": 2\n"),
                contains(
                        "reg.yaml:12:1: unknown key 'a\\u0007b' in the registry; the keys here are [version,"
                                + " unknownSystems, defaults, systems, overlays, freezes, windows]",
                        "reg.yaml:13:1: duplicate key 'a\\u0007b' in the registry (first at line 12)"));
    }
}
