package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalVerifier;
import io.jenkins.plugins.criticalchangegate.audit.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code demo DIR} end to end, run as the tool: what it says, and the files it leaves. */
public class DemoCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void runsTheGatesThenVerifiesExportsAndReports() throws IOException {
        Path root = tmp.getRoot().toPath();
        ToolRun run = ToolRun.in(root, "demo", "out");
        assertThat(run.toString(), run.exit, equalTo(0));
        Path dir = root.resolve("out");
        assertThat(run.out, containsString("intranet-wiki is not in the registry: the gate passes at once"
                + " (NOT_CRITICAL)"));
        assertThat(run.out, containsString("was checked: VERIFIED (SHA-256 "));
        assertThat(run.out, containsString("carol may not approve: SELF_APPROVAL"));
        assertThat(run.out, containsString("dave may not approve: COMMIT_AUTHOR"));
        assertThat(run.out, containsString("approved: APPROVED"));
        assertThat(run.out, containsString("frank rejected it: REJECTED"));
        assertThat(run.out, containsString("keyed with key id"));
        assertThat(run.out, containsString(dir.resolve("audit-report.html").toString()));

        assertThat("the journal's key is a secret: owner-only", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("journal.key"))), equalTo("rw-------"));
        VerificationResult verified = JournalVerifier.verify(dir.resolve("journal"),
                JournalKeyFile.read(dir.resolve("journal.key")));
        assertThat(verified.toString(), verified.intact(), equalTo(true));
        String json = Files.readString(dir.resolve("journal-export.json"), StandardCharsets.UTF_8);
        assertThat(json, containsString("\"type\":\"DOCUMENTATION_CHECKED\""));
        assertThat(json, containsString("\"comment\":\"rollback plan read; go\""));
        assertThat(Files.readString(dir.resolve("journal-export.csv"), StandardCharsets.UTF_8),
                containsString("COMMIT_AUTHOR"));
        String html = Files.readString(dir.resolve("audit-report.html"), StandardCharsets.UTF_8);
        assertThat(html, containsString("Journal verified."));
        assertThat(html, containsString("CHG-4711"));
        assertThat(html, containsString("rollback plan read; go"));
        assertThat(html, containsString("CHG-4712"));
    }

    @Test
    public void refusesADirectoryThatHoldsAJournalAlready() throws IOException {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve("out/journal"));
        ToolRun run = ToolRun.in(root, "demo", "out");
        assertThat(run.toString(), run.exit, equalTo(2));
        assertThat(run.err, containsString("exists already"));
    }

    @Test
    public void theEmbeddedRegistryIsTheDocumentedExample() throws IOException {
        assertThat(DemoRegistry.example(), equalTo(Files.readString(
                Path.of("../../docs/examples/critical-systems.yaml").toAbsolutePath().normalize(),
                StandardCharsets.UTF_8)));
    }
}
