package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link Trailers} reads what git reads: each message, hand-written edge cases and seeded random ones, is also given
 * to {@code git interpret-trailers --parse --no-divider} (the same reading {@code git log --format=%(trailers)} does),
 * and the two lists must be equal. Skipped where git is not installed; git's configuration is kept out (no system or
 * global config), so its defaults apply, as they do in {@link Trailers}.
 */
public class TrailersGitConformanceTest {
    private static final long SEED = 20260317L;
    private static final int RANDOM_MESSAGES = 300;

    @ClassRule
    public static TemporaryFolder home = new TemporaryFolder();

    private static boolean gitWorks;

    @BeforeClass
    public static void findGit() {
        try {
            gitWorks = git("Subject\n\nSigned-off-by: A\n").equals(List.of("Signed-off-by: A"));
        } catch (IOException e) {
            gitWorks = false;
        }
    }

    private static final String[] EDGE_CASES = {
        "",
        "Subject",
        "Co-authored-by: A <a@example.com>\n",
        "Subject\n\nCo-authored-by: A <a@example.com>\n",
        "Subject\nsecond line\n\nCo-authored-by: A\nSigned-off-by: B\n",
        "Subject\n\nBody text.\n\nCo-authored-by: Claude\n  <noreply@anthropic.com>\nSigned-off-by: B\n",
        "Subject\n\nprose\nmore\nCo-authored-by: A\nSigned-off-by: B\n",
        "Subject\n\na\nb\nc\nd\nSigned-off-by: B\n",
        "Subject\n\na\nb\nc\nSigned-off-by: B\n",
        "Subject\n\n  lead\nCo-authored-by: A\n",
        "Subject\n\nKey : value\nOther-Key:value\nbad key: x\n",
        "Subject\n\nKey : value\nOther-Key:value\n",
        "Subject\n\nGenerated-by: Codex\n\n# comment\n#\n\n",
        "Subject\n\nSigned-off-by: A\n\nConflicts:\n\tsrc/a.c\n",
        "Subject\n\nCo-authored-by: A\n# note\n  folded\nSigned-off-by: B\n",
        "Subject\n\nhttps://example.com/issue/1\nFixes: #1\n",
        "Subject\n\n(cherry picked from commit 0123456789abcdef)\nsome text\n",
        "Subject\r\n\r\nBody\r\n\r\nCo-authored-by: A\r\nSigned-off-by: B\r\n",
        "Subject\n\nCo-authored-by: Zoë <z@example.com>\n\n\n",
        "Subject\n\nReviewed-by:\nAcked-by:   \n",
        "Subject\n\nCo-authored-by: A\n\t\n  x\n",
        "# only a comment\n\nCo-authored-by: A\n",
        "Subject\n\n---\nCo-authored-by: A\n",
        "Subject\n\nCo-authored-by: A\n---\nSigned-off-by: B\n",
    };

    @Test
    public void handWrittenEdgeCasesReadAsGitReadsThem() throws IOException {
        assumeTrue("git is not installed", gitWorks);
        for (String message : EDGE_CASES) {
            assertThat(message, ours(message), is(git(message)));
        }
    }

    @Test
    public void randomMessagesReadAsGitReadsThem() throws IOException {
        assumeTrue("git is not installed", gitWorks);
        String[] parts = {"Subject", "Some prose here.", "", "", " ", "Co-authored-by: GitHub Copilot <c@github.com>",
            "Signed-off-by: Alice <a@example.com>", "Assisted-by: Kiro", "  folded part", "\tfolded tab",
            "# a comment", "Key : spaced", "not a: trailer", "(cherry picked from commit abc)", "Conflicts:",
            "\tsrc/x.c", "x:", "-dash-: v", "a:b:c", "Reviewed-by:"};
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_MESSAGES; i++) {
            StringBuilder message = new StringBuilder();
            int lines = random.nextInt(12);
            for (int l = 0; l < lines; l++) {
                message.append(parts[random.nextInt(parts.length)]).append(random.nextInt(8) == 0 ? "\r\n" : "\n");
            }
            if (random.nextBoolean() && message.length() > 0) {
                message.setLength(message.length() - 1); // no final line end
            }
            String text = message.toString();
            assertThat("seed " + SEED + ", message " + i + ": " + text.replace("\n", "\\n"), ours(text),
                    is(git(text)));
        }
    }

    private static List<String> ours(String message) {
        return Trailers.parse(message).stream().map(t -> (t.key() + ": " + t.value()).strip())
                .collect(Collectors.toList());
    }

    /** What git prints for the message, one trailer per line ({@code Key: value}). */
    private static List<String> git(String message) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "interpret-trailers", "--parse", "--no-divider");
        Map<String, String> env = builder.environment();
        Path dir = home.getRoot().toPath();
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.directory(dir.toFile());
        builder.redirectErrorStream(true);
        Process git = builder.start();
        try (OutputStream in = git.getOutputStream()) {
            in.write(message.getBytes(StandardCharsets.UTF_8));
        }
        String out;
        try (InputStream output = git.getInputStream()) {
            out = new String(output.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                throw new IOException("git interpret-trailers failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        List<String> trailers = new ArrayList<>();
        for (String line : out.split("\n")) {
            // git keeps the CR of a CRLF line end inside the value it prints; a gate reads CRLF as LF
            String trailer = line.replace("\r", "").strip();
            if (!trailer.isEmpty()) {
                trailers.add(trailer);
            }
        }
        return trailers;
    }
}
