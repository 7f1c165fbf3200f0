package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.audit.JournalQuery;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationCheck;
import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.policy.RefusedAttempt;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo [DIR]}: the project working end to end on an embedded example, on a fresh machine with nothing but
 * Java (issue 17). Serves a documentation page on loopback, runs three gates as the plugin decides them (a system
 * that is not critical; a critical change that is documented, refused to its build's starter and to a commit author,
 * approved by two people; one rejected), journals them in a keyed journal, verifies it, exports it and writes the
 * HTML report, saying what each step shows and where the files are.
 */
final class DemoCommand implements Command {
    static final String USAGE = "usage: demo [DIR]   (DIR: where to put the demo's files; default: a new temporary"
            + " folder, named at the end)";
    static final String JOB = "retail/checkout/deploy";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run gates end to end on an embedded example, then verify, export and report";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.contains("--help") || args.contains("-h")) {
            console.out().println(USAGE);
            return ExitCode.OK;
        }
        Arguments parsed = Arguments.parse(args, Set.of(), Set.of());
        if (parsed.positional().size() > 1) {
            throw new UsageException("give at most one directory, not " + parsed.positional(), USAGE);
        }
        try {
            Path dir = parsed.positional().isEmpty() ? Files.createTempDirectory("critical-change-gate-demo-")
                    : Files.createDirectories(console.resolve(parsed.positional().get(0)));
            if (Files.exists(dir.resolve("journal"))) {
                console.err().println("error: " + ControlCharacters.escape(dir.resolve("journal").toString())
                        + " exists already: give the demo a new or"
                        + " empty directory");
                return ExitCode.USAGE;
            }
            return new DemoRun(dir, console).run();
        } catch (IOException | RegistryException e) {
            console.err().println("error: the demo stopped: "
                    + ControlCharacters.escape(String.valueOf(e.getMessage())));
            return ExitCode.FAILED;
        }
    }

    /** One run of the demo in one directory. */
    private static final class DemoRun {
        private final Path dir;
        private final Console console;
        private final List<AuditEvent> events = new ArrayList<>();
        private final SecureRandom random = new SecureRandom();

        DemoRun(Path dir, Console console) {
            this.dir = dir;
            this.console = console;
        }

        int run() throws IOException, RegistryException, UsageException {
            say("The demo's files go to " + dir);
            try (DemoSite site = DemoSite.start()) {
                Path registryFile = dir.resolve("critical-systems.yaml");
                Files.writeString(registryFile, DemoRegistry.forHost(DemoRegistry.example(), site.host()),
                        StandardCharsets.UTF_8);
                Registry registry = RegistryParser.parse(registryFile);
                say("1. Registry: " + registryFile + ", the example docs/examples/critical-systems.yaml with the"
                        + " demo's documentation host " + site.host() + " added to allowedHosts and plain http"
                        + " allowed. " + registry.systems().size() + " critical systems.");
                Map<String, Object> version = registryVersion(registryFile);
                Simulation simulation = new Simulation(registry, IdentityComparison.IGNORING_CASE,
                        Clock.systemUTC());

                Simulation.Result passed = simulation.run("intranet-wiki", "intranet/wiki/deploy", "CHG-4710",
                        "carol", Set.of(), List.of(), Simulation.Timing.NOW, List.of(), false, null);
                record(passed, "intranet-wiki", "intranet/wiki/deploy", 17, "CHG-4710", "carol", null, version);
                say("2. intranet-wiki is not in the registry: the gate passes at once (" + passed.verdict() + ").");

                Evidence evidence = check(registry, site, "CHG-4711");
                Simulation.Result approved = simulation.run("checkout-service", JOB, "CHG-4711", "carol",
                        Set.of("dave"), List.of(
                                approve("carol", "checkout-leads", null),
                                approve("dave", "sre-oncall", null),
                                approve("erin", "checkout-leads", "rollback plan read; go"),
                                approve("frank", "sre-oncall", "capacity is fine")),
                        Simulation.Timing.NOW, List.of(), false, null);
                record(approved, "checkout-service", JOB, 41, "CHG-4711", "carol", evidence, version);
                say("3. checkout-service is critical. Its documentation " + evidence.requestedUrl() + " was checked: "
                        + evidence.verdict() + " (SHA-256 " + evidence.sha256() + ", title '" + evidence.title()
                        + "').");
                for (RefusedAttempt refused : approved.state().orElseThrow().refused()) {
                    say("   " + refused.user() + " may not approve: " + refused.reason() + ".");
                }
                say("   erin (checkout-leads) and frank (sre-oncall) approved: " + approved.verdict() + ".");

                Evidence evidence2 = check(registry, site, "CHG-4712");
                Simulation.Result rejected = simulation.run("checkout-service", JOB, "CHG-4712", "carol",
                        Set.of(), List.of(approve("erin", "checkout-leads", null),
                                Simulation.Action.reject(Person.of("frank", Set.of("sre-oncall")),
                                        "no load test for the new cache")),
                        Simulation.Timing.NOW, List.of(), false, null);
                record(rejected, "checkout-service", JOB, 42, "CHG-4712", "carol", evidence2, version);
                say("4. CHG-4712: erin approved, frank rejected it: " + rejected.verdict() + ".");
            }
            return finish();
        }

        private int finish() throws IOException, UsageException {
            byte[] key = new byte[32];
            random.nextBytes(key);
            Path keyFile = dir.resolve("journal.key");
            // the journal's key is a secret like Jenkins' own copy of it: owner-only, as 'attest keygen' writes keys
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(keyFile, JournalKeyFile.encode(key), StandardCharsets.UTF_8);
            Path journalDir = dir.resolve("journal");
            try (AuditJournal journal = AuditJournal.open(journalDir, JournalOptions.builder().key(key).build())) {
                journal.appendAll(events);
            }
            // "13 appended" then "14 records" read as a lost or extra record: say what the 14th is
            say("5. Journal: " + Counted.of(events.size(), "record") + " appended to the keyed journal " + journalDir
                    + ", after the JOURNAL_CREATED record that starts every journal (its HMAC key: " + keyFile
                    + ").");
            VerificationResult verified = JournalVerifier.verify(journalDir, key);
            say("6. Verified with the key: " + verified + "; chain "
                    + verified.summary().map(s -> s.chainKind()).orElse("?") + ". (audit verify " + journalDir
                    + " --key-file " + keyFile + ")");
            if (!verified.intact()) {
                console.err().println("error: the demo's own journal does not verify; please report it");
                return ExitCode.FAILED;
            }
            Path json = dir.resolve("journal-export.json");
            Path csv = dir.resolve("journal-export.csv");
            JournalQuery all = JournalQuery.builder().build();
            try (OutputStream out = Files.newOutputStream(json)) {
                all.exportJson(journalDir, out);
            }
            try (OutputStream out = Files.newOutputStream(csv)) {
                all.exportCsv(journalDir, out);
            }
            say("7. Exported every record: " + json + " (JSON, each record as written) and " + csv + " (CSV).");
            Path html = dir.resolve("audit-report.html");
            int code = AuditReport.run(List.of(journalDir.toString(), "--html", html.toString(), "--key-file",
                    keyFile.toString()), console);
            say("8. The audit report, one HTML file to open in a browser or print: " + html);
            say("Done: the gates decided as the plugin decides them, and the journal proves it. Files: " + dir);
            return code;
        }

        private Evidence check(Registry registry, DemoSite site, String change) {
            CheckLimits limits = CheckLimits.defaults();
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(limits.connectTimeout()).build();
            return new DocumentationCheck(client, limits).check(site.url(change), change,
                    registry.resolve("checkout-service", JOB).system().orElseThrow().documentation(), null);
        }

        /** The gate's records as Jenkins writes them: with its build number, the registry's version, the evidence. */
        private void record(Simulation.Result result, String system, String job, long build, String change,
                String startedBy, @CheckForNull Evidence evidence, Map<String, Object> version) {
            for (AuditEvent event : SimulationAudit.events(system, job, change, startedBy, result)) {
                Map<String, Object> fields = new LinkedHashMap<>(event.fields());
                fields.put("build", build);
                boolean opens = event.type() == AuditEventType.GATE_REQUESTED
                        || event.type() == AuditEventType.NOT_CRITICAL;
                if (opens) {
                    fields.put("registry", version);
                }
                events.add(AuditEvent.of(event.type(), fields));
                if (event.type() == AuditEventType.GATE_REQUESTED && evidence != null) {
                    events.add(AuditEvent.documentationChecked(job, build, system, change, evidence.requestedUrl(),
                            evidence.verdict().name(), evidence.toMap()));
                }
            }
        }

        private static Map<String, Object> registryVersion(Path file) throws IOException {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("sha256", java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(file))));
            version.put("loadedAt", Instant.now().toString());
            version.put("source", file.toString());
            return version;
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }

        private static Simulation.Action approve(String user, String group, @CheckForNull String comment) {
            return Simulation.Action.approve(Person.of(user, Set.of(group)), comment);
        }

        /** One line of the demo's account; it names the user's DIR, so it is escaped as one line. */
        private void say(String line) {
            console.out().println(ControlCharacters.escape(line));
        }
    }
}
