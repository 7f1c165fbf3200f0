package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import io.jenkins.plugins.criticalchangegate.policy.Trailer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The forms a {@code --commit-message FILE} may take (docs/registry.md, "AI-assisted changes"). */
public class CommitMessageFilesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static String trailers(CommitMessage commit) {
        return commit.trailers().stream().map(Trailer::toString).collect(Collectors.joining(" | "));
    }

    @Test
    public void aMessageAloneIsNamedByItsFile() throws Exception {
        CommitMessage commit = CommitMessageFiles.parse("msgs/one.txt", "Subject\n\nAssisted-by: Kiro\n");
        assertThat(commit.id(), is("msgs/one.txt"));
        assertThat(trailers(commit), is("Assisted-by: Kiro"));
        // a first line that only looks like git's is part of the message
        assertThat(CommitMessageFiles.parse("m.txt", "commit to the new API\n\nAssisted-by: Kiro\n").id(),
                is("m.txt"));
    }

    @Test
    public void aCommitLineNamesTheCommit() throws Exception {
        CommitMessage commit = CommitMessageFiles.parse("m.txt",
                "commit 0a1b2c3d4e5f (HEAD -> main, origin/main)\nSubject\n\nAssisted-by: Kiro\n");
        assertThat(commit.id(), is("0a1b2c3d4e5f"));
        assertThat(commit.text(), is("Subject\n\nAssisted-by: Kiro\n"));
    }

    @Test
    public void gitLogsOwnFormHeadersAndIndentationAreTakenOff() throws Exception {
        CommitMessage commit = CommitMessageFiles.parse("m.txt", "\ufeffcommit abcdef0123\r\n"
                + "gpg: Signature made Thu Nov 26 10:00:00 2026 UTC\r\n"
                + "Merge: 1111111 2222222\r\n"
                + "Author: Dave <dave@example.com>\r\n"
                + "Date:   Thu Nov 26 10:00:00 2026 +0000\r\n"
                + "\r\n"
                + "    Subject\r\n"
                + "\r\n"
                + "    Co-authored-by: Claude\r\n"
                + "      <noreply@anthropic.com>\r\n");
        assertThat(commit.id(), is("abcdef0123"));
        assertThat(commit.text(), is("Subject\n\nCo-authored-by: Claude\n  <noreply@anthropic.com>\n"));
        assertThat(trailers(commit), is("Co-authored-by: Claude <noreply@anthropic.com>"));
    }

    @Test
    public void aSecondCommitInGitLogsFormIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> CommitMessageFiles.parse("log.txt",
                "commit aaaa111\nAuthor: A <a@example.com>\n\n    One\n\ncommit bbbb222\nAuthor: B <b@example.com>\n\n"
                        + "    Two\n"));
        assertThat(e.getMessage(), is("log.txt line 6: after a commit as git log prints it comes another commit or"
                + " other text; give one commit per --commit-message"));
    }

    @Test
    public void filesThatCannotBeReadOrAreTooLargeAreUsageErrors() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Console console = new Console(System.out, System.err, Map.of(), dir);
        Files.write(dir.resolve("big.txt"), new byte[CommitMessageFiles.MAX_BYTES + 1]);
        assertThat(assertThrows(UsageException.class, () -> CommitMessageFiles.read(List.of("big.txt"), console))
                .getMessage(), containsString("big.txt is larger than 1048576 bytes"));
        assertThat(assertThrows(UsageException.class, () -> CommitMessageFiles.read(List.of("."), console))
                .getMessage(), containsString("cannot read ."));
        Files.write(dir.resolve("latin1.txt"), "Subject\n\nAssisted-by: Jos\u00e9\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(trailers(CommitMessageFiles.read(List.of("latin1.txt"), console).get(0)),
                is("Assisted-by: Jos\ufffd"));
    }
}
