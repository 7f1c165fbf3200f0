package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** What registry lint warns about in a valid registry, and the maximum approval timeout it checks against. */
public class RegistryWarningsTest {
    private static final String HEAD = "version: 1\nunknownSystems: allow\ndefaults:\n  documentation:\n"
            + "    allowedHosts: [wiki.example.com]\nsystems:\n";

    private static String system(String id, String approvers, String jobs, String extra) {
        return "  - id: " + id + "\n    name: N\n    tier: 1\n    owners: [t]\n    approvers: " + approvers + "\n"
                + "    jobs: " + jobs + "\n" + extra;
    }

    private static List<String> warnings(String text) throws RegistryException {
        return RegistryLint.of(text.getBytes(StandardCharsets.UTF_8), "reg.yaml", Duration.ofDays(30)).warnings()
                .stream().map(RegistryProblem::toString).collect(Collectors.toList());
    }

    @Test
    public void aWellFormedRegistryHasNoWarnings() throws Exception {
        assertThat(warnings(HEAD + system("checkout-service", "[leads, sre]", "[\"retail/**\"]", "")
                + system("payments", "[leads, sre]", "[\"payments/**\"]", "")), is(empty()));
    }

    @Test
    public void warnsOfOverlappingGlobsOfSystemsWhoseRulesDiffer() throws Exception {
        String text = HEAD + system("checkout-service", "[leads, sre]", "[\"retail/**\"]", "")
                + system("checkout-tools", "[leads, sre]", "[\"retail/checkout/deploy-*\"]",
                        "    requiredApprovals: 1\n");
        assertThat(warnings(text), contains("reg.yaml:18:12: warning: jobs 'retail/checkout/deploy-*' of system"
                + " 'checkout-tools' and 'retail/**' of system 'checkout-service' (line 12) overlap, and the two"
                + " systems' rules differ: a job matching both may name either system and pass by the weaker rules;"
                + " bind each job to one system"));
        // same rules: either name gives the same gate, nothing to sidestep
        assertThat(warnings(text.replace("    requiredApprovals: 1\n", "")), is(empty()));
        // globs with a leading wildcard are compared too
        assertThat(warnings(HEAD + system("checkout-service", "[leads, sre]", "[\"*/deploy\"]", "")
                + system("payments", "[leads]", "[\"payments/*\"]", "    requiredApprovals: 1\n")).size(), is(1));
    }

    @Test
    public void warnsOfASingleApproverAndOfVeryShortIds() throws Exception {
        assertThat(warnings(HEAD + system("db", "[\"user:alice\"]", "[]", "    requiredApprovals: 1\n")), contains(
                "reg.yaml:7:9: warning: id 'db' is very short (2 characters): any unknown id within 2 edits of it"
                        + " is refused as a typo ('did you mean'); use a descriptive id such as checkout-service",
                "reg.yaml:11:16: warning: system 'db' has a single possible approver (user:alice): no one else can"
                        + " approve a change, and their own changes can never pass; list a group or more users"));
        assertThat(warnings(HEAD + system("abcd", "[leads]", "[]", "")), is(empty()));
    }

    @Test
    public void checksApprovalTimeoutsAgainstTheMaximumGiven() throws Exception {
        byte[] text = (HEAD + system("checkout-service", "[leads, sre]", "[]", "    approvalTimeout: 31d\n"))
                .getBytes(StandardCharsets.UTF_8);
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryLint.of(text, "reg.yaml", RegistryLint.JENKINS_DEFAULT_MAX_APPROVAL_TIMEOUT));
        assertThat(e.problems().get(0).toString(), is("reg.yaml:13:22: approvalTimeout '31d' is longer than 30d,"
                + " the longest this Jenkins allows (Manage Jenkins → System → Critical change gate)"));
        assertThat(RegistryLint.of(text, "reg.yaml", Duration.ofDays(31)).registry().size(), is(1));
        assertThat(RegistryLint.duration("36h"), is(Duration.ofHours(36)));
        assertThrows(IllegalArgumentException.class, () -> RegistryLint.duration("366d"));
        assertThrows(IllegalArgumentException.class, () -> RegistryLint.duration("1w"));
    }
}
