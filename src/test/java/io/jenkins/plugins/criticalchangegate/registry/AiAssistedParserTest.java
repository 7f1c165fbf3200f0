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
import java.util.Optional;
import org.junit.Test;

/** {@code aiAssisted:} in defaults and per system (docs/registry.md, "AI-assisted changes"). */
public class AiAssistedParserTest {
    private static final String CHECKOUT = String.join("\n",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall, security]");

    private static String withDefaults(String... lines) {
        return "version: 1\nunknownSystems: allow\ndefaults:\n  documentation:\n    allowedHosts: [wiki.example.com]\n"
                + String.join("\n", lines) + "\nsystems:\n";
    }

    private static AiAssistedRule rule(CriticalSystem system) {
        return system.aiAssisted().orElseThrow();
    }

    @Test
    public void aRegistryWithoutTheKeyHasNoRuleAndMeansWhatItMeant() throws Exception {
        CriticalSystem checkout = parse(withSystems("allow", CHECKOUT)).systems().get(0);
        assertThat(checkout.aiAssisted(), is(Optional.empty()));
        Registry valid = parse(RegistryFixtures.VALID);
        assertThat(valid.systems().get(0).aiAssisted(), is(Optional.empty()));
        assertThat(valid.systems().get(1).aiAssisted().orElseThrow().approvalRules(), contains(ApprovalRule.of(
                ApproverRef.group("security-officers"), 1)));
    }

    @Test
    public void aSystemsOwnRuleWithTheBuiltInTrailers() throws Exception {
        CriticalSystem checkout = parse(withSystems("allow", CHECKOUT.replace("security]", "security, user:alice]"),
                "    aiAssisted:",
                "      require:",
                "        requiredApprovals: 3",
                "        requireDistinctGroups: true",
                "        excludeCommitAuthors: true",
                "        approvers: [Checkout-Leads, security, SRE-oncall]",
                "        approvalRules: [{group: security, count: 1}]")).systems().get(0);
        AiAssistedRule rule = rule(checkout);
        assertThat(rule.trailers(), is(TrailerPattern.BUILT_IN));
        assertThat(rule.requiredApprovals(), is(Optional.of(3)));
        assertThat(rule.requireDistinctGroups(), is(true));
        assertThat(rule.excludeCommitAuthors(), is(true));
        assertThat(rule.approvers(), is(Optional.of(List.of(ApproverRef.group("Checkout-Leads"),
                ApproverRef.group("security"), ApproverRef.group("SRE-oncall")))));
        assertThat(rule.approvalRules(), contains(ApprovalRule.of(ApproverRef.group("security"), 1)));

        CriticalSystem strict = rule.tighten(checkout);
        assertThat(strict.requiredApprovals(), is(3));
        assertThat(strict.requireDistinctGroups(), is(true));
        // narrowed to the system's own entries, in the system's order and spelling: alice may not approve
        assertThat(strict.approvers(), contains(ApproverRef.group("checkout-leads"), ApproverRef.group("sre-oncall"),
                ApproverRef.group("security")));
        assertThat(strict.approvalRules(), contains(ApprovalRule.of(ApproverRef.group("security"), 1)));
        assertThat(strict.requirement(), is("3 approval(s) from: group checkout-leads, group sre-oncall, group"
                + " security; including 1"
                + " from group security; each through a different group; not the build's starter nor a commit author"));
        // the system itself is unchanged
        assertThat(checkout.requiredApprovals(), is(2));
        assertThat(strict.aiAssisted(), is(checkout.aiAssisted()));
    }

    @Test
    public void trailersMayBeTheRegistrysOwnTheBuiltInsOrNone() throws Exception {
        CriticalSystem own = parse(withSystems("allow", CHECKOUT,
                "    aiAssisted:",
                "      trailers:",
                "        - {key: AI-Tool, value: \"internal-llm|codegen\"}",
                "        - built-in",
                "        - {key: X-Generated}",
                "      require: {requiredApprovals: 3}")).systems().get(0);
        List<TrailerPattern> trailers = rule(own).trailers();
        assertThat(trailers.get(0), is(TrailerPattern.of("AI-Tool", "internal-llm|codegen")));
        assertThat(trailers.subList(1, 1 + TrailerPattern.BUILT_IN.size()), is(TrailerPattern.BUILT_IN));
        assertThat(trailers.get(trailers.size() - 1), is(TrailerPattern.of("X-Generated", null)));

        CriticalSystem none = parse(withSystems("allow", CHECKOUT,
                "    aiAssisted: {trailers: [], require: {requiredApprovals: 3}}")).systems().get(0);
        assertThat(rule(none).trailers(), is(empty()));
    }

