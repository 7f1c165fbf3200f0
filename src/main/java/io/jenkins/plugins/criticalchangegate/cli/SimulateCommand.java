package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.attestation.Envelope;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import io.jenkins.plugins.criticalchangegate.documentation.ChangeIdRule;
import io.jenkins.plugins.criticalchangegate.policy.Approval;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.policy.RefusedAttempt;
import io.jenkins.plugins.criticalchangegate.policy.RuleProgress;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code simulate}: what the gate would do with a change. Resolves the system in the registry, then applies the
 * approvals and rejections in the order given on the command line, and prints one JSON object with the outcome,
 * the approvals that counted, the refused attempts and the trail of events.
 */
final class SimulateCommand implements Command {
    static final String USAGE = "usage: simulate --registry FILE --system ID [--job FULLNAME] [--change ID]"
            + " [--started-by USER] [--commit-author USER]... [--approve USER[:GROUP,...][@INSTANT]]..."
            + " [--reject USER[:GROUP,...][@INSTANT]=REASON]... [--at INSTANT] [--until INSTANT]"
            + " [--commit-message FILE]... [--ai-assisted] [--emergency --incident ID] [--credentials-for SYSTEM]"
            + " [--journal DIR [--key-file FILE | --key-env VAR]] [--notify-out FILE]" + SimulateAttestation.USAGE;

    private static final String HELP = USAGE + "\n\n"
            + "Resolves the system as the gate would, then applies each --approve and --reject in the order given\n"
            + "(the groups after the colon are the person's groups) and prints one JSON object: system, critical,\n"
            + "outcome (NOT_CRITICAL, PENDING, APPROVED, REJECTED, DENIED), approvals (user and the group it counted\n"
            + "through), refused (user and reason code), events (the gate's trail, in order). User ids and groups\n"
            + "compare ignoring case, as Jenkins' default does. --change defaults to SIMULATED.\n"
            + "--commit-message FILE (repeatable) gives a shipped commit's message (the message alone, the commit\n"
            + "named by the file; or 'commit <hash>' and the message; or what 'git log -1' prints); when a trailer\n"
            + "shows it AI-assisted, or --ai-assisted declares the change so, the system's stricter rule for\n"
            + "AI-assisted changes applies (over the time rules' policy), and applied.aiAssisted says why (null when\n"
            + "it does not apply).\n"
            + "--at INSTANT (ISO-8601 with an offset or Z) requests the change then, under the registry's time rules\n"
            + "(overlays, freezes, deployment windows; without it: now); every approval and rejection happens at that\n"
            + "instant unless it names its own, USER[:GROUP,...]@INSTANT. --until INSTANT lets time pass after them:\n"
            + "a held gate whose system has opened is approved (or waits again), a gate past its deadline expires.\n"
            + "applied.overlays and applied.freeze say which time rules applied (freeze: null or the freeze in force).\n"
            + "Exit 0 for APPROVED and NOT_CRITICAL, 3 for PENDING and HELD, 1 for REJECTED, EXPIRED and DENIED\n"
            + "(a freeze in mode deny too; and a registry with problems, printed on stderr), 2 for bad arguments or\n"
            + "an unreadable file.\n"
            + "--journal DIR appends the gate's events to the audit journal in DIR (created if need be; build 0,\n"
            + "job as given or 'simulate'; docs/audit.md) before printing; a keyed journal's HMAC key comes from\n"
            + "--key-file FILE (as Jenkins' 'Download verification key' gives it) or --key-env VAR (the UTF-8 value\n"
            + "of an environment variable). A journal that cannot be opened or written is an error\n"
            + "on stderr and exit 1.\n"
            + "--emergency --incident ID takes the system's emergency (break-glass) path (docs/usage.md): the\n"
            + "registry's emergency.approvers and requiredApprovals instead of the usual requirement, no time rules,\n"
            + "the AI-assisted rule's count when it is higher; DENIED when the system has no emergency path or the\n"
            + "incident id does not match emergency.incidentPattern. The JSON says emergency (true) and incidentId;\n"
            + "with --journal the records say so too, and 'audit emergencies DIR' lists the approval.\n"
            + "--credentials-for SYSTEM adds credentials: {system, released, reason}: whether a gated credential\n"
            + "bound to SYSTEM would be released to this build after the approvals and rejections, looked up at\n"
            + "--until when given, else right after the decision (or at --at, or now, if later); the gate's\n"
            + "credentialsReleaseWindow applies (docs/credentials.md). The exit code stays the gate's.\n"
            + "--notify-out FILE writes the webhook payloads the gate would send (gate.opened, gate.decided, or\n"
            + "gate.expiring for a gate left open) as a JSON array (docs/notifications.md).\n"
            + SimulateAttestation.HELP;

