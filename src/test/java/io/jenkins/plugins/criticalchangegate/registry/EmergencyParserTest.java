package io.jenkins.plugins.criticalchangegate.registry;

import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.parse;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.problems;
import static io.jenkins.plugins.criticalchangegate.registry.RegistryFixtures.withSystems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** {@code emergency:} in defaults and per system (docs/registry.md, "Emergency changes"), issue 16. */
public class EmergencyParserTest {
    private static final String CHECKOUT = String.join("\n",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]");

    private static String withDefaults(String... lines) {
        return "version: 1\nunknownSystems: allow\ndefaults:\n  documentation:\n    allowedHosts: [wiki.example.com]\n"
                + String.join("\n", lines) + "\nsystems:\n";
    }

    @Test
    public void aSystemWithoutTheKeyHasNoEmergencyPath() throws Exception {
        assertThat(parse(withSystems("allow", CHECKOUT)).systems().get(0).emergency(), is(Optional.empty()));
    }

    @Test
    public void readsEveryKeyOfASystemsOwnPath() throws Exception {
        CriticalSystem checkout = parse(withSystems("allow", CHECKOUT,
                "    emergency:",
                "      approvers: [incident-commanders, user:carol]",
                "      requiredApprovals: 2",
                "      incidentPattern: 'INC-[0-9]{4,}'",
                "      reviewWithin: 36h",
                "      reviewers: [sre-leads]")).systems().get(0);
        EmergencyPolicy path = checkout.emergency().orElseThrow();
        assertThat(path.approvers(), contains(ApproverRef.group("incident-commanders"), ApproverRef.user("carol")));
        assertThat(path.requiredApprovals(), is(2));
        assertThat(path.incidentPattern(), is(Optional.of("INC-[0-9]{4,}")));
        assertThat(path.reviewWithin(), is(Duration.ofHours(36)));
        assertThat(path.reviewWithinText(), is("36h"));
        assertThat(path.reviewers(), contains(ApproverRef.group("sre-leads")));
        // the pattern must match the whole id
        assertThat(path.incidentRefusal("INC-4711"), is(Optional.empty()));
        assertThat(path.incidentRefusal("INC-47").orElseThrow(), containsString("does not match"));
        assertThat(path.incidentRefusal("see INC-4711").orElseThrow(), containsString("does not match"));
        assertThat(path.incidentRefusal("  ").orElseThrow(), containsString("needs an incident id"));
        assertThat(path.incidentRefusal(null).orElseThrow(), containsString("needs an incident id"));
        // the shape the step checks first (EmergencyPolicy.incidentShapeProblem), checked again here
        assertThat(path.incidentRefusal("INC-4711\nrm").orElseThrow(),
                containsString("the incident id must not contain control characters; it has the control character"
                        + " \\u000a (at offset 8)"));
        assertThat(path.incidentRefusal("INC-" + "1".repeat(197)).orElseThrow(),
                containsString("the incident id must be at most 200 characters, got 201"));
    }

    @Test
    public void requiredApprovalsDefaultsToOneAndAnyIncidentIdIsAccepted() throws Exception {
        EmergencyPolicy path = parse(withSystems("allow", CHECKOUT,
                "    emergency: {approvers: [incident-commanders], reviewWithin: 24h, reviewers: [sre-leads]}"))
                .systems().get(0).emergency().orElseThrow();
        assertThat(path.requiredApprovals(), is(1));
        assertThat(path.incidentPattern(), is(Optional.empty()));
        assertThat(path.incidentRefusal("whatever-7"), is(Optional.empty()));
        assertThat(path.incidentRefusal("INC\n1").orElseThrow(), containsString("control characters"));
    }

    @Test
    public void aSystemsKeysReplaceTheDefaultsKeyByKey() throws Exception {
        Registry registry = parse(withDefaults(
                "  emergency:",
                "    approvers: [incident-commanders]",
                "    incidentPattern: 'INC-[0-9]+'",
                "    reviewWithin: 24h",
                "    reviewers: [sre-leads]")
                + CHECKOUT + "\n"
                + "    emergency: {requiredApprovals: 2, reviewers: [security]}\n"
                + CHECKOUT.replace("checkout-service", "payments").replace("Checkout", "Payments") + "\n");
        EmergencyPolicy own = registry.systems().get(0).emergency().orElseThrow();
        assertThat(own.requiredApprovals(), is(2));
        assertThat(own.reviewers(), contains(ApproverRef.group("security")));
        assertThat(own.approvers(), contains(ApproverRef.group("incident-commanders")));
        assertThat(own.incidentPattern(), is(Optional.of("INC-[0-9]+")));
        assertThat(own.reviewWithin(), is(Duration.ofHours(24)));
        EmergencyPolicy inherited = registry.systems().get(1).emergency().orElseThrow();
        assertThat(inherited.requiredApprovals(), is(1));
        assertThat(inherited.reviewers(), contains(ApproverRef.group("sre-leads")));
    }

