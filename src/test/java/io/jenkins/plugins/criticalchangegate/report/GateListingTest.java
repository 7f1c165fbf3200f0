package io.jenkins.plugins.criticalchangegate.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The audit page's list of gates, read from a real journal on disk: one row per gate, newest first, bounded. */
public class GateListingTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    /** One hour later at every record, so requests have distinct, known times. */
    private static final class Hourly extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(3600);
            return now;
        }
    }

    @Before
    public void writeJournal() throws IOException {
        dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().clock(new Hourly()).build())) {
            journal.append(AuditEvent.gateRequested("deploy/payments", 7, "payments", "CHG-7", "abc", "alice"));
            journal.append(AuditEvent.approvalRefused("deploy/payments", 7, "payments", "CHG-7", "alice", "AUTHOR"));
            journal.append(AuditEvent.approvalAccepted("deploy/payments", 7, "payments", "CHG-7", "bob"));
            journal.append(AuditEvent.approvalAccepted("deploy/payments", 7, "payments", "CHG-7", "carol"));
            journal.append(AuditEvent.gateRequested("deploy/search", 3, "search", "CHG-9", "abc", "dave"));
            journal.append(AuditEvent.decided("deploy/payments", 7, "payments", "CHG-7", "APPROVED",
                    List.of("bob", "carol")));
            journal.append(AuditEvent.notCritical("deploy/wiki", 1, "wiki", null, "erin"));
            for (int build = 1; build <= 5; build++) {
                journal.append(AuditEvent.gateRequested("deploy/many", build, "payments", "CHG-M" + build, "abc",
                        "alice"));
            }
        }
    }

    private static List<String> gates(GateListing listing) {
        List<String> gates = new ArrayList<>();
        for (GateRow row : listing.rows()) {
            gates.add(row.gateFilter() + " " + row.outcome());
        }
        return gates;
    }

    @Test
    public void oneRowPerGateNewestFirstWithOutcomeTimesAndApprovers() throws IOException {
        GateListing listing = GateListing.read(dir, JournalQuery.builder().build(), 200);
        assertThat(gates(listing), contains("deploy/many#5 PENDING", "deploy/many#4 PENDING", "deploy/many#3 PENDING",
                "deploy/many#2 PENDING", "deploy/many#1 PENDING", "deploy/wiki#1 NOT_CRITICAL",
                "deploy/search#3 PENDING", "deploy/payments#7 APPROVED"));
        GateRow payments = listing.rows().get(7);
        assertThat(payments.system(), is("payments"));
        assertThat(payments.changeId(), is("CHG-7"));
        assertThat(payments.approvers(), contains("bob", "carol"));
        assertThat(payments.requested(), is(Instant.parse("2026-03-01T12:00:00Z"))); // the second record's hour
        assertThat(payments.decided(), is(Optional.of(Instant.parse("2026-03-01T17:00:00Z"))));
        assertThat(listing.more(), is(0L));
        assertThat(listing.records(), is(13L));
    }

    @Test
    public void showsTheNewestAndCountsTheRest() throws IOException {
        GateListing listing = GateListing.read(dir, JournalQuery.builder().build(), 3);
        assertThat(gates(listing), contains("deploy/many#5 PENDING", "deploy/many#4 PENDING",
                "deploy/many#3 PENDING"));
        assertThat(listing.more(), is(5L));
    }

    @Test
    public void theToolsFiltersNarrowTheList() throws IOException {
        assertThat(gates(GateListing.read(dir, JournalFilters.query(Map.of("outcome", "approved")), 200)),
                contains("deploy/payments#7 APPROVED"));
        assertThat(gates(GateListing.read(dir, JournalFilters.query(Map.of("user", "DAVE")), 200)),
                contains("deploy/search#3 PENDING"));
        assertThat(GateListing.read(dir, JournalFilters.query(Map.of("system", "nothing")), 200).rows().size(),
                is(0));
    }

    @Test
    public void refusesALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> GateListing.read(dir, JournalQuery.builder().build(), 0));
    }
}
