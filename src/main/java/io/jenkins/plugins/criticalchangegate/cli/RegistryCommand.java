package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import io.jenkins.plugins.criticalchangegate.policy.AiAssistedChange;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryLint;
import io.jenkins.plugins.criticalchangegate.registry.RegistryProblem;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.TimedRequirement;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code registry lint FILE...}: validates registry files, printing {@code FILE: OK, N systems} or one
 * {@code FILE:LINE:COLUMN: message} line per problem. {@code registry show --registry FILE --system ID [--job NAME]}:
 * prints the policy that applies, as the gate would resolve it, as one JSON object.
 */
final class RegistryCommand implements Command {
    static final String USAGE = "usage: registry lint [--max-approval-timeout DURATION] [--strict] FILE...\n"
            + "       registry show --registry FILE --system ID [--job FULLNAME] [--at INSTANT]"
            + " [--commit-message FILE]... [--ai-assisted]";

    private static final String HELP = USAGE + "\n\n"
            + "lint   Validates each registry file as Jenkins will (format version 1, docs/registry.md). Prints\n"
            + "       'FILE: OK, N systems' or one line per problem, FILE:LINE:COLUMN: message. approvalTimeout may\n"
            + "       be at most --max-approval-timeout (default 30d, Jenkins' default maximum; at most 365d).\n"
            + "       Warnings (FILE:LINE:COLUMN: warning: ...) for a valid but weak registry: job globs of\n"
            + "       systems with different rules that overlap, a system with a single possible approver, very\n"
            + "       short ids. Exit 0 when all are valid (warnings too, unless --strict), 1 when any has problems\n"
            + "       (or warnings, with --strict: its line then reads 'FILE: FAILED (--strict), ...'), 2 when a\n"
            + "       file cannot be read.\n"
            + "show   Resolves a system as the gate would (job bindings, 'did you mean', unknownSystems) and prints\n"
            + "       one JSON object: system, critical, resolution, message and, for a critical system, its policy\n"
            + "       with defaults applied (requiredApprovals, approvers, documentation, ...) and its rule for\n"
            + "       AI-assisted changes (aiAssisted), who is told of its gates (notify: {email: [...]}).\n"
            + "       With --at INSTANT (ISO-8601 with an offset or Z), the\n"
            + "       requirement at that instant: the overlays in force applied. With --commit-message FILE\n"
            + "       (repeatable; one commit's message each) or --ai-assisted, the requirement for such a change.\n"
            + "       applied says what shaped it: {aiAssisted: null or which commit and trailer made the stricter\n"
            + "       rule apply, overlays: [names], freeze: null or the freeze (or closed window) in force}.\n"
            + "       Exit 0, or 1 when the lookup is DENIED or the registry has problems (printed on stderr), 2 for\n"
            + "       bad arguments.";

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String summary() {
        return "lint registry files; show the resolved policy of a system";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("registry needs a subcommand: lint or show", USAGE);
        }
        if (args.contains("--help") || args.contains("-h")) {
            console.out().println(HELP);
            return ExitCode.OK;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "lint":
                return lint(rest, console);
            case "show":
                return show(rest, console);
            default:
                throw new UsageException("unknown registry subcommand '" + ControlCharacters.escape(String.valueOf(args.get(0))) + "'", USAGE);
        }
    }

    private static int lint(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, Set.of("max-approval-timeout"), Set.of("strict"));
        if (arguments.positional().isEmpty()) {
            throw new UsageException("registry lint needs at least one FILE", USAGE);
        }
        Duration maxTimeout = RegistryLint.JENKINS_DEFAULT_MAX_APPROVAL_TIMEOUT;
        Optional<String> max = arguments.option("max-approval-timeout");
        if (max.isPresent()) {
            try {
                maxTimeout = RegistryLint.duration(max.get());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--max-approval-timeout: " + e.getMessage(), USAGE);
            }
        }
        boolean strict = arguments.flag("strict");
        int exit = ExitCode.OK;
        boolean unreadable = false;
        for (String file : arguments.positional()) {
            try {
                RegistryLint lint = RegistryInput.lint(file, console, maxTimeout);
                for (RegistryProblem warning : lint.warnings()) {
                    console.out().println(warning);
                }
                int size = lint.registry().size();
                String systems = Counted.of(size, "system");
                int warnings = lint.warnings().size();
                if (strict && warnings > 0) {
                    // the last line is what a script's log shows: under --strict a warning fails the file, so it
                    // must not read "OK" (issue 17)
                    exit = ExitCode.FAILED;
                    console.out().println(ControlCharacters.escape(file) + ": FAILED (--strict), " + Counted.of(warnings, "warning")
                            + ", " + systems);
                } else {
                    console.out().println(ControlCharacters.escape(file) + ": OK, " + systems);
                }
            } catch (RegistryException e) {
                for (RegistryProblem problem : e.problems()) {
                    console.out().println(problem);
                }
                exit = ExitCode.FAILED;
            } catch (UsageException e) {
                console.err().println("error: " + e.getMessage()); // escaped when it was made
                unreadable = true;
            }
        }
        if (unreadable) {
            return ExitCode.USAGE; // the arguments were right, a file was not there: no usage text (issue 17)
        }
        return exit;
    }

    private static int show(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, Set.of("registry", "system", "job", "commit-message", "at"),
                Set.of("ai-assisted"));
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + ControlCharacters.escape(String.valueOf(arguments.positional().get(0))) + "'", USAGE);
        }
        String file = arguments.required("registry");
        String system = arguments.required("system");
        String job = arguments.option("job").orElse(null);
        List<CommitMessage> commits = CommitMessageFiles.read(arguments.all("commit-message"), console);
        Optional<Instant> at = TimeRulesJson.option(arguments, "at");
        Optional<Registry> loaded = RegistryInput.loadOrReport(file, console);
        if (loaded.isEmpty()) {
            return ExitCode.FAILED;
        }
        Registry registry = loaded.get();
        Resolution resolution = registry.resolve(system, job);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("system", resolution.system().map(s -> s.id().value()).orElse(system.strip()));
        json.put("requested", system);
        if (job != null) {
            json.put("job", job);
        }
        json.put("critical", resolution.kind() == Resolution.Kind.CRITICAL);
        json.put("resolution", resolution.kind().name());
        json.put("message", resolution.message());
        at.ifPresent(instant -> json.put("at", instant.toString()));
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("aiAssisted", null);
        json.put("applied", applied);
        if (resolution.system().isPresent()) {
            // with --at, the requirement then: overlays applied; then the stricter AI-assisted rule over it
            TimedRequirement timed = at.map(instant -> registry.timeRules().at(resolution.system().get(), instant))
                    .orElse(null);
            CriticalSystem critical = timed == null ? resolution.system().get() : timed.system();
            AiAssistedChange change = AiAssistedChange.assess(critical, commits, arguments.flag("ai-assisted"));
            applied.put("aiAssisted", AiAssistedJson.applied(change.aiAssistance()));
            if (timed != null) {
                applied.putAll(TimeRulesJson.applied(timed));
            }
            json.putAll(PolicyJson.policy(change.system()));
            json.put("aiAssisted", AiAssistedJson.rule(resolution.system().get()));
            json.put("emergency", EmergencyJson.path(resolution.system().get()));
            // who is told of the system's gates (issue 14): always the channels' keys, an empty list for none
            json.put("notify", Map.of("email", resolution.system().get().notifyTargets().email()));
        } else {
            // the same keys for every answer, so that scripts need not test for them: no gate, no policy
            json.put("requiredApprovals", 0);
            json.put("approvers", List.of());
            json.put("documentation", null);
            json.put("aiAssisted", null);
            json.put("emergency", null);
            json.put("notify", null);
            if (at.isPresent()) {
                applied.putAll(TimeRulesJson.applied(null));
            }
        }
        JsonOutput.print(console.out(), json);
        if (resolution.kind() == Resolution.Kind.DENIED) {
            console.err().println("denied: " + ControlCharacters.escape(resolution.message()));
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