    @Test
    public void refusesAPathWithoutReviewersOrApproversOrDueTime() {
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    emergency:",
                "      approvers: [incident-commanders]")), contains(
                "reg.yaml:13:7: system 'checkout-service' has emergency without reviewers (who reviews it afterwards,"
                        + " e.g. [sre-leads]: an emergency path without reviewers would never be reviewed),"
                        + " reviewWithin (by when the review is due, e.g. 24h): give them here or in defaults'"
                        + " emergency"));
        assertThat(problems(withDefaults("  emergency: {reviewers: [sre-leads], reviewWithin: 1d}") + CHECKOUT + "\n"),
                contains(containsString("system 'checkout-service' has emergency (from defaults) without approvers")));
    }

    @Test
    public void refusesBadValuesWithClearMessages() {
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    emergency:",
                "      approvers: [incident-commanders]",
                "      requiredApprovals: 0",
                "      incidentPattern: 'INC-[0-9'",
                "      reviewWithin: soon",
                "      reviewers: []",
                "      reviewer: [x]")), contains(
                "reg.yaml:14:26: emergency.requiredApprovals must be at least 1, not 0",
                "reg.yaml:15:24: emergency.incidentPattern 'INC-[0-9' is not a valid regular expression:"
                        + " a '[' that is never closed, at character 8 of the expression",
                "reg.yaml:16:21: emergency.reviewWithin 'soon' is not a duration: write a whole number followed by m"
                        + " (minutes), h (hours) or d (days), e.g. 90m, 24h, 7d",
                "reg.yaml:17:18: 'emergency.reviewers' is empty: list at least one group or user:<id>",
                "reg.yaml:18:7: unknown key 'reviewer' in emergency; did you mean 'reviewers'?"));
        assertThat(problems(withSystems("allow", CHECKOUT, "    emergency: {}")), contains(containsString(
                "'emergency' is empty")));
    }

    @Test
    public void refusesACountTheEmergencyApproversCanNeverMeet() {
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    emergency:",
                "      approvers: [user:carol, user:dave]",
                "      requiredApprovals: 3",
                "      reviewWithin: 24h",
                "      reviewers: [sre-leads]")), contains(
                "reg.yaml:14:26: system 'checkout-service': emergency.requiredApprovals 3 can never be met: only 2"
                        + " single user(s) are listed in emergency.approvers"));
        // an AI-assisted emergency change needs the AI rule's count: two single users cannot give three
        assertThat(problems(withSystems("allow", CHECKOUT,
                "    aiAssisted: {require: {requiredApprovals: 3}}",
                "    emergency:",
                "      approvers: [user:carol, user:dave]",
                "      reviewWithin: 24h",
                "      reviewers: [sre-leads]")), contains(containsString("an AI-assisted emergency change needs 3"
                + " approvals")));
    }

    @Test
    public void overlaysCannotTightenTheEmergencyPath() {
        List<String> problems = problems(withSystems("allow", CHECKOUT) + String.join("\n",
                "overlays:",
                "  - name: audit-season",
                "    start: 2026-01-01T00:00:00Z",
                "    end: 2026-02-01T00:00:00Z",
                "    systems: [checkout-service]",
                "    tighten: {emergency: {requiredApprovals: 2}}", ""));
        assertThat(String.join("\n", problems), containsString("unknown key 'emergency' in tighten"));
    }

    @Test
    public void survivesJavaSerializationAsAPausedGateKeepsIt() throws Exception {
        CriticalSystem checkout = parse(withSystems("allow", CHECKOUT,
                "    emergency: {approvers: [incident-commanders], reviewWithin: 24h, reviewers: [sre-leads],"
                        + " incidentPattern: 'INC-.*'}")).systems().get(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(checkout);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            CriticalSystem back = (CriticalSystem) in.readObject();
            assertThat(back, is(checkout));
            assertThat(back.emergency(), is(checkout.emergency()));
        }
    }
}
