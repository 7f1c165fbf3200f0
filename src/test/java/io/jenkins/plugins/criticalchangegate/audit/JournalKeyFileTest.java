package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JournalKeyFileTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    public void aKeyRoundTripsThroughItsTextForm() throws IOException {
        for (int i = 0; i < 50; i++) {
            byte[] key = randomKey();
            assertThat(JournalKeyFile.decode(JournalKeyFile.encode(key), "k"), equalTo(key));
        }
    }

    @Test
    public void theTextFormNamesTheKeyIdAndTheKeyInBase64() {
        byte[] key = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        String text = JournalKeyFile.encode(key);
        // the id docs/audit.md gives for this key, as the journal's first record names it
        assertThat(text, containsString("\nkey-id: c0814258a3404942\n"));
        assertThat(text, containsString("\nhmac-sha256: Y29ycmVjdCBob3JzZSBiYXR0ZXJ5IHN0YXBsZQ==\n"));
    }

    @Test
    public void theKeyIdIsTheOneTheJournalWrites() throws IOException {
        byte[] key = randomKey();
        Path dir = tmp.getRoot().toPath().resolve("journal");
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.builder().key(key).build())) {
            journal.append(AuditEvent.keyExported("admin", JournalKeyFile.keyId(key)));
        }
        Optional<JournalHeader> header = JournalHeader.read(dir);
        assertThat(header.isPresent(), is(true));
        assertThat(header.get().keyed(), is(true));
        assertThat(header.get().keyId(), equalTo(Optional.of(JournalKeyFile.keyId(key))));
        assertThat(JournalVerifier.verify(dir, key).intact(), is(true));
    }

    @Test
    public void theHeaderOfAnUnkeyedJournalAndOfNoJournal() throws IOException {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        assertThat(JournalHeader.read(dir).isPresent(), is(false));
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            assertThat(journal.lastSeq(), equalTo(1L));
        }
        JournalHeader header = JournalHeader.read(dir).orElseThrow();
        assertThat(header.keyed(), is(false));
        assertThat(header.chain(), equalTo("sha256"));
        assertThat(header.keyId().isPresent(), is(false));
    }

    @Test
    public void aDamagedFirstRecordIsReportedNotGuessed() throws IOException {
        Path dir = tmp.getRoot().toPath().resolve("journal");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("journal-000001.jsonl"), "not json\n");
        IOException e = assertThrows(IOException.class, () -> JournalHeader.read(dir));
        assertThat(e.getMessage(), containsString("journal-000001.jsonl line 1: "));
    }

    @Test
    public void commentsBlankLinesCarriageReturnsAndAMissingKeyIdAreAccepted() throws IOException {
        byte[] key = randomKey();
        String text = "\r\n# a comment\r\n   \r\nhmac-sha256:" + Base64.getEncoder().encodeToString(key) + "  \r\n";
        assertThat(JournalKeyFile.decode(text, "k"), equalTo(key));
    }

    @Test
    public void everyMalformedFileIsRefusedNamingTheLine() {
        byte[] key = randomKey();
        String b64 = Base64.getEncoder().encodeToString(key);
        String id = JournalKeyFile.keyId(key);
        assertRefused("", "k: no 'hmac-sha256: <base64>' line");
        assertRefused("# only comments\n", "k: no 'hmac-sha256: <base64>' line");
        assertRefused("key-id: " + id + "\n", "k: no 'hmac-sha256: <base64>' line");
        assertRefused("# x\n" + b64 + "\n", "k line 2: not a line of a journal key file");
        assertRefused("hmac-sha256: " + b64 + "\nhmac-sha256: " + b64 + "\n",
                "k line 2: a second 'hmac-sha256:' line (the first is line 1)");
        assertRefused("key-id: " + id + "\nkey-id: " + id + "\nhmac-sha256: " + b64 + "\n",
                "k line 2: a second 'key-id:' line");
        assertRefused("hmac-sha256: " + b64.replace('A', '*').replace('a', '*') + "x\n",
                "k line 1: the key is not valid base64");
        assertRefused("hmac-sha256: " + Base64.getEncoder().encodeToString(new byte[15]) + "\n",
                "k line 1: the key is 15 bytes long; a journal key has at least 16");
        assertRefused("key-id: C0814258A3404942\nhmac-sha256: " + b64 + "\n",
                "k line 1: the key id is not 16 lowercase hex digits");
        assertRefused("key-id: 0000000000000000\n\nhmac-sha256: " + b64 + "\n",
                "k line 1: key id 0000000000000000 is not the id of the key on line 3 (that key's id is " + id + ")");
    }

    private static void assertRefused(String text, String message) {
        JournalKeyFile.KeyFileException e = assertThrows(JournalKeyFile.KeyFileException.class,
                () -> JournalKeyFile.decode(text, "k"));
        assertThat(e.getMessage(), containsString(message));
    }

    @Test
    public void aFileThatIsNotTextOrTooLargeOrMissingIsRefusedNamingIt() throws IOException {
        Path binary = tmp.newFile("binary.key").toPath();
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        assertThat(assertThrows(IOException.class, () -> JournalKeyFile.read(binary)).getMessage(),
                equalTo(binary + ": not UTF-8 text, so not a journal key file"));
        Path large = tmp.newFile("large.key").toPath();
        Files.writeString(large, "#".repeat(JournalKeyFile.MAX_BYTES + 1));
        assertThat(assertThrows(IOException.class, () -> JournalKeyFile.read(large)).getMessage(),
                containsString(large + ": larger than"));
        Path missing = tmp.getRoot().toPath().resolve("missing.key");
        assertThat(assertThrows(IOException.class, () -> JournalKeyFile.read(missing)).getMessage(),
                equalTo(missing + ": no such file"));
    }

    @Test
    public void errorsNeverQuoteTheKey() {
        byte[] key = randomKey();
        String b64 = Base64.getEncoder().encodeToString(key);
        JournalKeyFile.KeyFileException e = assertThrows(JournalKeyFile.KeyFileException.class,
                () -> JournalKeyFile.decode("hmac-sha256: " + b64 + "\n" + b64 + "\n", "k"));
        assertThat(e.getMessage(), not(containsString(b64)));
        assertThat(e.getMessage(), not(containsString(b64.substring(0, 8))));
    }

    @Test
    public void aKeyTooShortToKeyAJournalIsNotEncoded() {
        assertThrows(IllegalArgumentException.class, () -> JournalKeyFile.encode(new byte[15]));
    }

    @Test
    public void theKeyExportedEventCarriesUserAndKeyIdOnly() {
        AuditEvent event = AuditEvent.keyExported("admin", "c0814258a3404942");
        assertThat(event.type(), is(AuditEventType.KEY_EXPORTED));
        assertThat(event.fields().keySet(), equalTo(java.util.Set.of("user", "keyId")));
    }

    @Test
    public void anUnpaddedKeyIsRefusedAsTheSpecSaysPadded() {
        byte[] key = new byte[32]; // 32 bytes: base64 ends in one '='
        String padded = JournalKeyFile.encode(key);
        assertThat(padded, containsString("=\n"));
        String unpadded = padded.replace("=\n", "\n");
        JournalKeyFile.KeyFileException e = org.junit.Assert.assertThrows(JournalKeyFile.KeyFileException.class,
                () -> JournalKeyFile.decode(unpadded, "k.txt"));
        assertThat(e.getMessage(), containsString("k.txt line 5: the key is not valid base64 (RFC 4648, with"
                + " padding)"));
    }

    @Test
    public void anUppercaseKeyIdIsRefused() {
        String text = JournalKeyFile.encode(new byte[32]);
        String id = JournalKeyFile.keyId(new byte[32]);
        org.junit.Assume.assumeTrue(id.matches(".*[a-f].*"));
        JournalKeyFile.KeyFileException e = org.junit.Assert.assertThrows(JournalKeyFile.KeyFileException.class,
                () -> JournalKeyFile.decode(text.replace(id, id.toUpperCase(java.util.Locale.ROOT)), "k.txt"));
        assertThat(e.getMessage(), containsString("16 lowercase hex digits"));
    }
}
