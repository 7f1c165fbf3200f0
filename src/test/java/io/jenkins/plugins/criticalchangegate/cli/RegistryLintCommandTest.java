package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code registry lint} checks what Jenkins checks: the maximum approval timeout, and warns (issue 17). */
public class RegistryLintCommandTest {
    private static final String ONE = String.join("\n",
            "version: 1",
            "unknownSystems: allow",
            "defaults:",
            "  documentation:",
            "    allowedHosts: [wiki.example.com]",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]",
            "    approvalTimeout: 45d",
            "    jobs: [\"retail/**\"]",
            "");
    private static final String WEAK = ONE.replace("approvalTimeout: 45d", "approvalTimeout: 1d")
            + String.join("\n",
            "  - id: checkout-tools",
            "    name: Tools",
            "    tier: 2",
            "    owners: [team-checkout]",
            "    approvers: [\"user:bob\"]",
            "    requiredApprovals: 1",
            "    jobs: [\"retail/*/deploy\"]",
            "");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    @Before
    public void writeRegistries() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("one.yaml"), ONE);
        Files.writeString(dir.resolve("weak.yaml"), WEAK);
    }

    private ToolRun run(String... args) {
        return ToolRun.in(dir, args);
    }

    @Test
    public void refusesAnApprovalTimeoutBeyondJenkinsDefaultMaximumUnlessTold() {
        ToolRun run = run("registry", "lint", "one.yaml");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.out, is("one.yaml:12:22: approvalTimeout '45d' is longer than 30d, the longest this Jenkins"
                + " allows (Manage Jenkins → System → Critical change gate)\n"));
        ToolRun allowed = run("registry", "lint", "--max-approval-timeout", "60d", "one.yaml");
        assertThat(allowed.toString(), allowed.exit, is(0));
        assertThat(allowed.out, is("one.yaml: OK, 1 system\n"));
    }

    @Test
    public void aBadMaximumIsAUsageError() {
        ToolRun run = run("registry", "lint", "--max-approval-timeout", "400d", "one.yaml");
        assertThat(run.exit, is(2));
        assertThat(run.err, containsString("--max-approval-timeout: '400d' must be longer than 0 and at most 365d"));
        assertThat(run("registry", "lint", "--max-approval-timeout", "a\u0007week", "one.yaml").err,
                containsString("'a\\u0007week' is not a duration"));
    }

    @Test
    public void warnsWithExitZeroAndFailsOnWarningsWithStrict() {
        ToolRun run = run("registry", "lint", "weak.yaml");
        assertThat(run.toString(), run.exit, is(0));
        assertThat(run.out, is("weak.yaml:18:16: warning: system 'checkout-tools' has a single possible approver"
                + " (user:bob): no one else can approve a change, and their own changes can never pass; list a group"
                + " or more users\n"
                + "weak.yaml:20:12: warning: jobs 'retail/*/deploy' of system 'checkout-tools' and 'retail/**' of"
                + " system 'checkout-service' (line 13) overlap, and the two systems' rules differ: a job matching"
                + " both may name either system and pass by the weaker rules; bind each job to one system\n"
                + "weak.yaml: OK, 2 systems\n"));
        ToolRun strict = run("registry", "lint", "--strict", "weak.yaml");
        assertThat(strict.exit, is(1));
        assertThat(strict.out, is(run.out.replace("weak.yaml: OK, 2 systems\n",
                "weak.yaml: FAILED (--strict), 2 warnings, 2 systems\n")));
        assertThat(run("registry", "lint", "--strict", "--max-approval-timeout", "45d", "one.yaml").exit, is(0));
    }
}
