package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.ApprovalRule;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.TrailerPattern;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/** Which requirement applies to a change, and why (docs/registry.md, "AI-assisted changes"). */
public class AiAssistedChangeTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String HUMAN = "Fix rounding\n\nSigned-off-by: Alice <alice@example.com>\n";
    private static final String BY_CLAUDE = "Add retries\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n";
    private static final String BY_COPILOT = "Tidy up\n\nCo-authored-by: Copilot <1+Copilot@users.noreply.github.com>\n";

    private static CriticalSystem checkout(AiAssistedRule rule) {
        return CriticalSystem.builder("checkout-service").approvers("checkout-leads", "sre-oncall", "security")
                .requiredApprovals(2).aiAssisted(rule).build();
    }

    private static AiAssistedRule threeApprovals() {
        return AiAssistedRule.builder().requiredApprovals(3).build();
    }

    private static List<CommitMessage> commits(String... messages) {
        CommitMessage[] commits = new CommitMessage[messages.length];
        for (int i = 0; i < messages.length; i++) {
            commits[i] = CommitMessage.of("c" + i, messages[i]);
        }
        return List.of(commits);
    }

    @Test
    public void aHumanChangeKeepsTheSystemsOwnRequirement() {
        CriticalSystem system = checkout(threeApprovals());
        AiAssistedChange change = AiAssistedChange.assess(system, commits(HUMAN), false);
        assertThat(change.system(), is(sameInstance(system)));
        assertThat(change.aiAssistance(), is(Optional.empty()));
    }

    @Test
    public void aTrailerMakesTheStricterRuleApplyAndSaysWhichCommitAndTrailer() {
        AiAssistedChange change = AiAssistedChange.assess(checkout(threeApprovals()), commits(HUMAN, BY_CLAUDE,
                BY_COPILOT), false);
        assertThat(change.system().requiredApprovals(), is(3));
        AiAssistance why = change.aiAssistance().orElseThrow();
        assertThat(why.reason(), is(AiAssistance.Reason.TRAILER));
        assertThat(why.declared(), is(false));
        assertThat(why.commit(), is(Optional.of("c1")));
        assertThat(why.trailer(), is(Optional.of("Co-Authored-By: Claude <noreply@anthropic.com>")));
        assertThat(why.pattern().orElseThrow(), is("Claude (built-in)"));
        assertThat(why.describe(), is("the stricter rule for AI-assisted changes applies: commit c1 has the trailer"
                + " 'Co-Authored-By: Claude <noreply@anthropic.com>', which matches Claude (built-in)"));
    }

    @Test
    public void aDeclarationMakesTheStricterRuleApplyWithoutATrailer() {
        AiAssistedChange change = AiAssistedChange.assess(checkout(threeApprovals()), commits(HUMAN), true);
        assertThat(change.system().requiredApprovals(), is(3));
        AiAssistance why = change.aiAssistance().orElseThrow();
        assertThat(why.reason(), is(AiAssistance.Reason.DECLARED));
        assertThat(why.commit(), is(Optional.empty()));
        assertThat(why.describe(), endsWith("the pipeline declared the change AI-assisted"));
    }

    @Test
    public void aDeclarationAndATrailerNameTheTrailerAndTheDeclaration() {
        AiAssistance why = AiAssistedChange.assess(checkout(threeApprovals()), commits(BY_COPILOT), true)
                .aiAssistance().orElseThrow();
        assertThat(why.reason(), is(AiAssistance.Reason.TRAILER));
        assertThat(why.declared(), is(true));
        assertThat(why.describe(), endsWith(", and the pipeline declared the change AI-assisted"));
    }

    @Test
    public void notDeclaringNeverLiftsWhatTheTrailersCallFor() {
        assertThat(AiAssistedChange.assess(checkout(threeApprovals()), commits(BY_CLAUDE), false).system()
                .requiredApprovals(), is(3));
    }

    @Test
    public void withoutTrailerPatternsOnlyADeclarationCounts() {
        AiAssistedRule declaredOnly = AiAssistedRule.builder().trailers(List.of()).requiredApprovals(3).build();
        assertThat(AiAssistedChange.assess(checkout(declaredOnly), commits(BY_CLAUDE), false).aiAssistance(),
                is(Optional.empty()));
        assertThat(AiAssistedChange.assess(checkout(declaredOnly), commits(BY_CLAUDE), true).aiAssistance()
                .orElseThrow().reason(), is(AiAssistance.Reason.DECLARED));
    }

    @Test
    public void aSystemWithoutARuleKeepsItsRequirementEvenWhenDeclared() {
        CriticalSystem plain = checkout(null);
        AiAssistedChange change = AiAssistedChange.assess(plain, commits(BY_CLAUDE), true);
        assertThat(change.system(), is(sameInstance(plain)));
        assertThat(change.aiAssistance(), is(Optional.empty()));
    }

    @Test
    public void theRegistrysOwnPatternsComeInTheirOrderAndTheFirstMatchingTrailerWins() {
        AiAssistedRule rule = AiAssistedRule.builder().requiredApprovals(3).trailers(List.of(
                TrailerPattern.of("AI-Tool", "codegen"), TrailerPattern.of("Assisted-by", null))).build();
        AiAssistance why = AiAssistedChange.assess(checkout(rule), commits(
                "Subject\n\nAssisted-by: a colleague\nAI-Tool: CodeGen 2\n"), false).aiAssistance().orElseThrow();
        assertThat(why.trailer(), is(Optional.of("Assisted-by: a colleague")));
        assertThat(why.pattern(), is(Optional.of("Assisted-by: any value")));
        // the built-in Claude pattern is not among this registry's
        assertThat(AiAssistedChange.assess(checkout(rule), commits(BY_CLAUDE), false).aiAssistance(),
                is(Optional.empty()));
    }

    @Test
    public void aTrailerOutsideTheTrailerBlockDoesNotCount() {
        assertThat(AiAssistedChange.assess(checkout(threeApprovals()), commits(
                "Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nMore prose after it.\n"), false)
                .aiAssistance(), is(Optional.empty()));
    }

    @Test
    public void theTrailerKeptInTheTrailIsPrintableAndShort() {
        AiAssistance why = AiAssistedChange.assess(checkout(threeApprovals()), commits(
                "Subject\n\nAssisted-by: tool\u001b[31m " + "x".repeat(400) + "\n"), false).aiAssistance()
                .orElseThrow();
        String trailer = why.trailer().orElseThrow();
        assertThat(trailer, containsString("tool\\u001b[31m x"));
        assertThat(trailer.length(), is(AiAssistance.MAX_TRAILER_LENGTH));
        assertThat(trailer, endsWith("..."));
    }

    @Test
    public void theStricterRuleOnlyEverTightens() {
        CriticalSystem strict = CriticalSystem.builder("payments").approvers("payments-leads", "sre", "user:alice")
                .requiredApprovals(4).requireDistinctGroups(true).excludeCommitAuthors(false)
                .approvalRules(List.of(ApprovalRule.of(ApproverRef.group("sre"), 1))).build();
        AiAssistedRule lenient = AiAssistedRule.builder().requiredApprovals(2).requireDistinctGroups(false)
                .excludeCommitAuthors(true).approvers(List.of(ApproverRef.group("SRE"), ApproverRef.group("other")))
                .build();
        CriticalSystem tightened = lenient.tighten(strict);
        assertThat(tightened.requiredApprovals(), is(4));
        assertThat(tightened.requireDistinctGroups(), is(true));
        assertThat(tightened.excludeCommitAuthors(), is(true));
        assertThat(tightened.approvers(), is(List.of(ApproverRef.group("sre"))));
        assertThat(tightened.approvalRules(), is(strict.approvalRules()));
        // approvers the system does not have at all leave its own (the registry refuses such a rule when it loads)
        AiAssistedRule foreign = AiAssistedRule.builder().approvers(List.of(ApproverRef.group("other"))).build();
        assertThat(foreign.tighten(strict).approvers(), is(strict.approvers()));
    }

    @Test
    public void theGateHoldsAnAiAssistedChangeToTheStricterRuleAndItsTrailSaysWhy() {
        AiAssistedChange change = AiAssistedChange.assess(checkout(threeApprovals()), commits(BY_CLAUDE), false);
        GateRequest request = new GateRequest(change.system(), "CHG-7", "carol", Set.of(), Set.of(), T0,
                change.aiAssistance().orElseThrow());
        Gate gate = Gate.open(request, IdentityComparison.IGNORING_CASE);
        assertThat(gate.state().events().get(0).text().orElseThrow(), is("change CHG-7 to checkout-service needs 3"
                + " approval(s) by 2026-11-27T10:00:00Z; the stricter rule for AI-assisted changes applies: commit c0"
                + " has the trailer 'Co-Authored-By: Claude <noreply@anthropic.com>', which matches Claude"
                + " (built-in)"));
        gate.approve(Person.of("erin", "checkout-leads"), null, T0.plusSeconds(1));
        gate.approve(Person.of("frank", "sre-oncall"), null, T0.plusSeconds(2));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        gate.approve(Person.of("gina", "security"), null, T0.plusSeconds(3));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
    }

    @Test
    public void aRequestWithoutTheRuleSaysNothingOfIt() {
        GateRequest request = new GateRequest(checkout(threeApprovals()), "CHG-7", "carol", Set.of(), T0);
        assertThat(request.aiAssistance(), is(Optional.empty()));
        assertThat(Gate.open(request, IdentityComparison.IGNORING_CASE).state().events().get(0).text().orElseThrow(),
                is("change CHG-7 to checkout-service needs 2 approval(s) by 2026-11-27T10:00:00Z"));
    }

    @Test
    public void theStateWithTheRuleAndTheReasonSurvivesJavaSerialization() throws Exception {
        AiAssistedRule rule = AiAssistedRule.builder().requiredApprovals(3).approvers(List.of(
                ApproverRef.group("security"))).approvalRules(List.of(ApprovalRule.of(ApproverRef.group("security"),
                1))).trailers(List.of(TrailerPattern.of("AI-Tool", "x"), TrailerPattern.BUILT_IN.get(0))).build();
        AiAssistedChange change = AiAssistedChange.assess(checkout(rule), commits("S\n\nAI-Tool: x\n"), true);
        GateState state = Gate.open(new GateRequest(change.system(), "CHG-7", "carol", Set.of(), Set.of(), T0,
                change.aiAssistance().orElseThrow()), IdentityComparison.IGNORING_CASE).state();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        GateState back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (GateState) in.readObject();
        }
        assertThat(back.request().system(), is(change.system()));
        assertThat(back.request().aiAssistance(), is(change.aiAssistance()));
        assertThat(back.request().system().aiAssisted().orElseThrow().trailers().get(0).matches("ai-tool", "X"),
                is(true));
    }

    @Test
    public void aCommitNeedsAnId() {
        assertThrows(IllegalArgumentException.class, () -> CommitMessage.of(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> CommitMessage.of("a\nb", "x"));
        assertThat(CommitMessage.of(" " + "f".repeat(150), "x").id().length(), is(100));
    }
}
