package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.parse;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.problems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/** Reading {@code overlays}, {@code freezes} and {@code windows} (docs/registry.md, "Time rules"), and their problems. */
public class TimeRulesParserTest {
    private static final String SYSTEMS = TimeRulesFixtures.SYSTEMS;

    @Test
    public void readsEveryKindOfTimeRule() throws Exception {
        Registry registry = parse(TimeRulesFixtures.VALID);
        TimeRules rules = registry.timeRules();

        Overlay reset = rules.overlays().get(0);
        assertThat(reset.name(), is("safety-reset"));
        assertThat("a date is midnight in the zone", reset.start(), is(Instant.parse("2026-03-01T23:00:00Z")));
        assertThat("end is exclusive: the first moment it no longer applies", reset.end(),
                is(Instant.parse("2026-05-30T22:00:00Z")));
        assertThat(reset.systems().tiers(), is(Set.of(1)));
        assertThat(reset.tightening().keys(), contains("requiredApprovals", "approvalTimeout", "approvalRules",
                "documentation.allowedHosts", "documentation.requiredSections"));

        assertThat(rules.freezes().stream().map(Freeze::toString).collect(Collectors.toList()), contains(
                "freeze 'easter' (deny) from 2026-04-02T22:00:00Z to 2026-04-06T22:00:00Z",
                "freeze 'quarter-end' (hold) from 2026-03-30T16:00:00Z to 2026-04-01T08:00:00Z"));
        assertThat(rules.freezes().get(1).systems().ids(), contains(SystemId.of("id", "payments-ledger")));

        DeploymentWindow hours = rules.windows().get(0);
        assertThat(hours.name(), is("business-hours"));
        assertThat(hours.days(), is(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)));
        assertThat(hours.from(), is(LocalTime.of(9, 0)));
        assertThat(hours.zone(), is(ZoneId.of("Europe/Berlin")));
        assertThat(rules.windows().get(1).describe(), is("window fri 22:00-02:00 America/New_York"));
    }

    @Test
    public void aRegistryWithoutTimeRulesHasNoneAndMeansWhatItDid() throws Exception {
        Registry registry = parse(RegistryFixtures.VALID);
        assertThat(registry.timeRules().isEmpty(), is(true));
        CriticalSystem checkout = registry.systems().get(0);
        TimedRequirement now = registry.timeRules().at(checkout, Instant.parse("2026-04-04T10:00:00Z"));
        assertThat(now.system(), is(checkout));
        assertThat(now.overlays(), is(List.of()));
        assertThat(now.denial().isPresent(), is(false));
        assertThat(now.closed().isPresent(), is(false));
    }

    @Test
    public void timesTakeADateADateTimeInTheZoneOrAnOffset() throws Exception {
        Registry registry = parse(SYSTEMS + String.join("\n",
                "freezes:",
                "  - {name: a, start: 2026-12-24, end: \"2026-12-27T06:30\", zone: Europe/Berlin, systems: all,"
                        + " mode: hold}",
                "  - {name: b, start: \"2026-12-24T00:00:00-05:00\", end: 2026-12-24T23:00:00Z, systems: all,"
                        + " mode: hold}",
                "  - {name: c, start: \"2026-03-29T02:30\", end: 2026-03-30, zone: Europe/Berlin, systems: all,"
                        + " mode: hold}",
                ""));
        List<Freeze> freezes = registry.timeRules().freezes();
        assertThat(freezes.get(0).start(), is(Instant.parse("2026-12-23T23:00:00Z")));
        assertThat(freezes.get(0).end(), is(Instant.parse("2026-12-27T05:30:00Z")));
        assertThat(freezes.get(1).start(), is(Instant.parse("2026-12-24T05:00:00Z")));
        assertThat("a skipped time is when the clocks jump", freezes.get(2).start(),
                is(Instant.parse("2026-03-29T01:00:00Z")));
    }

    @Test
    public void selectionsTakeAllIdsIgnoringCaseAndTiers() throws Exception {
        Registry registry = parse(SYSTEMS + String.join("\n",
                "freezes:",
                "  - {name: a, start: 2026-12-24, end: 2026-12-27, zone: UTC, systems: ALL, mode: hold}",
                "  - {name: b, start: 2026-12-24, end: 2026-12-27, zone: UTC, systems: {ids: [Search-Frontend],"
                        + " tiers: [1]}, mode: hold}",
                ""));
        SystemSelection all = registry.timeRules().freezes().get(0).systems();
        SystemSelection some = registry.timeRules().freezes().get(1).systems();
        assertThat(registry.systems().stream().allMatch(all::selects), is(true));
        assertThat(registry.systems().stream().allMatch(some::selects), is(true));
        assertThat(some.toString(), is("tier 1 and system Search-Frontend"));
        assertThat(all.toString(), is("all systems"));
    }

    @Test
    public void everyProblemOfTheTimeRulesIsReportedAtOnceWithItsPosition() {
        List<String> problems = problems(SYSTEMS + String.join("\n",
                "overlays:", // line 26
                "  - name: reset",
                "    start: 2026-03-01",
                "    end: 2026-02-01",
                "    zone: Europe/Berlin",
                "    systems: {ids: [checkout-servce]}",
                "    tighten: {requiredApprovals: 0}",
                "  - name: Reset",
                "    start: 2026-03-01T00:00",
                "    end: 2026-04-01",
                "    systems: [checkout-service]",
                "    tighten: {}",
                "freezes:", // line 38
                "  - name: xmas",
                "    start: 24.12.2026",
                "    end: 2026-12-27",
                "    zone: Europe/Berln",
                "    systems: {tiers: [7]}",
                "    mode: stop",
                "  - name: quiet",
                "    start: 2026-12-24",
                "    end: 2026-12-27",
                "    zone: UTC",
                "    systems: nothing",
                "windows:", // line 50
                "  - days: [mon, funday, mon]",
                "    from: \"9am\"",
                "    to: \"24:00\"",
                "    systems: {}",
                "  - days: []",
                "    from: \"24:00\"",
                "    to: \"17:00\"",
                "    zone: UTC",
                "    systems: all",
                "    tighten: {}",
                "  - days: [sat]",
                "    from: \"10:00\"",
                "    to: \"10:00\"",
                "    zone: UTC",
                "    systems: all",
                ""));
        assertThat(String.join("\n", problems), problems, contains(
                "reg.yaml:29:10: the overlay ends (2026-01-31T23:00:00Z) no later than it starts (2026-02-28T23:00:00Z):"
                        + " 'end' is the first moment it no longer applies, so it must come after 'start'",
                "reg.yaml:31:21: system 'checkout-servce' is not in the registry; did you mean 'checkout-service'?: an"
                        + " overlay may select listed systems only",
                "reg.yaml:32:34: requiredApprovals must be at least 1, not 0: the gate exists to require approvals",
                "reg.yaml:33:11: overlay name 'Reset' is used twice (first at line 27); names compare ignoring case",
                "reg.yaml:34:12: start '2026-03-01T00:00' has no offset, so the overlay needs a zone: add e.g. 'zone:"
                        + " Europe/Berlin', or write the offset (2026-03-01T00:00+01:00)",
                "reg.yaml:35:10: end '2026-04-01' has no offset, so the overlay needs a zone: add e.g. 'zone:"
                        + " Europe/Berlin', or write the offset (2026-04-01T00:00:00+01:00)",
                "reg.yaml:36:14: 'systems' of an overlay must be 'all' or a mapping such as {ids: [checkout-service],"
                        + " tiers: [1]}, not a list: to select systems by id write {ids: [...]}",
                "reg.yaml:37:14: 'tighten' is empty: give the keys the overlay tightens, e.g. {requiredApprovals: 3}",
                "reg.yaml:40:12: start '24.12.2026' is not an ISO-8601 date or date-time: write a date (2026-03-01), a"
                        + " date and time (2026-03-01T09:00) or one with an offset (2026-03-01T09:00:00+01:00 or"
                        + " 2026-03-01T08:00:00Z)",
                "reg.yaml:42:11: zone 'Europe/Berln' is not a time zone: use a name of the IANA time zone database"
                        + " such as Europe/Berlin, America/New_York or UTC; did you mean 'Europe/Berlin'?",
                "reg.yaml:43:23: no system has tier 7, so this freeze would select none through it",
                "reg.yaml:44:11: mode must be 'deny' (gates requested in the freeze are DENIED) or 'hold' (they"
                        + " collect approvals and decide when it ends), not 'stop'",
                "reg.yaml:45:5: missing required key 'mode' (deny: gates requested in the freeze are DENIED; hold: they"
                        + " collect approvals and decide when it ends)",
                "reg.yaml:49:14: 'systems' of a freeze must be 'all' or a mapping such as {ids: [checkout-service],"
                        + " tiers: [1]}, not 'nothing'",
                "reg.yaml:51:5: missing required key 'zone' (the time zone of from and to, e.g. Europe/Berlin)",
                "reg.yaml:51:17: 'funday' is not a day of the week: write mon, tue, wed, thu, fri, sat or sun",
                "reg.yaml:51:25: day 'mon' is listed twice (first at line 51)",
                "reg.yaml:52:11: from '9am' is not a time of day: write 24-hour HH:MM, e.g. \"09:00\"",
                "reg.yaml:54:14: the systems of a window select nothing: list ids, tiers, or write 'systems: all'",
                "reg.yaml:55:11: 'days' is empty: list the days the window opens, e.g. [mon, tue, wed, thu, fri]",
                "reg.yaml:56:11: from '24:00' is not a time of day: write 24-hour HH:MM, e.g. \"09:00\"",
                "reg.yaml:60:5: unknown key 'tighten' in a window ('tighten' belongs to each entry of overlays)",
                "reg.yaml:63:9: the window opens and closes at 10:00: for a whole day write from: \"00:00\" and to:"
                        + " \"24:00\""));
    }

    @Test
    public void anOverlayMayNotLoosenASystemsOwnRule() {
        List<String> problems = problems(SYSTEMS + String.join("\n",
                "overlays:", // line 26
                "  - name: loose",
                "    start: 2026-03-02",
                "    end: 2026-05-31",
                "    zone: Europe/Berlin",
                "    systems: {tiers: [1]}",
                "    tighten:",
                "      requiredApprovals: 1",
                "      excludeCommitAuthors: false",
                "      approvalTimeout: 36h",
                "      approvers: [sre-oncall, developers]",
                "      approvalRules: [{group: security-officers, count: 1}]",
                "      documentation: {allowHttp: true, allowedHosts: [evil.example.com], requireChangeId: false}",
                ""));
        assertThat(String.join("\n", problems), problems, contains(
                "reg.yaml:33:26: overlay 'loose' would loosen system 'payments-ledger': requiredApprovals 1 is below its"
                        + " own 2; an overlay may only tighten (leave 'payments-ledger' out of its systems, or change"
                        + " the value)",
                "reg.yaml:34:29: overlay 'loose' would loosen system 'checkout-service': excludeCommitAuthors false"
                        + " would drop its own true; an overlay may only tighten (leave 'checkout-service' out of its"
                        + " systems, or change the value)",
                "reg.yaml:34:29: overlay 'loose' would loosen system 'payments-ledger': excludeCommitAuthors false"
                        + " would drop its own true; an overlay may only tighten (leave 'payments-ledger' out of its"
                        + " systems, or change the value)",
                "reg.yaml:35:24: overlay 'loose' would loosen system 'checkout-service': approvalTimeout 36h is longer"
                        + " than its own 1d; an overlay may only tighten (leave 'checkout-service' out of its systems,"
                        + " or change the value)",
                "reg.yaml:36:18: overlay 'loose' would loosen system 'checkout-service': approvers would add"
                        + " 'developers', which it does not list (an overlay may only leave approvers out); an overlay"
                        + " may only tighten (leave 'checkout-service' out of its systems, or change the value)",
                "reg.yaml:36:18: overlay 'loose' would loosen system 'payments-ledger': approvers would add"
                        + " 'developers', which it does not list (an overlay may only leave approvers out); an overlay"
                        + " may only tighten (leave 'payments-ledger' out of its systems, or change the value)",
                "reg.yaml:37:22: overlay 'loose' would loosen system 'checkout-service': the approval rule 1 from group"
                        + " security-officers would let security-officers approve, which neither its approvers nor its"
                        + " approval rules list; an overlay may only tighten (leave 'checkout-service' out of its"
                        + " systems, or change the value)",
                "reg.yaml:38:34: overlay 'loose' would loosen system 'checkout-service': documentation.allowHttp true"
                        + " would allow plain http, which it does not; an overlay may only tighten (leave"
                        + " 'checkout-service' out of its systems, or change the value)",
                "reg.yaml:38:34: overlay 'loose' would loosen system 'payments-ledger': documentation.allowHttp true"
                        + " would allow plain http, which it does not; an overlay may only tighten (leave"
                        + " 'payments-ledger' out of its systems, or change the value)",
                "reg.yaml:38:54: overlay 'loose' would loosen system 'checkout-service': documentation.allowedHosts"
                        + " would add 'evil.example.com', which it does not allow (an overlay may only leave hosts out);"
                        + " an overlay may only tighten (leave 'checkout-service' out of its systems, or change the"
                        + " value)",
                "reg.yaml:38:54: overlay 'loose' would loosen system 'payments-ledger': documentation.allowedHosts"
                        + " would add 'evil.example.com', which it does not allow (an overlay may only leave hosts out);"
                        + " an overlay may only tighten (leave 'payments-ledger' out of its systems, or change the"
                        + " value)",
                "reg.yaml:38:91: overlay 'loose' would loosen system 'checkout-service': documentation.requireChangeId"
                        + " false would drop its own true; an overlay may only tighten (leave 'checkout-service' out of"
                        + " its systems, or change the value)",
                "reg.yaml:38:91: overlay 'loose' would loosen system 'payments-ledger': documentation.requireChangeId"
                        + " false would drop its own true; an overlay may only tighten (leave 'payments-ledger' out of"
                        + " its systems, or change the value)"));
    }

    @Test
    public void anOverlayMayNotAskLessOfAGroupThanTheSystemsOwnRule() throws Exception {
        String overlay = String.join("\n",
                "overlays:", // line 26
                "  - {name: r, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: {ids: [payments-ledger]},",
                "     tighten: {approvalRules: [{group: security-officers, count: 1}, {group: sre-oncall, count: 1}]}}",
                "");
        Registry same = parse(SYSTEMS + overlay);
        assertThat("the same count as its own rule is not less", same.timeRules().overlays(), hasSize(1));
        List<String> problems = problems(SYSTEMS.replace("security-officers, count: 1}", "security-officers, count:"
                + " 2}") + overlay);
        assertThat(problems, contains("reg.yaml:28:31: overlay 'r' would loosen system 'payments-ledger': the approval"
                + " rule 1 from group security-officers asks less than its own 2 from group security-officers; an"
                + " overlay may only tighten (leave 'payments-ledger' out of its systems, or change the value)"));
    }

    @Test
    public void anOverlayMayNotMakeASystemImpossibleToApprove() {
        List<String> problems = problems(SYSTEMS + String.join("\n",
                "overlays:", // line 26
                "  - {name: three, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: all,",
                "     tighten: {requiredApprovals: 3}}",
                "  - {name: nohosts, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: {ids: [checkout-service]},",
                "     tighten: {documentation: {allowedHosts: []}}}",
                ""));
        assertThat(String.join("\n", problems), problems, contains(
                "reg.yaml:28:15: overlay 'three' would make system 'search-frontend' impossible to approve: it would"
                        + " need 3 approvals, and only 2 single user(s) can give them",
                "reg.yaml:30:15: overlay 'nohosts' would make system 'checkout-service' impossible to approve: it would"
                        + " allow its documentation on no host"));
    }

    @Test
    public void overlaysThatAreFineAloneMayNotBeTogether() {
        List<String> problems = problems(SYSTEMS + String.join("\n",
                "overlays:", // line 26
                "  - {name: narrow, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: {ids: [checkout-service]},",
                "     tighten: {approvers: [\"user:alice\"]}}",
                "  - {name: more, start: 2026-04-01, end: 2026-06-30, zone: UTC, systems: {tiers: [1]},",
                "     tighten: {requiredApprovals: 2}}",
                "  - {name: later, start: 2026-06-01, end: 2026-06-30, zone: UTC, systems: {ids: [checkout-service]},",
                "     tighten: {approvers: [\"user:alice\"]}}",
                ""));
        // alone, alice's approval is the one checkout needs; with 'more' in force it needs two, which she cannot give.
        // 'narrow' and 'later' never overlap; 'more' and 'later' do, from June 1
        assertThat(String.join("\n", problems), problems, contains(
                "reg.yaml:29:12: overlays 'narrow' and 'more', in force together from 2026-04-01T00:00:00Z, would make"
                        + " system 'checkout-service' impossible to approve: it would need 2 approvals, and only 1"
                        + " single user(s) can give them",
                "reg.yaml:31:12: overlays 'more' and 'later', in force together from 2026-06-01T00:00:00Z, would make"
                        + " system 'checkout-service' impossible to approve: it would need 2 approvals, and only 1"
                        + " single user(s) can give them"));
    }

    @Test
    public void anOverlayOverManySystemsReportsTheFirstFewAndCountsTheRest() {
        StringBuilder yaml = new StringBuilder("version: 1\nunknownSystems: deny\ndefaults:\n  requiredApprovals: 3\n"
                + "  documentation: {allowedHosts: [wiki.example.com]}\nsystems:\n");
        for (int i = 0; i < 20; i++) {
            yaml.append("  - {id: s").append(i).append(", name: S, tier: 1, owners: [t], approvers: [a, b, c]}\n");
        }
        yaml.append("overlays:\n  - {name: two, start: 2026-03-02, end: 2026-05-31, zone: UTC, systems: all,\n"
                + "     tighten: {requiredApprovals: 2}}\n");
        List<String> problems = problems(yaml.toString());
        assertThat(problems, hasSize(OverlayChecks.SHOWN + 1));
        assertThat(problems.get(0), startsWith("reg.yaml:29:35: overlay 'two' would loosen system 's0':"));
        assertThat(problems.get(3), is("reg.yaml:29:35: overlay 'two': requiredApprovals has the same problem for 17"
                + " more system(s): 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 's12', ..."));
    }

    @Test
    public void aTimeRuleMayNameASystemWhoseEntryHasProblemsWithoutAnotherProblem() {
        List<String> problems = problems(SYSTEMS.replace("    tier: 2", "    tier: two") + String.join("\n",
                "freezes:",
                "  - {name: a, start: 2026-12-24, end: 2026-12-27, zone: UTC, systems: {ids: [search-frontend],"
                        + " tiers: [2]}, mode: hold}",
                ""));
        assertThat(problems, contains("reg.yaml:23:11: 'tier' must be a whole number, not 'two'"));
    }

    @Test
    public void keysOfTheTimeRulesWrittenElsewhereSayWhereTheyBelong() {
        List<String> problems = problems(SYSTEMS.replace("    tier: 2\n", "    tier: 2\n    mode: hold\n"
                + "    zone: UTC\n"));
        assertThat(problems, containsInAnyOrder(
                "reg.yaml:24:5: unknown key 'mode' in a system ('mode' belongs to each entry of freezes)",
                "reg.yaml:25:5: unknown key 'zone' in a system ('zone' belongs to each entry of overlays, freezes or"
                        + " windows)"));
    }

    @Test
    public void theOverlaysTighteningIsTheStricterValueKeyByKey() throws Exception {
        Registry registry = parse(TimeRulesFixtures.VALID);
        CriticalSystem payments = registry.systems().get(1);
        CriticalSystem tightened = registry.timeRules().overlays().get(0).tightening().applyTo(payments);
        assertThat(tightened.requiredApprovals(), is(2));
        assertThat(tightened.approvalTimeout(), is(Duration.ofHours(24)));
        assertThat(tightened.approvalRules().stream().map(ApprovalRule::toString).collect(Collectors.toList()),
                contains("1 from group security-officers", "1 from group sre-oncall"));
        assertThat(tightened.approvalsNeeded(), is(2));
        assertThat(tightened.documentation().allowedHosts(), contains("wiki.example.com"));
        assertThat(tightened.documentation().requiredSections(), contains("Rollback plan"));
        assertThat("untouched keys stay", tightened.approvers(), is(payments.approvers()));
        assertThat(tightened.jobs(), is(payments.jobs()));
    }
}