    @Test
    public void aSystemTakesTheDefaultsRuleKeyByKey() throws Exception {
        Registry registry = parse(withDefaults(
                "  requiredApprovals: 2",
                "  aiAssisted:",
                "    trailers: [{key: AI-Tool}]",
                "    require:",
                "      requiredApprovals: 3",
                "      requireDistinctGroups: true")
                + CHECKOUT + "\n"
                + CHECKOUT.replace("checkout-service", "payments").replace("Checkout", "Payments") + "\n"
                + "    requiredApprovals: 3\n"
                + "    aiAssisted:\n"
                + "      require:\n"
                + "        requireDistinctGroups: false\n"
                + "        approvalRules: [{group: security, count: 1}]\n");
        AiAssistedRule checkout = rule(registry.systems().get(0));
        assertThat(checkout.trailers(), contains(TrailerPattern.of("AI-Tool", null)));
        assertThat(checkout.requiredApprovals(), is(Optional.of(3)));
        assertThat(checkout.requireDistinctGroups(), is(true));

        AiAssistedRule payments = rule(registry.systems().get(1));
        assertThat(payments.trailers(), contains(TrailerPattern.of("AI-Tool", null)));
        assertThat(payments.requiredApprovals(), is(Optional.of(3)));
        assertThat(payments.requireDistinctGroups(), is(false));
        assertThat(payments.approvalRules(), contains(ApprovalRule.of(ApproverRef.group("security"), 1)));
    }

    @Test
    public void aSystemAskingForMoreThanTheDefaultsRuleKeepsItsOwnCount() throws Exception {
        Registry registry = parse(withDefaults(
                "  aiAssisted:",
                "    require: {requiredApprovals: 3}")
                + CHECKOUT + "\n    requiredApprovals: 4\n"
                + CHECKOUT.replace("checkout-service", "search").replace("Checkout", "Search") + "\n"
                + "    requiredApprovals: 1\n");
        CriticalSystem checkout = registry.systems().get(0);
        assertThat(rule(checkout).tighten(checkout).requiredApprovals(), is(4));
        CriticalSystem search = registry.systems().get(1);
        assertThat(rule(search).tighten(search).requiredApprovals(), is(3));
    }

    @Test
    public void defaultsApproversNarrowEachSystemToThoseItHas() throws Exception {
        Registry registry = parse(withDefaults(
                "  aiAssisted:",
                "    require: {approvers: [security, sre-oncall, search-leads]}")
                + CHECKOUT + "\n"
                + "  - {id: search, name: Search, tier: 2, owners: [s], approvers: [search-team, Search-Leads,"
                + " user:alice]}\n");
        CriticalSystem checkout = registry.systems().get(0);
        assertThat(rule(checkout).tighten(checkout).approvers(), contains(ApproverRef.group("sre-oncall"),
                ApproverRef.group("security")));
        CriticalSystem search = registry.systems().get(1);
        assertThat(rule(search).tighten(search).approvers(), contains(ApproverRef.group("Search-Leads")));
    }

    @Test
    public void theRulesAddedKeepTheHigherCountForAGroupInBoth() throws Exception {
        CriticalSystem checkout = parse(withSystems("allow", CHECKOUT,
                "    approvalRules: [{group: checkout-leads, count: 1}, {group: sre-oncall, count: 2}]",
                "    aiAssisted:",
                "      require:",
                "        approvalRules: [{group: SRE-oncall, count: 1}, {group: Checkout-Leads, count: 2},"
                        + " {group: security, count: 1}]")).systems().get(0);
        CriticalSystem strict = rule(checkout).tighten(checkout);
        assertThat(strict.approvalRules(), contains(ApprovalRule.of(ApproverRef.group("checkout-leads"), 2),
                ApprovalRule.of(ApproverRef.group("sre-oncall"), 2), ApprovalRule.of(ApproverRef.group("security"), 1)));
        assertThat(strict.approvalsNeeded(), is(5));
    }

