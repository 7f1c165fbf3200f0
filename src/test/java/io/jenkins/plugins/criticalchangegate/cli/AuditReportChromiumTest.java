package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The report as a browser shows and prints it: Debian's headless Chromium prints it to PDF, and the PDF's text
 * (pdftotext) or, without poppler, the DOM Chromium rendered, must say what the report says. Skipped where no
 * {@code chromium} is installed (a developer's machine); {@code .ci/run} installs it, so CI always runs this.
 */
public class AuditReportChromiumTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void chromiumPrintsTheReportWithItsText() throws Exception {
        Path chromium = onPath("chromium");
        assumeTrue("chromium is not installed (.ci/run installs it)", chromium != null);
        Path root = tmp.getRoot().toPath();
        ReportJournal.write(root);
        ToolRun run = ToolRun.in(root, "audit", "report", "journal", "--html", "report.html", "--key-file",
                "journal.key");
        assertThat(run.toString(), run.exit, equalTo(0));
        Path pdf = root.resolve("report.pdf");
        String url = root.resolve("report.html").toUri().toString();
        Path pdftotext = onPath("pdftotext");
        String text;
        if (pdftotext != null) {
            browser(chromium, root, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, url);
            byte[] bytes = Files.readAllBytes(pdf);
            assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII), equalTo("%PDF-"));
            text = output(List.of(pdftotext.toString(), "-layout", pdf.toString(), "-"), root);
            // print puts each change on a page of its own: the five sections (four changes, the rest) and the summary
            assertThat(text.split("\f", -1).length - 1 >= 6, equalTo(true));
        } else {
            text = browser(chromium, root, "--dump-dom", url);
        }
        assertThat(text, containsString("Journal verified."));
        assertThat(text, containsString("keyed with key id"));
        assertThat(text, containsString("CHG-1"));
        assertThat(text, containsString("SELF_APPROVAL"));
        assertThat(text, containsString("EMERGENCY INC-4711"));
        assertThat(text, containsString("Rollout <script>alert(1)</script>")); // shown as text, never run
        assertThat(text, not(containsString("UNVERIFIED")));
    }

    private static String browser(Path chromium, Path root, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(root, "chromium-profile")));
        command.addAll(List.of(more));
        return output(command, root);
    }

    private static String output(List<String> command, Path root) throws IOException, InterruptedException {
        Path out = Files.createTempFile(root, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        assertThat(command + " exit", p.exitValue(), equalTo(0));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
