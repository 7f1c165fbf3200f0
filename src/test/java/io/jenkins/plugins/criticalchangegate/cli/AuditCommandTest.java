package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditCommandTest {
    private static final String KEY = "a-journal-key-of-32-bytes-length";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;
    private String head;
    /** The last run of the tool: each run starts with empty output. */
    private ToolRun last;

    @Before
    public void writeJournal() throws IOException {
        dir = tmp.getRoot().toPath().resolve("journal");
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(AuditEvent.gateRequested("deploy", 1, "payments", "CHG-1", "abc", "alice"));
            journal.append(AuditEvent.approvalAccepted("deploy", 1, "payments", "CHG-1", "bob"));
            journal.append(AuditEvent.notCritical("deploy", 2, "wiki", null, "alice"));
            head = journal.lastHash();
        }
    }

    private int run(Map<String, String> env, String... args) {
        last = ToolRun.in(tmp.getRoot().toPath(), env, args);
        return last.exit;
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String out() {
        return last.out;
    }

    private String err() {
        return last.err;
    }

    @Test
    public void verifyPrintsRecordsAndHeadAndExitsZero() {
        assertThat(run("audit", "verify", "journal"), equalTo(0));
        assertThat(out(), startsWith("4 records, head " + head + System.lineSeparator()));
    }

    @Test
    public void verifyPrintsTheFirstBrokenRecordAndExitsOne() throws IOException {
        Path file = dir.resolve("journal-000001.jsonl");
        Files.writeString(file, Files.readString(file).replace("\"bob\"", "\"eve\""));
        assertThat(run("audit", "verify", "journal"), equalTo(1));
        assertThat(out(), startsWith("journal-000001.jsonl line 3 (seq 3): hash mismatch: "));
    }

    @Test
    public void verifyTakesTheKeyFromTheNamedEnvironmentVariable() throws IOException {
        Path keyed = tmp.getRoot().toPath().resolve("keyed");
        try (AuditJournal journal = AuditJournal.open(keyed, JournalOptions.builder()
                .key(KEY.getBytes(StandardCharsets.UTF_8)).build())) {
            journal.append(AuditEvent.approvalAccepted("deploy", 1, "payments", "CHG-1", "bob"));
        }
        assertThat(run(Map.of("AUDIT_KEY", KEY), "audit", "verify", "keyed", "--key-env", "AUDIT_KEY"), equalTo(0));
        assertThat(out(), matchesPattern("(?s)2 records, head [0-9a-f]{64}\\R.*chain: keyed with key id .*"));
        assertThat(run(Map.of("AUDIT_KEY", "not-the-right-key-at-all"), "audit", "verify", "keyed",
                "--key-env=AUDIT_KEY"), equalTo(1));
        assertThat(out(), containsString("(seq 1): wrong key: "));
        assertThat(run("audit", "verify", "keyed"), equalTo(1));
        assertThat(out(), containsString("key required"));
    }

    @Test
    public void anUnsetKeyVariableIsAUsageError() {
        assertThat(run("audit", "verify", "journal", "--key-env", "NOPE"), equalTo(2));
        assertThat(err(), containsString("NOPE"));
    }

    @Test
    public void aMissingDirectoryIsAUsageError() {
        assertThat(run("audit", "verify", "nowhere"), equalTo(2));
        assertThat(err(), containsString("nowhere"));
    }

    @Test
    public void exportWritesFilteredCsv() {
        assertThat(run("audit", "export", "journal", "--format", "csv", "--user", "alice"), equalTo(0));
        String[] lines = out().split("\r\n");
        assertThat(lines.length, equalTo(3));
        assertThat(lines[1], containsString(",GATE_REQUESTED,deploy,1,payments,CHG-1,abc,alice,"));
        assertThat(lines[2], containsString(",NOT_CRITICAL,deploy,2,wiki,,,alice,NOT_CRITICAL,"));
    }

    @Test
    public void exportWritesJsonWithTimeRange() {
        assertThat(run("audit", "export", "journal", "--format", "json", "--system", "payments", "--since",
                "2000-01-01", "--until", "2999-01-01T00:00:00+01:00"), equalTo(0));
        assertThat(out(), startsWith("[\n{"));
        assertThat(out().split("\n").length, equalTo(4));
    }

    @Test
    public void exportRefusesBadFormatsAndTimes() {
        assertThat(run("audit", "export", "journal", "--format", "xml"), equalTo(2));
        assertThat(err(), containsString("--format must be csv or json"));
        assertThat(run("audit", "export", "journal", "--format", "csv", "--since", "yesterday"), equalTo(2));
        assertThat(err(), containsString("--since 'yesterday' is not an ISO-8601 time"));
    }

    /** A journal keyed as Jenkins keys it (32 random bytes), with one event and a key export on the record. */
    private byte[] writeKeyedJournal(String name) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (AuditJournal journal = AuditJournal.open(tmp.getRoot().toPath().resolve(name), JournalOptions.builder()
                .key(key).build())) {
            journal.append(AuditEvent.approvalAccepted("deploy", 1, "payments", "CHG-1", "bob"));
            journal.append(AuditEvent.keyExported("admin", JournalKeyFile.keyId(key)));
        }
        return key;
    }

    private Path keyFile(String name, String text) throws IOException {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    public void verifyReadsTheKeyFromTheDownloadedKeyFile() throws IOException {
        byte[] key = writeKeyedJournal("keyed");
        keyFile("journal.key", JournalKeyFile.encode(key));
        assertThat(run("audit", "verify", "keyed", "--key-file", "journal.key"), equalTo(0));
        assertThat(out(), matchesPattern("(?s)3 records, head [0-9a-f]{64}\\R.*chain: keyed with key id .*"));
        assertThat(run("audit", "verify", "keyed", "--key-file=" + tmp.getRoot().toPath().resolve("journal.key")),
                equalTo(0));
        assertThat(run("audit", "verify", "keyed"), equalTo(1));
        assertThat(out(), containsString("key required"));
    }

    @Test
    public void theKeyFileOfAnotherJournalIsAWrongKey() throws IOException {
        writeKeyedJournal("keyed");
        byte[] other = writeKeyedJournal("other");
        keyFile("other.key", JournalKeyFile.encode(other));
        assertThat(run("audit", "verify", "keyed", "--key-file", "other.key"), equalTo(1));
        assertThat(out(), containsString("(seq 1): wrong key: "));
        assertThat(out() + err(), not(containsString(Base64.getEncoder().encodeToString(other))));
    }

    @Test
    public void aKeyFileOnAnUnkeyedJournalFailsClosed() throws IOException {
        byte[] key = writeKeyedJournal("keyed");
        keyFile("journal.key", JournalKeyFile.encode(key));
        assertThat(run("audit", "verify", "journal", "--key-file", "journal.key"), equalTo(1));
        assertThat(out(), containsString("not keyed"));
    }

    @Test
    public void aMissingKeyFileIsAUsageErrorNamingIt() throws IOException {
        writeKeyedJournal("keyed");
        assertThat(run("audit", "verify", "keyed", "--key-file", "no-such.key"), equalTo(2));
        assertThat(err(), containsString("--key-file " + tmp.getRoot().toPath().resolve("no-such.key")
                + ": no such file"));
    }

    @Test
    public void aMalformedKeyFileIsAUsageErrorNamingTheLineWithoutPrintingIt() throws IOException {
        byte[] key = writeKeyedJournal("keyed");
        String base64 = Base64.getEncoder().encodeToString(key);
        // the key pasted without its prefix, on line 2: the error names the line and never echoes it
        keyFile("pasted.key", "# my key\n" + base64 + "\n");
        assertThat(run("audit", "verify", "keyed", "--key-file", "pasted.key"), equalTo(2));
        assertThat(err(), containsString("pasted.key line 2: not a line of a journal key file"));
        assertThat(out() + err(), not(containsString(base64)));

        keyFile("bad64.key", "hmac-sha256: " + base64.substring(1) + "!\n");
        assertThat(run("audit", "verify", "keyed", "--key-file", "bad64.key"), equalTo(2));
        assertThat(err(), containsString("bad64.key line 1: the key is not valid base64"));

        String text = JournalKeyFile.encode(key).replace("key-id: " + JournalKeyFile.keyId(key),
                "key-id: 0123456789abcdef");
        keyFile("edited.key", text);
        assertThat(run("audit", "verify", "keyed", "--key-file", "edited.key"), equalTo(2));
        assertThat(err(), containsString("edited.key line 4: key id 0123456789abcdef is not the id of the key on"
                + " line 5"));

        keyFile("empty.key", "");
        assertThat(run("audit", "verify", "keyed", "--key-file", "empty.key"), equalTo(2));
        assertThat(err(), containsString("empty.key: no 'hmac-sha256: <base64>' line"));
    }

    @Test
    public void theKeyIsGivenOnceNotTwice() throws IOException {
        byte[] key = writeKeyedJournal("keyed");
        keyFile("journal.key", JournalKeyFile.encode(key));
        assertThat(run(Map.of("AUDIT_KEY", KEY), "audit", "verify", "keyed", "--key-file", "journal.key",
                "--key-env", "AUDIT_KEY"), equalTo(2));
        assertThat(err(), containsString("--key-file or --key-env, not both"));
    }

    @Test
    public void aKeyExportIsExportedWithItsUserAndKeyId() throws IOException {
        byte[] key = writeKeyedJournal("keyed");
        assertThat(run("audit", "export", "keyed", "--format", "csv", "--user", "admin"), equalTo(0));
        String[] lines = out().split("\r\n");
        assertThat(lines.length, equalTo(2));
        assertThat(lines[1], containsString(",KEY_EXPORTED,,,,,,admin,"));
        assertThat(lines[1], containsString("keyId"));
        assertThat(lines[1], containsString(JournalKeyFile.keyId(key)));
    }

    @Test
    public void helpExplainsBothCommands() {
        assertThat(run("audit", "--help"), equalTo(0));
        assertThat(out(), containsString("audit verify DIR [--key-file FILE | --key-env VAR]"));
        assertThat(out(), containsString("audit export DIR --format csv|json"));
    }
}
