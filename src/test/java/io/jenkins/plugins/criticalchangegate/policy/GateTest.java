package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.ApprovalRule;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystemBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

public class GateTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static CriticalSystemBuilder checkout() {
        return CriticalSystem.builder("checkout-service").name("Checkout")
                .approvers("checkout-leads", "sre-oncall", "user:alice").requiredApprovals(2)
                .approvalTimeout(Duration.ofHours(24));
    }

    private static Gate gate(CriticalSystem system) {
        return Gate.open(new GateRequest(system, "CHG-1", "carol", Set.of("dave"), T0),
                IdentityComparison.IGNORING_CASE);
    }

    private static Gate gate() {
        return gate(checkout().build());
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static RefusalReason refusal(Attempt attempt) {
        assertThat(attempt.toString(), attempt.accepted(), is(false));
        return attempt.refusal().orElseThrow();
    }

    @Test
    public void approvedOnceTheRequiredNumberOfDistinctAuthorizedPeopleApprove() {
        Gate gate = gate();
        Attempt first = gate.approve(Person.of("erin", "checkout-leads"), "looks good", at(1));
        assertThat(first.accepted(), is(true));
        assertThat(first.decisive(), is(false));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.approvalsStillNeeded(), is(1));
        Attempt second = gate.approve(Person.of("frank", "sre-oncall"), null, at(2));
        assertThat(second.accepted(), is(true));
        assertThat(second.decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
        assertThat(gate.approvalsStillNeeded(), is(0));
        assertThat(gate.approvals().stream().map(a -> a.user() + "/" + a.through()).collect(Collectors.toList()),
                contains("erin/checkout-leads", "frank/sre-oncall"));
        assertThat(gate.approvals().get(0).comment().orElseThrow(), is("looks good"));
        assertThat(gate.approvals().get(1).at(), is(at(2)));
    }

    @Test
    public void refusesTheUserWhoStartedTheBuildIgnoringCase() {
        Gate gate = gate();
        Attempt attempt = gate.approve(Person.of("Carol", "checkout-leads"), null, at(1));
        assertThat(refusal(attempt), is(RefusalReason.SELF_APPROVAL));
        assertThat(attempt.message(), is("Carol started this build and may not approve it"));
        assertThat(gate.approvals(), is(empty()));
        assertThat(gate.approvalsStillNeeded(), is(2));
        assertThat(gate.refused().get(0).reason(), is(RefusalReason.SELF_APPROVAL));
        assertThat(gate.refused().get(0).user(), is("Carol"));
        assertThat(gate.refused().get(0).action(), is(RefusedAttempt.Action.APPROVE));
    }

    @Test
    public void refusesWhoeverStartedAnUpstreamBuildThatTriggeredThisOne() {
        Gate gate = Gate.open(new GateRequest(checkout().build(), "CHG-1", null, Set.of("Hank", "ivan"), Set.of(), T0),
                IdentityComparison.IGNORING_CASE);
        Attempt attempt = gate.approve(Person.of("hank", "checkout-leads"), null, at(1));
        assertThat(refusal(attempt), is(RefusalReason.SELF_APPROVAL));
        assertThat(attempt.message(), containsString("started an upstream build"));
        assertThat(refusal(gate.approve(Person.of("IVAN", "sre-oncall"), null, at(2))), is(RefusalReason.SELF_APPROVAL));
        assertThat(gate.approvalsStillNeeded(), is(2));
        assertThat(gate.approve(Person.of("erin", "checkout-leads"), null, at(3)).accepted(), is(true));
    }

    @Test
    public void refusesCommitAuthorsOnlyWhileTheSystemExcludesThem() {
        assertThat(refusal(gate().approve(Person.of("DAVE", "sre-oncall"), null, at(1))),
                is(RefusalReason.COMMIT_AUTHOR));
        Gate lenient = gate(checkout().excludeCommitAuthors(false).build());
        assertThat(lenient.approve(Person.of("dave", "sre-oncall"), null, at(1)).accepted(), is(true));
        // the one who started the build stays refused either way
        assertThat(refusal(lenient.approve(Person.of("carol", "sre-oncall"), null, at(2))),
                is(RefusalReason.SELF_APPROVAL));
    }

    @Test
    public void refusesASecondApprovalByTheSamePersonIgnoringCaseByDefault() {
        Gate gate = gate();
        assertThat(gate.approve(Person.of("erin", "checkout-leads"), null, at(1)).accepted(), is(true));
        Attempt again = gate.approve(Person.of("ERIN", "sre-oncall"), null, at(2));
        assertThat(refusal(again), is(RefusalReason.DUPLICATE_APPROVER));
        assertThat(gate.approvals(), hasSize(1));
        assertThat(gate.outcome(), is(Outcome.PENDING));
    }

    @Test
    public void theIdentityComparisonIsPluggable() {
        Gate caseSensitive = Gate.open(new GateRequest(checkout().build(), "CHG-1", "carol", Set.of(), T0),
                IdentityComparison.CASE_SENSITIVE);
        assertThat(caseSensitive.approve(Person.of("Carol", "checkout-leads"), null, at(1)).accepted(), is(true));
        assertThat(refusal(caseSensitive.approve(Person.of("erin", "SRE-ONCALL"), null, at(2))),
                is(RefusalReason.NOT_AUTHORIZED));
        // a realm whose IdStrategy gives two spellings one key (here: digits do not count) makes them one person
        IdentityComparison digitsIgnored = new IdentityComparison() {
            private static final long serialVersionUID = 1L;

            @Override
            public String userKey(String userId) {
                return userId.replaceAll("[0-9]", "");
            }

            @Override
            public String groupKey(String group) {
                return group;
            }
        };
        Gate gate = Gate.open(new GateRequest(checkout().build(), "CHG-1", null, Set.of(), T0), digitsIgnored);
        assertThat(gate.approve(Person.of("erin1", "checkout-leads"), null, at(1)).accepted(), is(true));
        assertThat(refusal(gate.approve(Person.of("erin2", "sre-oncall"), null, at(2))),
                is(RefusalReason.DUPLICATE_APPROVER));
    }

    @Test
    public void refusesPeopleNeitherListedNorInAListedGroup() {
        Gate gate = gate();
        Attempt attempt = gate.approve(Person.of("mallory", "developers", "admins"), null, at(1));
        assertThat(refusal(attempt), is(RefusalReason.NOT_AUTHORIZED));
        assertThat(attempt.message(), containsString("mallory is neither a listed approver nor in a listed group"));
        assertThat(gate.approvals(), is(empty()));
    }

    @Test
    public void aListedUserApprovesThroughTheirOwnEntryAndGroupsCompareIgnoringCase() {
        Gate gate = gate();
        assertThat(gate.approve(Person.of("Alice"), null, at(1)).accepted(), is(true));
        assertThat(gate.approve(Person.of("erin", "Checkout-Leads"), null, at(2)).accepted(), is(true));
        assertThat(gate.approvals().get(0).through(), is("user:alice"));
        assertThat(gate.approvals().get(1).through(), is("checkout-leads"));
    }

    @Test
    public void anonymousNeverApprovesNorRejects() {
        Gate gate = gate(checkout().approvers("anonymous", "everyone").build());
        assertThat(refusal(gate.approve(Person.ANONYMOUS, null, at(1))), is(RefusalReason.NOT_AUTHORIZED));
        assertThat(refusal(gate.approve(Person.of("Anonymous", "everyone"), null, at(1))),
                is(RefusalReason.NOT_AUTHORIZED));
        assertThat(refusal(gate.reject(Person.ANONYMOUS, "no", at(2))), is(RefusalReason.NOT_AUTHORIZED));
        assertThat(gate.outcome(), is(Outcome.PENDING));
    }

    @Test
    public void withDistinctGroupsEachApprovalMustComeThroughAnUnusedGroup() {
        Gate gate = gate(checkout().approvers("checkout-leads", "sre-oncall", "security").requiredApprovals(3)
                .requireDistinctGroups(true).build());
        assertThat(gate.approve(Person.of("erin", "checkout-leads"), null, at(1)).accepted(), is(true));
        Attempt same = gate.approve(Person.of("frank", "checkout-leads"), null, at(2));
        assertThat(refusal(same), is(RefusalReason.GROUP_ALREADY_USED));
        assertThat(same.message(), containsString("frank can only approve through [checkout-leads], already used"));
        // a person in several listed groups counts through one still unused
        assertThat(gate.approve(Person.of("gina", "checkout-leads", "sre-oncall"), null, at(3)).accepted(), is(true));
        assertThat(gate.approvals().get(1).through(), is("sre-oncall"));
        assertThat(gate.approve(Person.of("hank", "SECURITY"), null, at(4)).decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
    }

    @Test
    public void withoutDistinctGroupsTheSameGroupMayApproveTwice() {
        Gate gate = gate();
        gate.approve(Person.of("erin", "checkout-leads"), null, at(1));
        assertThat(gate.approve(Person.of("frank", "checkout-leads"), null, at(2)).decisive(), is(true));
    }

    @Test
    public void anyAuthorizedPersonMayRejectWithAReason() {
        Gate gate = gate();
        gate.approve(Person.of("erin", "checkout-leads"), null, at(1));
        Attempt rejected = gate.reject(Person.of("carol", "sre-oncall"), "breaks the EU checkout", at(2));
        assertThat(rejected.accepted(), is(true));
        assertThat(rejected.decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.REJECTED));
        GateEvent decision = gate.state().decision().orElseThrow();
        assertThat(decision.type(), is(GateEvent.Type.REJECTED));
        assertThat(decision.user().orElseThrow(), is("carol"));
        assertThat(decision.text().orElseThrow(), is("breaks the EU checkout"));
        assertThrows(IllegalArgumentException.class, () -> gate().reject(Person.of("erin", "sre-oncall"), " ", at(1)));
    }

    @Test
    public void someoneNotAuthorizedCannotReject() {
        Gate gate = gate();
        Attempt attempt = gate.reject(Person.of("mallory", "developers"), "because", at(1));
        assertThat(refusal(attempt), is(RefusalReason.NOT_AUTHORIZED));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.refused().get(0).action(), is(RefusedAttempt.Action.REJECT));
    }

    @Test
    public void expiresPastTheApprovalTimeout() {
        Gate gate = gate(checkout().approvalTimeout(Duration.ofMinutes(90)).build());
        assertThat(gate.expireIfDue(at(89)).isPresent(), is(false));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        GateEvent expired = gate.expireIfDue(at(90)).orElseThrow();
        assertThat(expired.type(), is(GateEvent.Type.EXPIRED));
        assertThat(gate.outcome(), is(Outcome.EXPIRED));
        assertThat(gate.expireIfDue(at(91)).isPresent(), is(false)); // only once
        assertThat(gate.state().request().deadline(), is(at(90)));
    }

    @Test
    public void anApprovalPastTheDeadlineExpiresTheGateAndIsRefused() {
        Gate gate = gate();
        gate.approve(Person.of("erin", "checkout-leads"), null, at(1));
        Attempt late = gate.approve(Person.of("frank", "sre-oncall"), null, at(24 * 60));
        assertThat(refusal(late), is(RefusalReason.GATE_CLOSED));
        assertThat(late.outcome(), is(Outcome.EXPIRED));
        assertThat(late.events().stream().map(GateEvent::type).collect(Collectors.toList()),
                contains(GateEvent.Type.EXPIRED, GateEvent.Type.APPROVAL_REFUSED));
        assertThat(gate.approvals(), hasSize(1));
    }

    @Test
    public void aDecidedGateNeverChangesAgain() {
        Gate gate = gate();
        gate.approve(Person.of("erin", "checkout-leads"), null, at(1));
        gate.approve(Person.of("frank", "sre-oncall"), null, at(2));
        assertThat(refusal(gate.approve(Person.of("gina", "sre-oncall"), null, at(3))), is(RefusalReason.GATE_CLOSED));
        assertThat(refusal(gate.reject(Person.of("gina", "sre-oncall"), "too late", at(3))),
                is(RefusalReason.GATE_CLOSED));
        assertThat(gate.abort("jenkins", "build stopped", at(4)).isPresent(), is(false));
        assertThat(gate.expireIfDue(at(48 * 60)).isPresent(), is(false));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
        assertThat(gate.approvals(), hasSize(2));
    }

    @Test
    public void abortDecidesAPendingGate() {
        Gate gate = gate();
        GateEvent aborted = gate.abort("admin", "build stopped", at(5)).orElseThrow();
        assertThat(aborted.type(), is(GateEvent.Type.ABORTED));
        assertThat(aborted.user().orElseThrow(), is("admin"));
        assertThat(gate.outcome(), is(Outcome.ABORTED));
        assertThat(refusal(gate.approve(Person.of("erin", "checkout-leads"), null, at(6))),
                is(RefusalReason.GATE_CLOSED));
    }

    @Test
    public void theTrailKeepsEveryEventInOrderWithItsTime() {
        Gate gate = gate();
        gate.approve(Person.of("carol", "checkout-leads"), null, at(1));
        gate.approve(Person.of("erin", "checkout-leads"), "ok", at(2));
        gate.approve(Person.of("frank", "sre-oncall"), null, at(3));
        List<GateEvent> events = gate.state().events();
        assertThat(events.stream().map(GateEvent::type).collect(Collectors.toList()), contains(
                GateEvent.Type.REQUESTED, GateEvent.Type.APPROVAL_REFUSED, GateEvent.Type.APPROVAL_ACCEPTED,
                GateEvent.Type.APPROVAL_ACCEPTED, GateEvent.Type.APPROVED));
        assertThat(events.stream().map(GateEvent::at).collect(Collectors.toList()),
                contains(T0, at(1), at(2), at(3), at(3)));
        assertThat(events.get(1).refusal().orElseThrow(), is(RefusalReason.SELF_APPROVAL));
        assertThat(events.get(2).group().orElseThrow(), is("checkout-leads"));
    }

    @Test
    public void refusedAttemptsAreKeptUpToALimitThenOnlyCounted() {
        Gate gate = gate();
        for (int i = 0; i < GateState.MAX_KEPT_REFUSALS + 25; i++) {
            gate.approve(Person.of("mallory"), null, at(1));
        }
        assertThat(gate.refused(), hasSize(GateState.MAX_KEPT_REFUSALS));
        assertThat(gate.state().uncountedRefusals(), is(25));
        assertThat(gate.approve(Person.of("erin", "checkout-leads"), null, at(2)).accepted(), is(true));
    }

    @Test
    public void theStateSurvivesSerializationAndTheGateCarriesOn() throws Exception {
        Gate gate = gate();
        gate.approve(Person.of("erin", "checkout-leads"), null, at(1));
        gate.approve(Person.of("carol", "sre-oncall"), null, at(2));
        GateState restored = roundTrip(gate.state());
        assertThat(restored.events(), is(gate.state().events()));
        assertThat(restored.request().system(), is(gate.state().request().system()));
        Gate again = Gate.restore(restored, roundTrip(IdentityComparison.IGNORING_CASE));
        assertThat(refusal(again.approve(Person.of("Erin", "sre-oncall"), null, at(3))),
                is(RefusalReason.DUPLICATE_APPROVER));
        assertThat(again.approve(Person.of("frank", "sre-oncall"), null, at(4)).decisive(), is(true));
        assertThat(again.outcome(), is(Outcome.APPROVED));
        assertThat(roundTrip(IdentityComparison.IGNORING_CASE), is(sameInstance(IdentityComparison.IGNORING_CASE)));
        assertThat(roundTrip(Person.ANONYMOUS), is(sameInstance(Person.ANONYMOUS)));
    }

    @Test
    public void aRequestWithoutAUserWhoStartedItRefusesNobodyForSelfApproval() {
        Gate gate = Gate.open(new GateRequest(checkout().build(), "CHG-1", null, Set.of(), T0),
                IdentityComparison.IGNORING_CASE);
        assertThat(gate.approve(Person.of("carol", "sre-oncall"), null, at(1)).accepted(), is(true));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static CriticalSystem leadsAndSre() {
        return checkout().approvalRules(List.of(ApprovalRule.of(ApproverRef.group("checkout-leads"), 1),
                ApprovalRule.of(ApproverRef.group("sre-oncall"), 1))).build();
    }

    @Test
    public void approvalRulesNeedOneFromEachGroupAndAPersonCountsOnce() {
        Gate gate = gate(leadsAndSre());
        // erin is in both groups: she counts once, toward either rule
        assertThat(gate.approve(Person.of("erin", "checkout-leads", "sre-oncall"), null, at(1)).accepted(), is(true));
        Attempt second = gate.approve(Person.of("frank", "sre-oncall"), null, at(2));
        assertThat(second.accepted(), is(true));
        assertThat(second.decisive(), is(true));
        assertThat(gate.outcome(), is(Outcome.APPROVED));
        List<RuleProgress> progress = gate.progress();
        assertThat(progress.get(0).group(), is("checkout-leads"));
        assertThat(progress.get(0).approvedBy(), contains("erin"));
        assertThat(progress.get(1).approvedBy(), contains("frank"));
    }

    @Test
    public void anApprovalNoOpenRuleNeedsIsRefusedNamingWhatIsStillNeeded() {
        Gate gate = gate(leadsAndSre());
        gate.approve(Person.of("frank", "sre-oncall"), null, at(1));
        Attempt another = gate.approve(Person.of("grace", "sre-oncall"), null, at(2));
        assertThat(refusal(another), is(RefusalReason.RULES_ALREADY_MET));
        assertThat(another.message(), containsString("still needs 1 approval(s) through checkout-leads (1)"));
        assertThat(gate.outcome(), is(Outcome.PENDING));
    }

    @Test
    public void aRuleGroupThatTheApproversListLacksAuthorizesToo() {
        CriticalSystem system = checkout().approvers("sre-oncall").approvalRules(List.of(
                ApprovalRule.of(ApproverRef.group("security"), 1))).build();
        Gate gate = gate(system);
        assertThat(gate.approve(Person.of("sam", "security"), null, at(1)).accepted(), is(true));
        assertThat(gate.approve(Person.of("frank", "sre-oncall"), null, at(2)).decisive(), is(true));
    }

    @Test
    public void requiredApprovalsBeyondTheRulesComeFromAnyoneListed() {
        CriticalSystem system = checkout().requiredApprovals(3).approvalRules(List.of(
                ApprovalRule.of(ApproverRef.group("checkout-leads"), 1))).build();
        assertThat(system.approvalsNeeded(), is(3));
        Gate gate = gate(system);
        gate.approve(Person.of("frank", "sre-oncall"), null, at(1));
        gate.approve(Person.of("grace", "sre-oncall"), null, at(2));
        assertThat(gate.outcome(), is(Outcome.PENDING));
        assertThat(gate.approvalsStillNeeded(), is(1));
        assertThat(gate.approve(Person.of("erin", "checkout-leads"), null, at(3)).decisive(), is(true));
    }

    /** The property docs/registry.md states: the outcome never depends on the order in which people approve. */
    @Test
    public void theOutcomeNeverDependsOnTheOrderInWhichPeopleApprove() {
        java.util.Random random = new java.util.Random(7L);
        String[] groups = {"checkout-leads", "sre-oncall", "security"};
        for (int round = 0; round < 200; round++) {
            List<ApprovalRule> rules = new java.util.ArrayList<>();
            for (String g : groups) {
                if (random.nextBoolean()) {
                    rules.add(ApprovalRule.of(ApproverRef.group(g), 1 + random.nextInt(2)));
                }
            }
            CriticalSystem system = checkout().approvers(groups).requiredApprovals(1 + random.nextInt(3))
                    .requireDistinctGroups(rules.isEmpty() && random.nextBoolean()).approvalRules(rules).build();
            List<Person> people = new java.util.ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(6); p++) {
                List<String> mine = new java.util.ArrayList<>();
                for (String g : groups) {
                    if (random.nextInt(3) == 0) {
                        mine.add(g);
                    }
                }
                people.add(Person.of("p" + p, mine.toArray(new String[0])));
            }
            Outcome first = null;
            for (int shuffle = 0; shuffle < 8; shuffle++) {
                java.util.Collections.shuffle(people, random);
                Gate gate = gate(system);
                for (int i = 0; i < people.size(); i++) {
                    gate.approve(people.get(i), null, at(i + 1));
                }
                if (first == null) {
                    first = gate.outcome();
                }
                assertThat("round " + round + ": " + rules + " " + people, gate.outcome(), is(first));
            }
        }
    }
}