    private static final Set<String> WITH_VALUE = with(SimulateAttestation.OPTIONS, "registry", "system", "job",
            "change", "started-by", "commit-author", "approve", "reject", "journal", JournalKeyOption.ENV,
            JournalKeyOption.FILE, "at", "until", "commit-message", "incident", "credentials-for",
            "notify-out");
    private static final Set<String> FLAGS = Set.of("ai-assisted", "emergency");

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "apply approvals and rejections to a gate, as Jenkins would";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.contains("--help") || args.contains("-h")) {
            console.out().println(HELP);
            return ExitCode.OK;
        }
        Arguments arguments = Arguments.parse(args, WITH_VALUE, FLAGS);
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + ControlCharacters.escape(String.valueOf(arguments.positional().get(0))) + "'");
        }
        String file = arguments.required("registry");
        String system = arguments.required("system");
        String job = arguments.option("job").orElse(null);
        String change = arguments.option("change").orElse("SIMULATED").strip(); // as the step trims changeId
        String changeProblem = ChangeIdRule.problem(change); // the step's rule: a faithful dry run
        if (changeProblem != null) {
            throw new UsageException("--change " + changeProblem);
        }
        String startedBy = arguments.option("started-by").orElse(null);
        Set<String> authors = new LinkedHashSet<>(arguments.all("commit-author"));
        List<Simulation.Action> actions = actions(args);
        List<CommitMessage> commits = CommitMessageFiles.read(arguments.all("commit-message"), console);
        Optional<Instant> at = TimeRulesJson.option(arguments, "at");
        Optional<Instant> until = TimeRulesJson.option(arguments, "until");
        Simulation.Timing timing = Simulation.Timing.of(at.orElse(null), until.orElse(null));
        Optional<SimulateAttestation> attestation = SimulateAttestation.from(arguments, commits,
                console.resolve(file), console);

        boolean emergency = arguments.flag("emergency");
        String incident = arguments.option("incident").orElse(null);
        if (emergency != (incident != null)) {
            throw new UsageException(emergency ? "--emergency needs --incident ID (an emergency change always names"
                    + " its incident, e.g. --incident INC-4711)" : "--incident goes with --emergency");
        }
        Optional<Registry> loaded = RegistryInput.loadOrReport(file, console);
        if (loaded.isEmpty()) {
            return ExitCode.FAILED;
        }
        Registry registry = loaded.get();
        Simulation.Result result;
        try {
            result = new Simulation(registry, IdentityComparison.IGNORING_CASE, Clock.systemUTC())
                    .run(system, job, change, startedBy, authors, actions, timing, commits,
                            arguments.flag("ai-assisted"), incident);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // an approval dated before the request or the one before it
        }
        List<AuditEvent> events = SimulationAudit.events(system, job, change, startedBy, result, incident);
        Optional<String> journalDir = arguments.option("journal");
        List<JournalRecord> journaled = List.of();
        if (journalDir.isPresent()) {
            Optional<List<JournalRecord>> written = appendToJournal(console.resolve(journalDir.get()),
                    JournalKeyOption.from(arguments, console), console, events);
            if (written.isEmpty()) {
                return ExitCode.FAILED;
            }
            journaled = written.get();
        } else if (JournalKeyOption.given(arguments)) {
            throw new UsageException("--key-file and --key-env go with --journal");
        }
        Map<String, Object> json = json(system, result);
        json.putAll(EmergencyJson.request(emergency, incident));
        Optional<String> credentialsFor = arguments.option("credentials-for");
        if (credentialsFor.isPresent()) {
            json.put("credentials", CredentialsJson.judge(registry, credentialsFor.get(), system, job, result,
                    at.orElseGet(Instant::now), until.orElse(null)));
        }
        Optional<String> notifyOut = arguments.option("notify-out");
        if (notifyOut.isPresent() && !SimulationNotifications.write(console.resolve(notifyOut.get()),
                SimulationNotifications.payloads(events, result), console, notifyOut.get())) {
            return ExitCode.FAILED;
        }
        JsonOutput.print(console.out(), json);
        if (attestation.isPresent()) {
            Optional<Envelope> envelope = attestation.get().write(result, journaled, console);
            if (envelope.isPresent() && journalDir.isPresent() && appendToJournal(console.resolve(journalDir.get()),
                    JournalKeyOption.from(arguments, console), console, List.of(attestation.get().record(
                            envelope.get(), result.state().orElseThrow().request().system().id().value(), job,
                            change))).isEmpty()) {
                return ExitCode.FAILED;
            }
            if (envelope.isEmpty() && result.verdict() == Simulation.Verdict.APPROVED) {
                return ExitCode.FAILED; // approved, but the envelope could not be written (said on stderr)
            }
        }
        switch (result.verdict()) {
            case APPROVED:
            case NOT_CRITICAL:
                return ExitCode.OK;
            case PENDING:
            case HELD:
                return ExitCode.PENDING;
            case DENIED:
                console.err().println("denied: " + ControlCharacters.escape(result.message()));
                return ExitCode.FAILED;
            default:
                return ExitCode.FAILED;
        }
    }

    /** Appends the simulated gate's records; empty (with the reason on stderr) when the journal refuses. */
    private static Optional<List<JournalRecord>> appendToJournal(Path dir, Optional<byte[]> key, Console console,
            List<AuditEvent> events) throws UsageException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            console.err().println("error: --journal " + ControlCharacters.escape(dir.toString()) + " is a file, not a directory:"
                    + " it must name a journal directory (created if need be)");
            return Optional.empty();
        }
        JournalOptions.Builder options = JournalOptions.builder();
        if (key.isPresent()) {
            try {
                options.key(key.get());
            } catch (IllegalArgumentException e) {
                throw new UsageException("the journal key: " + e.getMessage());
            }
        }
        try (AuditJournal journal = AuditJournal.open(dir, options.build())) {
            for (String note : journal.recoveryNotes()) {
                console.err().println("journal: " + ControlCharacters.escape(note));
            }
            List<JournalRecord> written = journal.appendAll(events);
            console.err().println("journal: appended seq " + written.get(0).seq() + " to "
                    + written.get(written.size() - 1).seq() + " to " + ControlCharacters.escape(dir.toString()));
            return Optional.of(written);
        } catch (IOException e) {
            // the reason in words and the journal named: a bare path said nothing (issue 17)
            console.err().println("error: cannot append to the journal in " + ControlCharacters.escape(dir.toString())
                    + ": " + IoProblem.describe(e));
            return Optional.empty();
        }
    }

    /**
     * The approvals and rejections in command-line order ({@link Arguments} keeps each option's values, not their
     * interleaving). Walks the arguments as {@link Arguments#parse} does, so a value is never mistaken for an option.
     */
    private static List<Simulation.Action> actions(List<String> args) throws UsageException {
        List<Simulation.Action> actions = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("--")) {
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (WITH_VALUE.contains(name)) {
                value = args.get(++i); // Arguments.parse has checked that it exists
            } else {
                continue;
            }
            if (name.equals("approve")) {
                actions.add(timed(Simulation.Action.approve(person(untimed(value), "--approve"), null), value));
            } else if (name.equals("reject")) {
                int sep = value.indexOf('=');
                if (sep < 0 || value.substring(sep + 1).isBlank()) {
                    throw new UsageException("--reject needs USER[:GROUP,...]=REASON (at its own time:"
                            + " USER[:GROUP,...]@INSTANT=REASON), e.g. --reject bob=not tested; got '" + value + "'");
                }
                String who = value.substring(0, sep);
                actions.add(timed(Simulation.Action.reject(person(untimed(who), "--reject"),
                        value.substring(sep + 1)), who));
            }
        }
        return actions;
    }

    /**
     * The time an action names, {@code ...@INSTANT}: the text after the last {@code @}, when it is an ISO-8601
     * instant (a user id such as {@code alice@example.com} has none, since what follows its {@code @} is not one).
     */
    private static Optional<Instant> actionTime(String spec) {
        int at = spec.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(TimeRulesJson.instant(spec.substring(at + 1), "an action's time"));
        } catch (UsageException e) {
            return Optional.empty();
        }
    }

    /** The action's person and groups, without its time. */
    private static String untimed(String spec) {
        return actionTime(spec).isPresent() ? spec.substring(0, spec.lastIndexOf('@')) : spec;
    }

    private static Simulation.Action timed(Simulation.Action action, String spec) {
        Optional<Instant> at = actionTime(spec);
        return at.isPresent() ? action.at(at.get()) : action;
    }

    /** {@code USER[:GROUP,...]}: the user id up to the first colon, then comma-separated groups. */
    private static Person person(String spec, String option) throws UsageException {
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        Set<String> groups = new LinkedHashSet<>();
        if (colon >= 0) {
            for (String group : spec.substring(colon + 1).split(",", -1)) {
                if (!group.isBlank()) {
                    groups.add(group.strip());
                }
            }
        }
        try {
            return Person.of(user, groups);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " needs USER[:GROUP,...]: " + e.getMessage() + "; got '" + ControlCharacters.escape(String.valueOf(spec)) + "'");
        }
    }

    private static Set<String> with(Set<String> more, String... names) {
        Set<String> all = new java.util.HashSet<>(more);
        all.addAll(List.of(names));
        return Set.copyOf(all);
    }

    private static Map<String, Object> json(String requested, Simulation.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("system", result.resolution().system().map(s -> s.id().value()).orElse(requested.strip()));
        json.put("critical", result.resolution().system().isPresent());
        json.put("outcome", result.verdict().name());
        json.put("message", result.message());
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("aiAssisted", AiAssistedJson.applied(result.state().flatMap(s -> s.request().aiAssistance())));
        applied.putAll(TimeRulesJson.applied(result.timed().orElse(null)));
        json.put("applied", applied);
        List<Object> approvals = new ArrayList<>();
        List<Object> refused = new ArrayList<>();
        if (result.state().isPresent()) {
            GateState state = result.state().get();
            json.put("change", state.request().changeId());
            json.put("requiredApprovals", state.request().system().approvalsNeeded());
            json.put("approvalsStillNeeded", state.outcome().isFinal() ? 0 : result.approvalsStillNeeded());
            state.releaseAt().ifPresent(r -> json.put("heldUntil", r.toString()));
            List<Object> rules = new ArrayList<>();
            for (RuleProgress rule : result.progress()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", rule.group());
                r.put("count", rule.count());
                r.put("approvedBy", rule.approvedBy());
                rules.add(r);
            }
            json.put("rules", rules);
            for (Approval approval : state.approvals()) {
                approvals.add(PolicyJson.approval(approval));
            }
            for (RefusedAttempt attempt : state.refused()) {
                refused.add(PolicyJson.refused(attempt));
            }
            state.decision().ifPresent(d -> json.put("decision", PolicyJson.event(d)));
        }
        json.put("approvals", approvals);
        json.put("refused", refused);
        List<Object> events = new ArrayList<>();
        for (GateEvent event : result.events()) {
            events.add(PolicyJson.event(event));
        }
        json.put("events", events);
        return json;
    }
}
