package io.jenkins.plugins.criticalchangegate.inbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.UnknownSystems;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

public class WhoMayActTest {
    static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
    final Registry registry = new Registry(UnknownSystems.DENY, List.of(OpenGatesTest.PAYMENTS));
    final WhoMayAct rule = new WhoMayAct(registry, IdentityComparison.IGNORING_CASE);

    private OpenGates oneGate() {
        OpenGates gates = new OpenGates();
        AuditEvent requested = OpenGatesTest.requested("app/deploy", 7, "CHG-1", "alice");
        gates.accept(requested.type(), requested.fields(), T);
        AuditEvent bob = AuditEvent.approvalAccepted("app/deploy", 7, "payments", "CHG-1", "bob", "sre");
        gates.accept(bob.type(), bob.fields(), T.plusSeconds(60));
        return gates;
    }

    @Test
    public void listsTheGateForAnApproverAndNotForTheStarterTheAuthorOrWhoAlreadyApproved() {
        OpenGates gates = oneGate();
        PendingGate gate = gates.open().get(0);
        Instant now = T.plusSeconds(120);
        assertThat(rule.assess(Person.of("erin", "SRE"), gate, now).mayApprove(), is(true));
        assertThat(rule.assess(Person.of("carol"), gate, now).mayApprove(), is(true));
        assertThat(rule.assess(Person.of("Alice", "sre"), gate, now).refusal().orElseThrow(), is("SELF_APPROVAL"));
        assertThat(rule.assess(Person.of("dave", "sre"), gate, now).refusal().orElseThrow(), is("COMMIT_AUTHOR"));
        assertThat(rule.assess(Person.of("bob", "sre"), gate, now).refusal().orElseThrow(),
                is("DUPLICATE_APPROVER"));
        assertThat(rule.assess(Person.of("mallory", "dev"), gate, now).refusal().orElseThrow(),
                is("NOT_AUTHORIZED"));
        assertThat(rule.assess(Person.of("erin", "sre"), gate, now).stillNeeded(), is(1));
    }

    @Test
    public void agreesWithThePolicyForEveryone() {
        PendingGate gate = oneGate().open().get(0);
        Instant now = T.plusSeconds(120);
        for (Person p : List.of(Person.of("erin", "sre"), Person.of("carol"), Person.of("alice", "sre"),
                Person.of("dave", "sre"), Person.of("bob", "sre"), Person.of("mallory"), Person.ANONYMOUS)) {
            // the live gate, as the policy has it: its own approve() is the reference
            Gate live = Gate.open(new GateRequest(OpenGatesTest.PAYMENTS, "CHG-1", "alice", Set.of(), Set.of("dave"),
                    T), IdentityComparison.IGNORING_CASE);
            live.approve(Person.of("bob", "sre"), null, T.plusSeconds(60));
            boolean policy = live.approve(p, null, now).accepted();
            assertThat(p + " listed iff the policy accepts them", rule.assess(p, gate, now).mayApprove(), is(policy));
        }
    }

    @Test
    public void afterTheDeadlineNobodyMayAct() {
        PendingGate gate = oneGate().open().get(0);
        assertThat(rule.assess(Person.of("erin", "sre"), gate, T.plusSeconds(86_400)).refusal().orElseThrow(),
                is("GATE_CLOSED"));
    }

    @Test
    public void aSystemTheRegistryNoLongerListsIsNobodysToApprove() {
        PendingGate gate = oneGate().open().get(0);
        WhoMayAct other = new WhoMayAct(new Registry(UnknownSystems.ALLOW, List.of(CriticalSystem.builder("ledger")
                .approvers("sre").build())), IdentityComparison.IGNORING_CASE);
        assertThat(other.assess(Person.of("erin", "sre"), gate, T.plusSeconds(1)).mayApprove(), is(false));
    }

    @Test
    public void theInboxSplitsByTheRuleAndHidesWhatThePersonMayNotRead() {
        OpenGates gates = oneGate();
        AuditEvent second = OpenGatesTest.requested("secret/deploy", 1, "CHG-2", "zoe");
        gates.accept(second.type(), second.fields(), T);
        Inbox erin = Inbox.of(gates, rule, Person.of("erin", "sre"), k -> true, T.plusSeconds(120));
        assertThat(erin.waitingForMe().stream().map(e -> e.gate().changeId()).collect(Collectors.toList()),
                contains("CHG-1", "CHG-2"));
        Inbox alice = Inbox.of(gates, rule, Person.of("alice", "sre"), k -> !k.job().startsWith("secret/"),
                T.plusSeconds(120));
        assertThat(alice.waitingForMe(), empty());
        assertThat(alice.waitingOnOthers().stream().map(e -> e.gate().changeId()).collect(Collectors.toList()),
                contains("CHG-1"));
        Inbox nobody = Inbox.of(gates, rule, Person.of("erin", "sre"), k -> false, T.plusSeconds(120));
        assertThat(nobody.waitingForMe(), empty());
        assertThat(nobody.waitingOnOthers(), empty());
    }

    /** The side panel's question: the same answer as a non-empty "Waiting for me", readable gates only. */
    @Test
    public void anyWaitingForAnswersAsTheInboxDoes() {
        OpenGates gates = oneGate();
        AuditEvent second = OpenGatesTest.requested("secret/deploy", 1, "CHG-2", "zoe");
        gates.accept(second.type(), second.fields(), T);
        Instant now = T.plusSeconds(120);
        assertThat(Inbox.anyWaitingFor(gates, rule, Person.of("erin", "sre"), k -> true, now), is(true));
        assertThat(Inbox.anyWaitingFor(gates, rule, Person.of("erin", "sre"), k -> k.job().startsWith("secret/"),
                now), is(true));
        assertThat(Inbox.anyWaitingFor(gates, rule, Person.of("erin", "sre"), k -> false, now), is(false));
        assertThat(Inbox.anyWaitingFor(gates, rule, Person.of("alice", "sre"), k -> !k.job().startsWith("secret/"),
                now), is(false));
    }
}
