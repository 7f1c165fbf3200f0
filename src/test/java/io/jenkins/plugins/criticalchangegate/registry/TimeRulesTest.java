package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** What the time rules make of a system at an instant: the overlays applied, a refusing freeze, closed periods. */
public class TimeRulesTest {
    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    private static Registry registry() throws RegistryException {
        return parse(TimeRulesFixtures.VALID);
    }

    private static CriticalSystem system(Registry registry, String id) {
        return registry.resolve(id, null).system().orElseThrow();
    }

    @Test
    public void anOverlayAppliesFromItsStartToJustBeforeItsEnd() throws Exception {
        Registry registry = registry();
        CriticalSystem checkout = system(registry, "checkout-service");
        TimedRequirement before = registry.timeRules().at(checkout, utc("2026-03-01T22:59:59Z"));
        TimedRequirement first = registry.timeRules().at(checkout, utc("2026-03-01T23:00:00Z"));
        TimedRequirement last = registry.timeRules().at(checkout, utc("2026-05-30T21:59:59Z"));
        TimedRequirement after = registry.timeRules().at(checkout, utc("2026-05-30T22:00:00Z"));
        assertThat(before.overlays(), is(empty()));
        assertThat(before.system(), is(checkout));
        assertThat(first.overlays(), contains("safety-reset"));
        assertThat(first.system().requiredApprovals(), is(2));
        assertThat(first.system().approvalsNeeded(), is(2));
        assertThat(first.ownSystem(), is(checkout));
        assertThat(last.overlays(), contains("safety-reset"));
        assertThat(after.overlays(), is(empty()));
        assertThat(after.system().requiredApprovals(), is(1));
    }

    @Test
    public void anOverlaySkipsTheSystemsItDoesNotSelect() throws Exception {
        Registry registry = registry();
        CriticalSystem search = system(registry, "search-frontend");
        TimedRequirement during = registry.timeRules().at(search, utc("2026-04-15T10:00:00Z"));
        assertThat(during.overlays(), is(empty()));
        assertThat(during.system(), is(search));
    }

    @Test
    public void overlaysAppliedTogetherGiveTheSameSystemInAnyOrder() throws Exception {
        Registry registry = parse(TimeRulesFixtures.SYSTEMS + String.join("\n",
                "overlays:",
                "  - {name: a, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: all,",
                "     tighten: {requiredApprovals: 2, approvalTimeout: 12h}}",
                "  - {name: b, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: {ids: [payments-ledger]},",
                "     tighten: {approvalTimeout: 20h, requireDistinctGroups: true, approvers: [sre-oncall,"
                        + " security-officers]}}",
                ""));
        CriticalSystem payments = system(registry, "payments-ledger");
        Instant t = utc("2026-04-01T00:00:00Z");
        TimedRequirement forward = registry.timeRules().at(payments, t);
        List<Overlay> reversed = new ArrayList<>(registry.timeRules().overlays());
        Collections.reverse(reversed);
        TimedRequirement backward = new TimeRules(reversed, List.of(), List.of()).at(payments, t);
        assertThat(forward.overlays(), contains("a", "b"));
        assertThat(backward.overlays(), contains("b", "a"));
        assertThat(backward.system(), is(forward.system()));
        assertThat(forward.system().approvalTimeout().toHours(), is(12L));
        assertThat(forward.system().requireDistinctGroups(), is(true));
        assertThat(forward.system().requiredApprovals(), is(2));
        assertThat(forward.system().approvers().stream().map(ApproverRef::toString).collect(Collectors.toList()),
                contains("sre-oncall", "security-officers"));
    }

    @Test
    public void aDenyFreezeRefusesWithItsNameAndAHoldFreezeClosesUntilItEnds() throws Exception {
        Registry registry = registry();
        CriticalSystem payments = system(registry, "payments-ledger");
        TimedRequirement easter = registry.timeRules().at(payments, utc("2026-04-04T10:00:00Z"));
        assertThat(easter.denial().map(Freeze::name).orElseThrow(), is("easter"));
        assertThat(easter.denialMessage().orElseThrow(), containsString("freeze 'easter' (mode deny)"));

        // quarter-end: Monday 30 March 18:00 CEST to Wednesday 1 April 08:00Z, then business hours from 09:00
        TimedRequirement quarterEnd = registry.timeRules().at(payments, utc("2026-03-31T10:00:00Z"));
        assertThat(quarterEnd.denial().isPresent(), is(false));
        assertThat(quarterEnd.freezes().stream().map(Freeze::name).collect(Collectors.toList()),
                contains("quarter-end"));
        ClosedPeriod closed = quarterEnd.closed().orElseThrow();
        assertThat(closed.to(), is(utc("2026-04-01T08:00:00Z"))); // 10:00 CEST, inside business hours
        assertThat(closed.describe(), is("freeze 'quarter-end'"));
    }

