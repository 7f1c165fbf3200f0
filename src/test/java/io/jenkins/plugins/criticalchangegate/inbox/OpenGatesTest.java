package io.jenkins.plugins.criticalchangegate.inbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.GateRequestRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OpenGatesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static final CriticalSystem PAYMENTS = CriticalSystem.builder("payments").approvers("sre", "user:carol")
            .requiredApprovals(2).build();

    static AuditEvent requested(String job, long build, String change, String startedBy) {
        GateRequest request = new GateRequest(PAYMENTS, change, startedBy, Set.of(), Set.of("dave"),
                Instant.parse("2026-01-01T10:00:00Z"));
        return GateRequestRecord.addTo(AuditEvent.gateRequested(job, build, "payments", change, null, startedBy),
                request);
    }

    @Test
    public void followsAGateFromRequestToDecision() {
        OpenGates gates = new OpenGates(10);
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        feed(gates, AuditEvent.documentationChecked("app/deploy", 7, "payments", "CHG-1", "https://wiki/x",
                "VERIFIED", Map.of()), t);
        feed(gates, requested("app/deploy", 7, "CHG-1", "alice"), t);
        PendingGate open = gates.get(new GateKey("app/deploy", 7)).orElseThrow();
        assertThat(open.documentationUrl().orElseThrow(), is("https://wiki/x"));
        assertThat(open.deadline().orElseThrow(), is(Instant.parse("2026-01-02T10:00:00Z")));
        assertThat(open.approvalsNeeded(), is(2));
        assertThat(open.commitAuthors(), contains("dave"));
        assertThat(open.startedBy().orElseThrow(), is("alice"));

        feed(gates, AuditEvent.approvalAccepted("app/deploy", 7, "payments", "CHG-1", "bob", "sre"), t.plusSeconds(5));
        feed(gates, AuditEvent.held("app/deploy", 7, "payments", "CHG-1", "freeze until Monday"), t.plusSeconds(6));
        PendingGate updated = gates.get(new GateKey("app/deploy", 7)).orElseThrow();
        assertThat(updated.approvals(), contains(new PendingGate.Vote("bob", "sre", t.plusSeconds(5))));
        assertThat(updated.heldBecause().orElseThrow(), is("freeze until Monday"));

        feed(gates, AuditEvent.decided("app/deploy", 7, "payments", "CHG-1", "APPROVED", List.of("bob", "carol")),
                t.plusSeconds(9));
        assertThat(gates.open(), empty());
        assertThat(gates.recentlyDecided(), hasSize(1));
        assertThat(gates.recentlyDecided().get(0).outcome(), is("APPROVED"));
        assertThat(gates.recentlyDecided().get(0).approvers(), contains("bob", "carol"));
    }

    @Test
    public void keepsOnlyTheConfiguredNumberOfDecidedGatesMostRecentFirst() {
        OpenGates gates = new OpenGates(3);
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        for (int b = 1; b <= 5; b++) {
            feed(gates, requested("j", b, "CHG-" + b, "alice"), t);
            feed(gates, AuditEvent.decided("j", b, "payments", "CHG-" + b, "EXPIRED", List.of()), t.plusSeconds(b));
        }
        assertThat(gates.recentlyDecided().stream().map(d -> d.gate().build()).collect(Collectors.toList()),
                contains(5L, 4L, 3L));
    }

    @Test
    public void rebuildsFromARotatedJournalWithATornTail() throws Exception {
        Path dir = tmp.newFolder("journal").toPath();
        long lastWritten;
        // a small file limit makes the journal rotate across many files, as a long-lived one does
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().maxFileBytes(4096).build())) {
            for (int b = 1; b <= 60; b++) {
                journal.append(requested("svc/deploy", b, "CHG-" + b, "alice"));
                journal.append(AuditEvent.approvalAccepted("svc/deploy", b, "payments", "CHG-" + b, "bob", "sre"));
                if (b % 3 != 0) {
                    journal.append(AuditEvent.decided("svc/deploy", b, "payments", "CHG-" + b, "APPROVED",
                            List.of("bob", "carol")));
                }
            }
            lastWritten = journal.lastSeq();
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                    .collect(Collectors.toList());
        }
        assertThat("the journal rotated", files.size() > 3, is(true));
        // a crash while appending leaves half a line without its line feed
        Files.write(files.get(files.size() - 1), "{\"build\":61,\"changeId\":\"CHG-61\",\"jo".getBytes(
                StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        OpenGates.Rebuilt rebuilt = OpenGates.rebuild(dir, 5);
        assertThat(rebuilt.gates().size(), is(20));
        assertThat(rebuilt.gates().open().stream().allMatch(g -> g.build() % 3 == 0
                && g.approvals().size() == 1), is(true));
        assertThat(rebuilt.notes(), hasSize(1));
        assertThat(rebuilt.notes().get(0), startsWith(files.get(files.size() - 1).getFileName() + " line "));
        assertThat(rebuilt.gates().recentlyDecided(), hasSize(5));
        // what the Jenkins index applies after a rebuild: only records numbered above this
        assertThat(rebuilt.lastSeq(), is(lastWritten));
    }

    @Test
    public void anEmptyOrMissingJournalIsAnEmptyIndex() throws Exception {
        assertThat(OpenGates.rebuild(tmp.getRoot().toPath().resolve("none"), 5).gates().open(), empty());
    }

    @Test
    public void retainOnlyDropsTheGatesOfBuildsThatNoLongerRun() {
        OpenGates gates = new OpenGates();
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        feed(gates, requested("j", 1, "CHG-1", "alice"), t);
        feed(gates, requested("j", 2, "CHG-2", "alice"), t);
        assertThat(gates.retainOnly(k -> k.build() == 2), is(1));
        assertThat(gates.open().stream().map(PendingGate::build).collect(Collectors.toList()), contains(2L));
    }

    @Test
    public void concurrentApprovalsOnManyGatesAreNeitherLostNorDoubled() throws Exception {
        OpenGates gates = new OpenGates();
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        for (int b = 0; b < 50; b++) {
            feed(gates, requested("j", b, "CHG-" + b, "alice"), t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int u = 0; u < 8; u++) {
            String user = "user" + u;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int b = 0; b < 50; b++) {
                    feed(gates, AuditEvent.approvalAccepted("j", b, "payments", "CHG-" + b, user, "sre"), t);
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS), is(true));
        assertThat(gates.open().stream().allMatch(g -> g.approvals().size() == 8), is(true));
    }

    private static void feed(OpenGates gates, AuditEvent event, Instant at) {
        gates.accept(event.type(), event.fields(), at);
    }

    static Duration day() {
        return Duration.ofDays(1);
    }
}
