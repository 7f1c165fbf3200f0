package io.jenkins.plugins.criticalchangegate.benchmarks.inbox;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.GateRequestRecord;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.inbox.Inbox;
import io.jenkins.plugins.criticalchangegate.inbox.OpenGates;
import io.jenkins.plugins.criticalchangegate.inbox.WhoMayAct;
import io.jenkins.plugins.criticalchangegate.policy.GateRequest;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The approvals inbox at scale (issue 14): a real journal, written through {@link AuditJournal} and rotated every
 * 32 MiB, with {@value #CLOSED} decided gates and {@value #OPEN} open ones. Measures
 * <ul>
 * <li>{@link #inboxPage}: the inbox page's data for one approver ({@link Inbox#of} over the index, the "who may act"
 * rule asked for every open gate) &mdash; target under 50 ms;</li>
 * <li>{@link #rebuild}: the start-up rebuild of the index from the journal ({@link OpenGates#rebuild}) &mdash; target
 * under 2 s;</li>
 * <li>{@link #readJournal}: the same-run baseline, a plain sequential read of the same journal files (1 MiB buffer,
 * bytes counted, nothing parsed): what any pass over the journal costs at least, and the unit the other two are
 * reported in (docs/performance.md).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InboxBenchmark {
    static final int CLOSED = 100_000;
    static final int OPEN = 2_000;
    static final int SYSTEMS = 20;

    private Path dir;
    private OpenGates gates;
    private WhoMayAct rule;
    private Person approver;
    private Instant now;

    @Setup(Level.Trial)
    public void writeJournal() throws Exception {
        dir = Files.createTempDirectory("inbox-bench");
        try {
            prepare();
        } catch (Exception | Error e) {
            deleteJournal(); // JMH runs no tear-down after a failed set-up: 200 MB would stay in /tmp
            throw e;
        }
    }

    private void prepare() throws Exception {
        Registry registry = RegistryParser.parse(registryYaml(), "bench.yaml");
        now = Instant.now();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().maxFileBytes(32L << 20).build())) {
            List<AuditEvent> batch = new ArrayList<>();
            for (int n = 0; n < CLOSED + OPEN; n++) {
                gate(registry, n, n >= CLOSED, batch);
                if (batch.size() >= 4000) {
                    journal.appendAll(batch);
                    batch.clear();
                }
            }
            journal.appendAll(batch);
        }
        OpenGates.Rebuilt rebuilt = OpenGates.rebuild(dir, OpenGates.DEFAULT_RECENT);
        gates = rebuilt.gates();
        if (gates.size() != OPEN || !rebuilt.notes().isEmpty()) {
            throw new IllegalStateException("the journal should hold " + OPEN + " open gates and no bad line, got "
                    + gates.size() + " and " + rebuilt.notes());
        }
        rule = new WhoMayAct(registry, IdentityComparison.IGNORING_CASE);
        approver = Person.of("bench-sre", Set.of("sre-oncall"));
        Inbox inbox = inboxPage();
        if (inbox.waitingForMe().isEmpty() || inbox.waitingOnOthers().isEmpty()) {
            throw new IllegalStateException("the approver should see gates in both tabs: " + inbox.waitingForMe()
                    .size() + " waiting for them, " + inbox.waitingOnOthers().size() + " on others");
        }
        System.out.printf("%njournal: %d records, %d bytes in %d files; waiting for the approver: %d, on others: %d%n",
                rebuilt.records(), bytes(), files().size(), inbox.waitingForMe().size(),
                inbox.waitingOnOthers().size());
    }

    @TearDown(Level.Trial)
    public void deleteJournal() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Inbox inboxPage() {
        return Inbox.of(gates, rule, approver, key -> true, now);
    }

    @Benchmark
    public OpenGates rebuild() throws IOException {
        return OpenGates.rebuild(dir, OpenGates.DEFAULT_RECENT).gates();
    }

    @Benchmark
    public long readJournal() throws IOException {
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        for (Path file : files()) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n + buffer[n - 1];
                }
            }
        }
        return total;
    }

    /**
     * One gate as the plugin journals it: the documentation check, the request (with the members issue 14 added),
     * approvals, and for a closed gate the decision. Open gates: a third without approvals, a third approved once by
     * a lead, a third once by another SRE; the approver started one in ten of them.
     */
    private void gate(Registry registry, int n, boolean open, List<AuditEvent> out) {
        String job = "org-" + (n % 40) + "/deploy-" + (n % 50);
        String system = "system-" + (n % SYSTEMS);
        String change = "CHG-" + (100_000 + n);
        // the approver started one open gate in ten: those wait on others (the policy refuses self-approval)
        String starter = open && n % 10 == 0 ? "bench-sre" : "dev" + (n % 97);
        CriticalSystem critical = registry.resolve(system, null).system().orElseThrow();
        GateRequest request = new GateRequest(critical, change, starter, Set.of(), Set.of("author" + (n % 31)),
                now.minus(Duration.ofMinutes(OPEN + CLOSED - n)));
        out.add(AuditEvent.documentationChecked(job, n, system, change, "https://wiki.example.com/changes/" + change,
                "VERIFIED", Map.of("status", 200, "sections", List.of("Risk", "Rollback plan"))));
        out.add(GateRequestRecord.addTo(AuditEvent.gateRequested(job, n, system, change, null, starter), request));
        if (!open || n % 3 == 1) {
            out.add(AuditEvent.approvalAccepted(job, n, system, change, "lead" + (n % 13), "leads-" + (n % SYSTEMS)));
        } else if (n % 3 == 2) {
            out.add(AuditEvent.approvalAccepted(job, n, system, change, "sre" + (n % 11), "sre-oncall"));
        }
        if (!open) {
            out.add(AuditEvent.approvalAccepted(job, n, system, change, "sre" + (n % 11), "sre-oncall"));
            out.add(AuditEvent.decided(job, n, system, change, "APPROVED", List.of("lead" + (n % 13),
                    "sre" + (n % 11))));
        }
    }

    private static String registryYaml() {
        StringBuilder yaml = new StringBuilder("version: 1\nunknownSystems: allow\ndefaults:\n  documentation:\n"
                + "    allowedHosts: [wiki.example.com]\nsystems:\n");
        for (int i = 0; i < SYSTEMS; i++) {
            yaml.append("  - id: system-").append(i).append("\n    name: System ").append(i)
                    .append("\n    tier: 1\n    owners: [team-").append(i).append("]\n    approvers: [leads-")
                    .append(i).append(", sre-oncall]\n");
        }
        return yaml.toString();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                    .collect(java.util.stream.Collectors.toList());
        }
    }

    private long bytes() throws IOException {
        long total = 0;
        for (Path p : files()) {
            total += Files.size(p);
        }
        return total;
    }
}