    @Test
    public void aFreezeThatEndsOutsideTheWindowsClosesUntilTheNextWindow() throws Exception {
        Registry registry = parse(TimeRulesFixtures.VALID.replace("end: 2026-04-01T08:00:00Z",
                "end: 2026-04-01T16:00:00Z"));
        CriticalSystem payments = system(registry, "payments-ledger");
        ClosedPeriod closed = registry.timeRules().at(payments, utc("2026-03-31T10:00:00Z")).closed().orElseThrow();
        // the freeze ends at 18:00 CEST, after business hours: the system opens Thursday 09:00 CEST
        assertThat(closed.to(), is(utc("2026-04-02T07:00:00Z")));
        assertThat(closed.describe(), is("freeze 'quarter-end' and outside its deployment windows"));
    }

    @Test
    public void outsideItsWindowsASystemIsClosedUntilTheNextOneOpens() throws Exception {
        Registry registry = registry();
        CriticalSystem checkout = system(registry, "checkout-service");
        Instant fridayEvening = utc("2026-03-06T17:30:00Z"); // 18:30 CET
        TimedRequirement friday = registry.timeRules().at(checkout, fridayEvening);
        assertThat(friday.freezes(), is(empty()));
        ClosedPeriod closed = friday.closed().orElseThrow();
        assertThat(closed.to(), is(utc("2026-03-09T08:00:00Z")));
        assertThat(closed.describe(), is("outside its deployment windows"));
        assertThat(registry.timeRules().at(checkout, utc("2026-03-09T08:00:00Z")).closed().isPresent(), is(false));

        // a tier-2 system has the New York Friday night window only
        CriticalSystem search = system(registry, "search-frontend");
        assertThat(registry.timeRules().at(search, utc("2026-03-07T04:00:00Z")).closed().isPresent(), is(false));
        assertThat(registry.timeRules().at(search, utc("2026-03-07T07:00:00Z")).closed().orElseThrow().to(),
                is(utc("2026-03-14T02:00:00Z"))); // Fri 13 March 22:00 EDT: New York has sprung forward
    }

    @Test
    public void aSystemWithoutFreezesOrWindowsIsAlwaysOpen() throws Exception {
        Registry registry = parse(TimeRulesFixtures.SYSTEMS);
        CriticalSystem search = system(registry, "search-frontend");
        TimedRequirement t = registry.timeRules().at(search, utc("2026-04-04T10:00:00Z"));
        assertThat(t.closed().isPresent(), is(false));
        assertThat(t.closedPeriods(utc("2027-04-04T10:00:00Z")), is(empty()));
    }

    @Test
    public void theClosedPeriodsUpToAnInstantFollowOneAnotherInOrder() throws Exception {
        Registry registry = registry();
        CriticalSystem payments = system(registry, "payments-ledger");
        // from Monday 30 March 12:00 CEST for three days: the evening (business hours end at 17:00), quarter-end
        // from 18:00 to Wednesday 10:00 CEST, the Wednesday evening, and Thursday's, which ends on Good Friday's
        // morning in the deny freeze easter and so lasts until Tuesday 7 April 09:00 CEST
        List<String> periods = registry.timeRules().at(payments, utc("2026-03-30T10:00:00Z"))
                .closedPeriods(utc("2026-04-02T16:00:00Z")).stream()
                .map(p -> p.from() + " " + p.to() + " " + p.describe()).collect(Collectors.toList());
        assertThat(periods, contains(
                "2026-03-30T15:00:00Z 2026-04-01T08:00:00Z freeze 'quarter-end' and outside its deployment windows",
                "2026-04-01T15:00:00Z 2026-04-02T07:00:00Z outside its deployment windows",
                "2026-04-02T15:00:00Z 2026-04-07T07:00:00Z freeze 'easter' and outside its deployment windows"));
    }
}
