package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller stopped in the middle of an audit page download leaves the staged file in
 * {@code $JENKINS_HOME/critical-change-gate/downloads}; the next start of Jenkins removes it before anyone downloads,
 * even when that start runs in the same JVM (as here), and keeps the other files of the directory.
 */
public class StagedDownloadsRestartJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void theNextStartRemovesWhatADownloadLeftAndNothingElse() throws Throwable {
        Path[] left = new Path[2];
        sessions.then(j -> {
            Path dir = Staging.directory(j.jenkins.getRootDir().toPath(), null);
            Files.createDirectories(dir);
            // as a download of this start would leave it, had Jenkins been killed while it ran
            left[0] = Files.writeString(dir.resolve(Staging.PREFIX + "export-42.csv"), "seq,time\n");
            left[1] = Files.writeString(dir.resolve("kept-by-an-administrator.txt"), "not a staged download");
            // written before the next start, as any file of this start is
            Files.setLastModifiedTime(left[0], FileTime.from(Instant.now().minusSeconds(5)));
            Files.setLastModifiedTime(left[1], FileTime.from(Instant.now().minusSeconds(5)));
        });
        sessions.then(j -> {
            assertThat("removed when Jenkins started, before any download", Files.exists(left[0]), is(false));
            assertThat(Files.exists(left[1]), is(true));
        });
    }
}
