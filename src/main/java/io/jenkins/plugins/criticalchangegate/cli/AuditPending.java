package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.inbox.OpenGates;
import io.jenkins.plugins.criticalchangegate.inbox.PendingGate;
import io.jenkins.plugins.criticalchangegate.inbox.WhoMayAct;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code audit pending JOURNAL [--registry FILE --user ID --groups G,...]}: the gates a journal shows requested and
 * not decided, as a JSON array; with {@code --user}, only those the person may approve now, by the inbox's rule
 * ({@link WhoMayAct}, which asks the policy). Shares the index with the Jenkins inbox ({@link OpenGates}).
 */
final class AuditPending {
    static final String USAGE = "usage: audit pending JOURNAL [--registry FILE --user ID [--groups G,...]]";

    private AuditPending() {
    }

    static int run(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("registry", "user", "groups"), Set.of());
        if (parsed.positional().size() != 1) {
            throw new UsageException("'audit pending' needs one journal directory", USAGE);
        }
        Optional<String> user = parsed.option("user");
        Optional<String> registryFile = parsed.option("registry");
        if (user.isPresent() != registryFile.isPresent()) {
            throw new UsageException("--user and --registry go together: who may act depends on the registry", USAGE);
        }
        if (parsed.option("groups").isPresent() && user.isEmpty()) {
            throw new UsageException("--groups goes with --user", USAGE);
        }
        Path dir = JournalDirectory.existing(parsed, console); // a mistyped path is not "nothing pending"
        OpenGates.Rebuilt rebuilt;
        try {
            rebuilt = OpenGates.rebuild(dir, 0);
        } catch (IOException e) {
            console.err().println("error: cannot read the journal in " + ControlCharacters.escape(String.valueOf(dir))
                    + ": " + IoProblem.describe(e));
            return ExitCode.USAGE;
        }
        for (String note : rebuilt.notes()) {
            console.err().println("note: " + ControlCharacters.escape(note));
        }
        List<PendingGate> gates = rebuilt.gates().open();
        Instant now = Instant.now();
        List<Map<String, Object>> out = new ArrayList<>();
        if (user.isPresent()) {
            Optional<Registry> registry = RegistryInput.loadOrReport(registryFile.get(), console);
            if (registry.isEmpty()) {
                return ExitCode.FAILED;
            }
            Set<String> groups = new LinkedHashSet<>();
            for (String g : parsed.option("groups").orElse("").split(",")) {
                if (!g.isBlank()) {
                    groups.add(g.strip());
                }
            }
            Person person;
            try {
                person = Person.of(user.get(), groups);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--user: " + e.getMessage());
            }
            WhoMayAct rule = new WhoMayAct(registry.get(), IdentityComparison.IGNORING_CASE);
            for (PendingGate gate : gates) {
                WhoMayAct.Assessment a = rule.assess(person, gate, now);
                if (a.mayApprove()) {
                    Map<String, Object> json = json(gate);
                    json.put("approvalsStillNeeded", a.stillNeeded());
                    out.add(json);
                }
            }
        } else {
            gates.forEach(g -> out.add(json(g)));
        }
        console.out().println(JsonOutput.toJson(out));
        return ExitCode.OK;
    }

    static Map<String, Object> json(PendingGate gate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("system", gate.system());
        json.put("changeId", gate.changeId());
        json.put("job", gate.job());
        json.put("build", gate.build());
        json.put("requestedAt", gate.requestedAt().toString());
        json.put("startedBy", gate.startedBy().orElse(null));
        json.put("deadline", gate.deadline().map(Instant::toString).orElse(null));
        json.put("approvalsNeeded", gate.approvalsNeeded());
        List<Map<String, Object>> approvals = new ArrayList<>();
        for (PendingGate.Vote v : gate.approvals()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("user", v.user());
            a.put("through", v.through().orElse(null));
            a.put("at", v.at().toString());
            approvals.add(a);
        }
        json.put("approvals", approvals);
        json.put("requirement", gate.requirement().orElse(null));
        json.put("documentationUrl", gate.documentationUrl().orElse(null));
        json.put("heldBecause", gate.heldBecause().orElse(null));
        return json;
    }
}
