package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.policy.Review;
import io.jenkins.plugins.criticalchangegate.policy.ReviewVerdict;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TimeZone;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code simulate --emergency --incident}, {@code audit emergencies} and {@code registry show}'s emergency path,
 * end to end through {@link Main} with real journal files (issue 16).
 */
public class EmergencyToolTest {
    static final String REGISTRY = String.join("\n",
            "version: 1",
            "unknownSystems: allow",
            "defaults:",
            "  documentation: {allowedHosts: [wiki.example.com]}",
            "  emergency:",
            "    approvers: [incident-commanders]",
            "    incidentPattern: 'INC-[0-9]+'",
            "    reviewWithin: 24h",
            "    reviewers: [sre-leads]",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]",
            "",
            "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeRegistry() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), REGISTRY);
    }

    private ToolRun simulateEmergency(String at, String... more) {
        String[] base = {"simulate", "--registry", "critical.yaml", "--system", "checkout-service", "--change",
                "CHG-7", "--started-by", "carol", "--emergency", "--incident", "INC-4711", "--at", at,
                "--journal", "journal"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return ToolRun.in(dir, all);
    }

    private JsonNode emergencies(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "audit";
        all[1] = "emergencies";
        all[2] = "journal";
        System.arraycopy(args, 0, all, 3, args.length);
        ToolRun run = ToolRun.in(dir, all);
        assertThat(run.toString(), run.exit, is(0));
        return JSON.readTree(run.out);
    }

    @Test
    public void simulateApprovesAnEmergencyAndAuditEmergenciesListsIt() throws Exception {
        ToolRun pending = simulateEmergency("2026-04-04T10:00:00Z");
        assertThat(pending.toString(), pending.exit, is(ExitCode.PENDING));
        ToolRun run = simulateEmergency("2026-04-04T10:00:00Z", "--approve", "ian:incident-commanders");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode out = JSON.readTree(run.out);
        assertThat(out.get("outcome").asText(), is("APPROVED"));
        assertThat(out.get("emergency").asBoolean(), is(true));
        assertThat(out.get("incidentId").asText(), is("INC-4711"));
        assertThat(out.get("requiredApprovals").asInt(), is(1));

        JsonNode all = emergencies("--at", "2026-04-04T12:00:00Z");
        assertThat(all.toString(), all.size(), is(1)); // the PENDING simulation opened no review
        JsonNode entry = all.get(0);
        assertThat(entry.get("system").asText(), is("checkout-service"));
        assertThat(entry.get("changeId").asText(), is("CHG-7"));
        assertThat(entry.get("incidentId").asText(), is("INC-4711"));
        assertThat(entry.get("approvedAt").asText(), is("2026-04-04T10:00:00Z"));
        assertThat(entry.get("reviewDue").asText(), is("2026-04-05T10:00:00Z"));
        assertThat(entry.get("review").isNull(), is(true));
        assertThat(entry.get("overdue").asBoolean(), is(false));
        assertThat(entry.get("job").asText(), is("simulate"));
        assertThat(entry.get("approvers").get(0).asText(), is("ian"));
        assertThat(entry.get("reviewers").get(0).asText(), is("sre-leads"));
    }

    @Test
    public void overdueIsTheSameInEveryTimeZoneAndAfterTheJournalIsReopened() throws Exception {
        assertThat(simulateEmergency("2026-04-04T10:00:00Z", "--approve", "ian:incident-commanders").exit, is(0));
        TimeZone before = TimeZone.getDefault();
        try {
            for (String zone : new String[] {"UTC", "Pacific/Kiritimati", "America/Los_Angeles"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                // one second before and after the due time, written with different offsets
                assertThat(zone, emergencies("--overdue", "--at", "2026-04-05T18:59:59+09:00").size(), is(0));
                assertThat(zone, emergencies("--overdue", "--at", "2026-04-05T03:00:01-07:00").size(), is(1));
                assertThat(zone, emergencies("--overdue", "--at", "2026-04-05T10:00:01Z").size(), is(1));
            }
        } finally {
            TimeZone.setDefault(before);
        }
        // --at defaults to the clock's now
        boolean pastDue = Instant.now().isAfter(Instant.parse("2026-04-05T10:00:00Z"));
        assertThat(emergencies("--overdue").size(), is(pastDue ? 1 : 0));
    }

    @Test
    public void aReviewClosesTheObligation() throws Exception {
        assertThat(simulateEmergency("2026-04-04T10:00:00Z", "--approve", "ian:incident-commanders").exit, is(0));
        // the review as Jenkins journals it, appended by another process's journal handle (a restart between)
        GateRequest request = new GateRequest(RegistryParser.parse(REGISTRY, "critical.yaml").systems().get(0),
                "CHG-7", "carol", Set.of(), Instant.parse("2026-04-04T10:00:00Z")).withEmergency("INC-4711");
        Gate gate = Gate.open(request, IdentityComparison.IGNORING_CASE);
        gate.approve(Person.of("ian", "incident-commanders"), null, Instant.parse("2026-04-04T10:00:00Z"));
        Review refused = Review.decide(gate.state(), false, Person.of("ian", "sre-leads"), ReviewVerdict.ACCEPTED,
                null, Instant.parse("2026-04-04T11:00:00Z"), IdentityComparison.IGNORING_CASE);
        Review review = Review.decide(gate.state(), false, Person.of("sam", "sre-leads"),
                ReviewVerdict.NEEDS_FOLLOW_UP, "write the post-mortem", Instant.parse("2026-04-04T11:00:00Z"),
                IdentityComparison.IGNORING_CASE);
        try (AuditJournal journal = AuditJournal.open(dir.resolve("journal"), JournalOptions.defaults())) {
            journal.append(EmergencyRecords.review("simulate", 0, "checkout-service", "CHG-7", "INC-4711", null,
                    refused));
            journal.append(EmergencyRecords.review("simulate", 0, "checkout-service", "CHG-7", "INC-4711", null,
                    review));
        }
        JsonNode all = emergencies("--at", "2026-04-06T00:00:00Z");
        JsonNode reviewed = all.get(0).get("review");
        assertThat(reviewed.get("reviewer").asText(), is("sam"));
        assertThat(reviewed.get("verdict").asText(), is("needs-follow-up"));
        assertThat(reviewed.get("text").asText(), is("write the post-mortem"));
        assertThat(all.get(0).get("overdue").asBoolean(), is(false));
        assertThat(emergencies("--overdue", "--at", "2026-04-06T00:00:00Z").size(), is(0));
        ToolRun verify = ToolRun.in(dir, "audit", "verify", "journal");
        assertThat(verify.toString(), verify.exit, is(0));
    }

    @Test
    public void refusedEmergenciesAndBadArguments() throws Exception {
        ToolRun badIncident = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system",
                "checkout-service", "--emergency", "--incident", "4711", "--approve", "ian:incident-commanders");
        assertThat(badIncident.toString(), badIncident.exit, is(ExitCode.FAILED));
        JsonNode out = JSON.readTree(badIncident.out);
        assertThat(out.get("outcome").asText(), is("DENIED"));
        assertThat(out.get("emergency").asBoolean(), is(true));
        assertThat(out.get("message").asText(), containsString("does not match the registry's"
                + " emergency.incidentPattern"));
        ToolRun noIncident = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system",
                "checkout-service", "--emergency");
        assertThat(noIncident.exit, is(ExitCode.USAGE));
        assertThat(noIncident.err, containsString("--emergency needs --incident ID"));
        ToolRun usual = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--approve", "ian:incident-commanders");
        JsonNode plain = JSON.readTree(usual.out);
        assertThat(plain.get("outcome").asText(), is("PENDING"));
        assertThat(plain.get("emergency").asBoolean(), is(false));
        assertThat(plain.get("incidentId"), is(JSON.nullNode()));
        ToolRun missing = ToolRun.in(dir, "audit", "emergencies", "nowhere");
        assertThat(missing.exit, is(ExitCode.USAGE));
    }

    @Test
    public void aRefusedEmergencyIsJournaledAsOneAndOpensNoReview() throws Exception {
        ToolRun denied = ToolRun.in(dir, "simulate", "--registry", "critical.yaml", "--system", "checkout-service",
                "--change", "CHG-8", "--emergency", "--incident", "4711", "--journal", "journal");
        assertThat(denied.toString(), denied.exit, is(ExitCode.FAILED));
        JsonNode decided = null;
        for (String line : Files.readAllLines(dir.resolve("journal/journal-000001.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            if ("DECIDED".equals(record.path("type").asText())) {
                decided = record;
            }
        }
        assertThat("a DECIDED record", decided != null, is(true));
        assertThat(decided.get("outcome").asText(), is("DENIED"));
        assertThat("marked as Jenkins marks it", decided.get("emergency").asBoolean(), is(true));
        assertThat(decided.get("incidentId").asText(), is("4711"));
        ToolRun listed = ToolRun.in(dir, "audit", "emergencies", "journal");
        assertThat(listed.toString(), listed.exit, is(0));
        assertThat("a denial opens no review", JSON.readTree(listed.out).size(), is(0));
    }

    @Test
    public void aJournalWithALineThatIsNotARecordIsRefused() throws Exception {
        assertThat(simulateEmergency("2026-04-04T10:00:00Z", "--approve", "ian:incident-commanders").exit, is(0));
        Path file = dir.resolve("journal/journal-000001.jsonl");
        Files.writeString(file, Files.readString(file) + "not a record\n");
        ToolRun run = ToolRun.in(dir, "audit", "emergencies", "journal");
        assertThat(run.toString(), run.exit, is(ExitCode.FAILED));
        assertThat(run.err, containsString("cannot read the emergencies of the journal"));
        assertThat(run.out, is(""));
    }

    @Test
    public void registryShowPrintsTheEmergencyPath() throws Exception {
        ToolRun run = ToolRun.in(dir, "registry", "show", "--registry", "critical.yaml", "--system",
                "checkout-service");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode path = JSON.readTree(run.out).get("emergency");
        assertThat(path.get("approvers").get(0).asText(), is("incident-commanders"));
        assertThat(path.get("requiredApprovals").asInt(), is(1));
        assertThat(path.get("incidentPattern").asText(), is("INC-[0-9]+"));
        assertThat(path.get("reviewWithin").asText(), is("1d")); // 24h, written as the format's shortest form
        assertThat(path.get("reviewers").size(), is(1));
        JsonNode other = JSON.readTree(ToolRun.in(dir, "registry", "show", "--registry", "critical.yaml",
                "--system", "wiki").out);
        assertThat(other.get("emergency").isNull(), is(true));
        assertThat(other.get("nothing"), nullValue());
    }
}
