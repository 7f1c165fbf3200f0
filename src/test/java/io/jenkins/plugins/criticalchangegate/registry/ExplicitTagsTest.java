package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.withSystems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * docs/registry.md promises that every explicit tag is refused: the standard ones too, which SnakeYAML would
 * otherwise read as the plain value they tag ({@code tier: !!str 1} as the whole number 1) (issue 17). Read from real
 * files, as Jenkins and {@code registry lint} read them.
 */
public class ExplicitTagsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String SYSTEM = String.join("\n",
            "  - id: checkout-service",
            "    name: NAME",
            "    tier: TIER",
            "    owners: OWNERS",
            "    approvers: [checkout-leads, sre-oncall]",
            "    requiredApprovals: REQUIRED");

    private static String system(String name, String tier, String owners, String required) {
        return withSystems("allow", SYSTEM.replace("NAME", name).replace("TIER", tier).replace("OWNERS", owners)
                .replace("REQUIRED", required));
    }

    private List<String> problemsOfFile(String text) throws Exception {
        Path file = tmp.newFile("critical.yaml").toPath();
        Files.writeString(file, text);
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(file));
        String prefix = file + ":";
        return e.problems().stream().map(p -> p.toString().substring(prefix.length())).collect(Collectors.toList());
    }

    @Test
    public void theUntaggedFileIsValid() throws Exception {
        Path file = tmp.newFile("critical.yaml").toPath();
        Files.writeString(file, system("A", "1", "[team-a]", "2"));
        assertThat(RegistryParser.parse(file).systems().get(0).requiredApprovals(), is(2));
    }

    @Test
    public void refusesTheStandardTagsOfTheIssueEachAtItsPlace() throws Exception {
        assertThat(problemsOfFile(system("!!str A", "!!str 1", "!<tag:yaml.org,2002:seq> [team-a]",
                "!!float 2")), contains(
                        "8:11: explicit tags are not allowed: remove '!!str' (a registry holds plain values, lists and"
                                + " mappings; see docs/registry.md)",
                        "9:11: explicit tags are not allowed: remove '!!str' (a registry holds plain values, lists and"
                                + " mappings; see docs/registry.md)",
                        "10:13: explicit tags are not allowed: remove '!!seq' (a registry holds plain values, lists"
                                + " and mappings; see docs/registry.md)",
                        "12:24: explicit tags are not allowed: remove '!!float' (a registry holds plain values, lists"
                                + " and mappings; see docs/registry.md)"));
    }

    @Test
    public void aWholeNumberWithAFloatTagIsRefusedAsIsTwoPointZero() throws Exception {
        assertThat(problemsOfFile(system("A", "1", "[team-a]", "!!float 2")), hasSize(1));
        assertThat(RegistryFixtures.problems(system("A", "1", "[team-a]", "2.0")), contains(
                "reg.yaml:12:24: 'requiredApprovals' must be a whole number, not '2.0'"));
    }

    @Test
    public void refusesATagOnAKeyAndOnMappingsAndTheNonSpecificTag() throws Exception {
        // the tagged key is not read: its place then lacks the key, which is said too
        assertThat(problemsOfFile("version: 1\n!!str unknownSystems: allow\nsystems: []\n"), hasItems(
                startsWith("1:1: missing required key 'unknownSystems'"),
                startsWith("2:1: explicit tags are not allowed: remove '!!str'")));
        assertThat(RegistryFixtures.problems("version: 1\nunknownSystems: ! allow\nsystems: []\n"), hasItem(
                containsString("reg.yaml:2:17: explicit tags are not allowed: remove '!'")));
        assertThat(RegistryFixtures.problems("!!map\nversion: 1\nunknownSystems: allow\nsystems: []\n"), hasItem(
                containsString("reg.yaml:1:1: explicit tags are not allowed: remove '!!map'")));
        assertThat(RegistryFixtures.problems("version: !!int 1\nunknownSystems: allow\nsystems: []\n"), hasItem(
                containsString("reg.yaml:1:10: explicit tags are not allowed: remove '!!int'")));
    }

    @Test
    public void aTaggedValueIsReportedOnceAndTheOtherProblemsStillComeWithIt() {
        List<String> problems = RegistryFixtures.problems(system("A", "!!binary MQ==", "[team-a]", "zero"));
        assertThat(problems, contains(
                containsString("reg.yaml:9:11: explicit tags are not allowed: remove '!!binary'"),
                is("reg.yaml:12:24: 'requiredApprovals' must be a whole number, not 'zero'")));
        assertThat(problems, everyItem(not(containsString("is not supported"))));
    }

    @Test
    public void quotedAndPlainTextWithExclamationMarksIsNoTag() throws Exception {
        Registry registry = RegistryFixtures.parse(system("\"!!str A\"", "1", "[team-a]", "2"));
        assertThat(registry.systems().get(0).name(), is("!!str A"));
        assertThat(RegistryFixtures.parse(system("A!", "1", "[team-a]", "2")).systems().get(0).name(), is("A!"));
    }

    /**
     * The approvers refused for their tags: the tags are the problems, not an internal error over an empty list
     * ("system checkout-service lists no approvers").
     */
    @Test
    public void taggedApproversAreTheTagsProblemsOnly() throws Exception {
        String text = withSystems("allow", "  - id: checkout-service", "    name: Checkout", "    tier: 1",
                "    owners: [team-a]", "    approvers: !custom [checkout-leads, sre-oncall]");
        assertThat(problemsOfFile(text), contains("11:16: explicit tags are not allowed: remove '!custom' (a registry"
                + " holds plain values, lists and mappings; see docs/registry.md)"));
    }

    @Test
    public void taggedApproverItemsAreTheTagsProblemsOnly() throws Exception {
        String items = withSystems("allow", "  - id: checkout-service", "    name: Checkout", "    tier: 1",
                "    owners: [team-a]", "    approvers: [!!str checkout-leads]");
        assertThat(problemsOfFile(items), contains("11:17: explicit tags are not allowed: remove '!!str' (a registry"
                + " holds plain values, lists and mappings; see docs/registry.md)"));
    }
}
