package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.CreationCrashes;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Jenkins checks the journal's key before it opens the journal (GateJournal.keyFor): a creation cut short at any step
 * must read as no journal yet (NEW, so the next gate creates it), never as a journal it cannot read, which would fail
 * every gate until someone deleted files by hand; once the journal exists it fits the key it was created with.
 */
public class JournalKeyFitCreationTest {
    private static final byte[] KEY = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aCreationCutShortAtAnyStepIsANewJournalForJenkins() throws Exception {
        String keyId = JournalKeyFile.keyId(KEY);
        List<CreationCrashes.Snapshot> snapshots = CreationCrashes.take(tmp.getRoot().toPath(), KEY);
        for (CreationCrashes.Snapshot s : snapshots) {
            JournalKeyFit fit = JournalKeyFit.read(s.dir, keyId);
            assertThat(s.name, fit.kind(), is(s.created ? JournalKeyFit.Kind.FITS : JournalKeyFit.Kind.NEW));
            assertThat(s.name, fit.problem().isPresent(), is(false));
            AuditJournal.open(s.dir, JournalOptions.builder().key(KEY).build()).close();
            assertThat(s.name, JournalKeyFit.read(s.dir, keyId).kind(), is(JournalKeyFit.Kind.FITS));
        }
    }
}