    @Test
    public void aRuleWrittenForASystemMayNotAskForLessThanTheSystem() {
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    requiredApprovals: 3",
                "    aiAssisted:",
                "      require:",
                "        requiredApprovals: 2",
                "        approvers: [checkout-leads, developers, user:bob]")), contains(
                "reg.yaml:15:28: system 'checkout-service': aiAssisted.require.requiredApprovals 2 is lower than the"
                        + " system's requiredApprovals 3: the rule for AI-assisted changes may only be stricter; write 3"
                        + " or more",
                "reg.yaml:16:20: system 'checkout-service': aiAssisted.require.approvers may only narrow the system's"
                        + " approvers, and 'developers', 'user:bob' are not among them: to require an approval from"
                        + " another group as well, add an approval rule (aiAssisted.require.approvalRules)"));
        // lower than the count the system inherits counts too
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    aiAssisted: {require: {requiredApprovals: 1}}")), contains(
                "reg.yaml:12:47: system 'checkout-service': aiAssisted.require.requiredApprovals 1 is lower than the"
                        + " system's requiredApprovals 2: the rule for AI-assisted changes may only be stricter; write 2"
                        + " or more"));
    }

    @Test
    public void theDefaultsRuleMayNotAskForLessThanTheDefaults() {
        assertThat(problems(withDefaults(
                "  requiredApprovals: 3",
                "  aiAssisted: {require: {requiredApprovals: 2}}") + CHECKOUT + "\n"), contains(
                "reg.yaml:7:45: defaults: aiAssisted.require.requiredApprovals 2 is lower than the defaults'"
                        + " requiredApprovals 3: the rule for AI-assisted changes may only be stricter; write 3 or"
                        + " more"));
        assertThat(problems(withDefaults("  aiAssisted: {require: {requiredApprovals: 1}}") + CHECKOUT + "\n"),
                contains("reg.yaml:6:45: defaults: aiAssisted.require.requiredApprovals 1 is lower than the built-in"
                        + " requiredApprovals 2: the rule for AI-assisted changes may only be stricter; write 2 or"
                        + " more"));
    }

    @Test
    public void defaultsApproversThatASystemDoesNotHaveAtAllAreRefusedForThatSystem() {
        assertThat(problems(withDefaults("  aiAssisted: {require: {approvers: [change-board]}}") + CHECKOUT + "\n"),
                contains("reg.yaml:8:5: system 'checkout-service': none of the approvers that"
                        + " aiAssisted.require.approvers lists in defaults (line 6) is an approver of this system, so no"
                        + " AI-assisted change to it could be approved: give the system its own"
                        + " aiAssisted.require.approvers"));
    }

    @Test
    public void aStricterRuleThatCouldNeverBeMetIsRefused() {
        String users = "  - id: search\n    name: Search\n    tier: 2\n    owners: [s]\n"
                + "    approvers: [user:bob, user:carol]";
        assertThat(problems(withSystems("allow", users,
                "    aiAssisted: {require: {requiredApprovals: 3}}")), contains(
                "reg.yaml:12:17: system 'search', for AI-assisted changes: requiredApprovals 3 can never be met: only 2"
                        + " single user(s) may approve"));
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    aiAssisted:",
                "      require: {requireDistinctGroups: true, approvalRules: [{group: security, count: 2}]}")),
                contains("reg.yaml:13:7: system 'checkout-service', for AI-assisted changes: the approval rule 2 from"
                        + " group security can never be met with requireDistinctGroups, which counts one approval per"
                        + " group"));
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    aiAssisted:",
                "      require: {requireDistinctGroups: true, requiredApprovals: 4}")),
                contains("reg.yaml:13:7: system 'checkout-service', for AI-assisted changes: requiredApprovals 4 can"
                        + " never be met with requireDistinctGroups: only 3 approver entries may approve"));
    }

    @Test
    public void aRuleNeedsARequirement() {
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    aiAssisted:",
                "      trailers: [built-in]")), contains(
                "reg.yaml:13:7: system 'checkout-service' has aiAssisted but no aiAssisted.require: say what an"
                        + " AI-assisted change needs (one or more of requiredApprovals, approvers, requireDistinctGroups,"
                        + " excludeCommitAuthors, approvalRules), here or in defaults"));
        assertThat(problems(withDefaults("  aiAssisted: {trailers: [built-in]}") + CHECKOUT + "\n"), contains(
                "reg.yaml:8:5: system 'checkout-service' has aiAssisted (from defaults) but no aiAssisted.require: say"
                        + " what an AI-assisted change needs (one or more of requiredApprovals, approvers,"
                        + " requireDistinctGroups, excludeCommitAuthors, approvalRules), here or in defaults"));
    }

    @Test
    public void everyBadValueIsReportedWithItsPosition() {
        List<String> problems = problems(withSystems("allow", CHECKOUT,
                "    aiAssisted:",
                "      requiredApprovals: 3",
                "      trailers:",
                "        - copilot",
                "        - {key: Co authored, value: x}",
                "        - {key: Assisted-by, value: \"(unclosed\"}",
                "        - {key: Assisted-by, vaule: x}",
                "        - built-in",
                "        - built-in",
                "        - [a]",
                "      require:",
                "        requiredApprovals: 0",
                "        approvers: []",
                "        requireDistinctGroups: yes",
                "        approvalRules: [{group: user:bob, count: 2}]",
                "        requiredApprovalz: 3"));
        assertThat(problems, containsInAnyOrder(
                "reg.yaml:13:7: unknown key 'requiredApprovals' in aiAssisted ('requiredApprovals' belongs under"
                        + " aiAssisted.require)",
                "reg.yaml:15:11: an entry of trailers is 'built-in' (the built-in patterns) or {key: TRAILER-KEY,"
                        + " value: REGEX}, not 'copilot'",
                "reg.yaml:16:17: trailer key 'Co authored' is not valid: use 1 to 100 letters, digits and '-', as git"
                        + " writes trailer keys (e.g. Co-authored-by)",
                "reg.yaml:17:37: trailer value pattern '(unclosed' is not a valid regular expression: a '(' that is"
                        + " never closed, at its end",
                "reg.yaml:18:30: unknown key 'vaule' in a trailer pattern; did you mean 'value'?",
                "reg.yaml:20:11: 'built-in' is listed twice in trailers (first at line 19)",
                "reg.yaml:21:11: each entry of trailers must be a mapping of keys to values, not a list",
                "reg.yaml:23:28: requiredApprovals must be at least 1, not 0",
                "reg.yaml:24:20: 'approvers' is empty: list at least one group or user:<id>",
                "reg.yaml:25:32: 'requireDistinctGroups' must be true or false, not 'yes'",
                "reg.yaml:26:50: the rule for user:bob asks for 2 approvals, but a single user approves once: use"
                        + " count: 1, or a group",
                "reg.yaml:27:9: unknown key 'requiredApprovalz' in aiAssisted.require; did you mean"
                        + " 'requiredApprovals'?"));
    }

    @Test
    public void emptyOrMisshapenSectionsAreRefused() {
        assertThat(problems(withSystems("allow", CHECKOUT, "    aiAssisted: {}")), contains(
                "reg.yaml:12:17: 'aiAssisted' is empty: give require (what an AI-assisted change needs) and, if the"
                        + " built-in trailers do not suit, trailers"));
        assertThat(problems(withSystems("allow", CHECKOUT, "    aiAssisted: yes")), contains(
                "reg.yaml:12:17: aiAssisted must be a mapping of keys to values, not the single value 'yes'"));
        assertThat(problems(withSystems("allow", CHECKOUT, "    aiAssisted: {require: {}}")), contains(
                "reg.yaml:12:27: 'require' is empty: give at least one of requiredApprovals, approvers,"
                        + " requireDistinctGroups, excludeCommitAuthors, approvalRules"));
        assertThat(problems(withSystems("allow", CHECKOUT, "    trailers: [built-in]")), contains(
                "reg.yaml:12:5: unknown key 'trailers' in a system ('trailers' belongs under aiAssisted)"));
    }
}
