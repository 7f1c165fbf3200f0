package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.parse;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.problems;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.withSystems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

/** {@code approvalRules:} in defaults and per system (docs/registry.md, "Approval rules"). */
public class ApprovalRulesParserTest {
    private static final String CHECKOUT = String.join("\n",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]");

    @Test
    public void readsTheRulesOfASystemAndTheTotalTheyNeed() throws Exception {
        Registry registry = parse(withSystems("allow", CHECKOUT,
                "    approvalRules:",
                "      - {group: checkout-leads, count: 1}",
                "      - {group: sre-oncall, count: 2}",
                "      - {group: user:alice, count: 1}"));
        CriticalSystem checkout = registry.systems().get(0);
        assertThat(checkout.approvalRules(), contains(ApprovalRule.of(ApproverRef.group("checkout-leads"), 1),
                ApprovalRule.of(ApproverRef.group("sre-oncall"), 2), ApprovalRule.of(ApproverRef.user("alice"), 1)));
        assertThat(checkout.requiredApprovals(), is(2));
        assertThat(checkout.approvalsNeeded(), is(4));
    }

    @Test
    public void aSystemTakesTheRulesOfTheDefaultsUnlessItHasItsOwn() throws Exception {
        Registry registry = parse("version: 1\nunknownSystems: allow\ndefaults:\n  approvalRules: [{group: sre-oncall,"
                + " count: 1}]\n  documentation:\n    allowedHosts: [wiki.example.com]\nsystems:\n" + CHECKOUT + "\n"
                + CHECKOUT.replace("checkout-service", "payments").replace("Checkout", "Payments")
                + "\n    approvalRules: [{group: checkout-leads, count: 1}]\n");
        assertThat(registry.systems().get(0).approvalRules(), contains(ApprovalRule.of(ApproverRef.group("sre-oncall"),
                1)));
        assertThat(registry.systems().get(1).approvalRules(), contains(ApprovalRule.of(
                ApproverRef.group("checkout-leads"), 1)));
    }

    @Test
    public void withoutRulesASystemHasNone() throws Exception {
        assertThat(parse(withSystems("allow", CHECKOUT)).systems().get(0).approvalRules(), is(empty()));
    }

    @Test
    public void everyBadRuleIsReportedWithItsPosition() {
        List<String> problems = problems(withSystems("allow", CHECKOUT,
                "    approvalRules:",
                "      - {group: checkout-leads, count: 0}",
                "      - {group: sre-oncall}",
                "      - {group: user:alice, count: 2}",
                "      - {group: Checkout-Leads, count: 1}",
                "      - {group: checkout-leads, count: 1}",
                "      - {grup: sre-oncall, count: 1}",
                "      - just-a-group"));
        assertThat(problems, containsInAnyOrder(
                "reg.yaml:13:40: count must be at least 1, not 0",
                "reg.yaml:14:9: missing required key 'count' (how many approvals through that group)",
                "reg.yaml:15:36: the rule for user:alice asks for 2 approvals, but a single user approves once: use"
                        + " count: 1, or a group",
                "reg.yaml:17:17: approval rule for 'checkout-leads' is listed twice (first at line 16): give one rule"
                        + " per group with the count it needs",
                "reg.yaml:18:10: unknown key 'grup' in an approval rule; did you mean 'group'?",
                "reg.yaml:18:9: missing required key 'group' (the group (or user:<id>) the approvals must come through)",
                "reg.yaml:19:9: each entry of approvalRules must be a mapping of keys to values, not the single value"
                        + " 'just-a-group'"));
    }

    @Test
    public void aRuleAskingTwoFromOneGroupCanNeverBeMetWithDistinctGroups() {
        List<String> problems = problems(withSystems("allow", CHECKOUT,
                "    requireDistinctGroups: true",
                "    approvalRules: [{group: sre-oncall, count: 2}]"));
        assertThat(problems, contains("reg.yaml:13:20: system 'checkout-service': the approval rule 2 from group"
                + " sre-oncall can never be met with requireDistinctGroups, which counts one approval per group"));
    }
}
