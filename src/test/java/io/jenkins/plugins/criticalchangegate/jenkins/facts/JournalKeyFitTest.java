package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which journal Jenkins opens with its key, and what it refuses (real journals in real directories). */
public class JournalKeyFitTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private Path journal(String name, byte[] key) throws IOException {
        Path dir = tmp.getRoot().toPath().resolve(name);
        JournalOptions options = key == null ? JournalOptions.defaults() : JournalOptions.builder().key(key).build();
        try (AuditJournal journal = AuditJournal.open(dir, options)) {
            assertThat(journal.lastSeq(), is(1L));
        }
        return dir;
    }

    @Test
    public void anEmptyDirectoryIsANewJournalAndOnlyThenMayAKeyBeMade() throws IOException {
        Path dir = tmp.getRoot().toPath().resolve("none");
        JournalKeyFit withoutKey = JournalKeyFit.read(dir, null);
        assertThat(withoutKey.kind(), is(JournalKeyFit.Kind.NEW));
        assertThat(withoutKey.mayCreateKey(), is(true));
        assertThat(withoutKey.problem().isPresent(), is(false));
        JournalKeyFit withKey = JournalKeyFit.read(dir, "0123456789abcdef");
        assertThat(withKey.kind(), is(JournalKeyFit.Kind.NEW));
        assertThat(withKey.mayCreateKey(), is(false));
    }

    @Test
    public void aJournalWrittenWithJenkinsKeyFits() throws IOException {
        byte[] key = randomKey();
        JournalKeyFit fit = JournalKeyFit.read(journal("keyed", key), JournalKeyFile.keyId(key));
        assertThat(fit.kind(), is(JournalKeyFit.Kind.FITS));
        assertThat(fit.problem().isPresent(), is(false));
        assertThat(fit.summary(), is("The journal is keyed with Jenkins' key."));
    }

    @Test
    public void aJournalWrittenWithAnotherKeyIsRefusedNamingBothKeyIds() throws IOException {
        byte[] key = randomKey();
        byte[] other = randomKey();
        Path dir = journal("keyed", other);
        JournalKeyFit fit = JournalKeyFit.read(dir, JournalKeyFile.keyId(key));
        assertThat(fit.kind(), is(JournalKeyFit.Kind.OTHER_KEY));
        assertThat(fit.mayCreateKey(), is(false));
        assertThat(fit.problem().orElseThrow(), containsString("the audit journal in " + dir + " was written with key"
                + " id " + JournalKeyFile.keyId(other) + ", not with Jenkins' journal key (key id "
                + JournalKeyFile.keyId(key) + ")"));
    }

    @Test
    public void anUnkeyedJournalIsRefusedWithWhatToDo() throws IOException {
        Path dir = journal("unkeyed", null);
        for (String keyId : new String[] {null, "0123456789abcdef"}) {
            JournalKeyFit fit = JournalKeyFit.read(dir, keyId);
            assertThat(fit.kind(), is(JournalKeyFit.Kind.UNKEYED));
            assertThat(fit.mayCreateKey(), is(false));
            assertThat(fit.problem().orElseThrow(), containsString("is an unkeyed sha256 chain"));
            assertThat(fit.problem().orElseThrow(), containsString("Move that directory aside"));
        }
    }

    @Test
    public void aKeyedJournalWithoutJenkinsKeyIsRefusedAndNoNewKeyIsMade() throws IOException {
        byte[] key = randomKey();
        Path dir = journal("keyed", key);
        JournalKeyFit fit = JournalKeyFit.read(dir, null);
        assertThat(fit.kind(), is(JournalKeyFit.Kind.NO_KEY));
        assertThat(fit.mayCreateKey(), is(false));
        assertThat(fit.problem().orElseThrow(), containsString("was written with key id " + JournalKeyFile.keyId(key)
                + " but Jenkins holds no journal key (secrets/" + JournalKeyFit.STORE_ID + " is missing"));
    }

    @Test
    public void aDamagedFirstRecordIsAnErrorNamingTheDirectory() throws IOException {
        Path dir = tmp.newFolder("damaged").toPath();
        Files.writeString(dir.resolve("journal-000001.jsonl"), "{\"seq\":1}\n");
        IOException e = assertThrows(IOException.class, () -> JournalKeyFit.read(dir, null));
        assertThat(e.getMessage(), containsString("cannot read the audit journal in " + dir + ": "));
    }
}
