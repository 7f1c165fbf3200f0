package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What {@code audit verify} loads (issue 17: end to end it is timed against {@code sha256sum}, JVM start included):
 * for an intact journal, keyed or not, neither Jackson (the first record and head.json are read from their bytes) nor
 * the other commands' classes. A first record that is not as a journal writes it still gets Jackson's parse and the
 * message auditors always had, which also shows that the class-loading log this test reads does show Jackson when it
 * is loaded. Run as a child process with {@code -Xlog:class+load}, the class path of this test run.
 */
public class VerifyStartupTest {
    private static final String KEY = "a key of at least thirty-two bytes, for the test";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path root;

    /** One run: exit code, standard output, and the classes the JVM loaded. */
    private static final class Run {
        final int exit;
        final String out;
        final List<String> classes;

        Run(int exit, String out, List<String> classes) {
            this.exit = exit;
            this.out = out;
            this.classes = classes;
        }

        boolean loaded(String prefix) {
            for (String c : classes) {
                if (c.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Before
    public void writeJournals() throws IOException {
        root = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(root.resolve("plain"), JournalOptions.defaults())) {
            journal.append(AuditEvent.gateRequested("deploy", 1, "payments", "CHG-1", "abc", "alice"));
            journal.append(AuditEvent.approvalAccepted("deploy", 1, "payments", "CHG-1", "bob"));
        }
        try (AuditJournal journal = AuditJournal.open(root.resolve("keyed"), JournalOptions.builder()
                .key(KEY.getBytes(StandardCharsets.UTF_8)).build())) {
            journal.append(AuditEvent.approvalAccepted("deploy", 1, "payments", "CHG-1", "bob"));
        }
    }

    private Run verify(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(root, "classes", ".log");
        Path out = Files.createTempFile(root, "out", ".txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "audit", "verify"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("audit verify did not end within a minute");
        }
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // [0.081s][info][class,load] java.lang.Object source: shared objects file
            int at = line.indexOf("] ");
            if (line.contains("[class,load]") && at > 0) {
                String rest = line.substring(line.indexOf("[class,load] ") + "[class,load] ".length());
                classes.add(rest.split(" ", 2)[0]);
            }
        }
        assertThat("the log names the classes loaded", classes.size() > 100, equalTo(true));
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), classes);
    }

    @Test
    public void verifiesAnIntactJournalWithoutJacksonOrTheOtherCommands() throws Exception {
        Run plain = verify(Map.of(), "plain");
        assertThat(plain.out, plain.exit, equalTo(0));
        assertThat(plain.out, startsWith("3 records, head "));
        assertThat(plain.loaded("com.fasterxml.jackson."), equalTo(false));
        for (String other : List.of("RegistryCommand", "SimulateCommand", "DocsCommand", "AttestCommand",
                "DemoCommand")) {
            assertThat(other, plain.loaded("io.jenkins.plugins.criticalchangegate.cli." + other), equalTo(false));
        }
        assertThat(plain.loaded("io.jenkins.plugins.criticalchangegate.cli.AuditCommand"), equalTo(true));

        Run keyed = verify(Map.of("AUDIT_KEY", KEY), "keyed", "--key-env", "AUDIT_KEY");
        assertThat(keyed.out, keyed.exit, equalTo(0));
        assertThat(keyed.out, containsString("chain: keyed with key id "));
        assertThat(keyed.loaded("com.fasterxml.jackson."), equalTo(false));
    }

    @Test
    public void everyCommandIsMadeByItsOwnNameOnly() {
        // Main makes only the command that runs: its table of names must name each command as it names itself
        for (String name : Main.COMMANDS) {
            Command command = Main.command(name);
            assertThat(name, command == null ? null : command.name(), equalTo(name));
        }
        assertThat(Main.command("verify"), nullValue());
        assertThat(Main.command("Audit"), nullValue());
    }

    @Test
    public void aFirstRecordNotAsAJournalWritesItIsStillExplainedByJacksonsParse() throws Exception {
        Path journal = root.resolve("plain").resolve("journal-000001.jsonl");
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        // a member no first record has, in canonical order (first): the scanner accepts the line, the first-record
        // check refuses it, before its hash is compared
        Files.writeString(journal, "{\"aaa\":\"x\"," + text.substring(1), StandardCharsets.UTF_8);
        Run run = verify(Map.of(), "plain");
        assertThat(run.out, run.exit, equalTo(1));
        assertThat(run.out, containsString("the first record has a member 'aaa' that a sha256 journal's"
                + " JOURNAL_CREATED record does not have"));
        assertThat(run.loaded("com.fasterxml.jackson."), equalTo(true));
        assertThat(run.out, not(containsString("internal error")));
    }
}
