package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.Test;

/** docs/audit.md says what the code does: every record type is in its table, and its example key file is valid. */
public class AuditDocsTest {
    private static String docs;

    @BeforeClass
    public static void readDocs() throws IOException {
        // the Central build runs in central/plugin, the full build at the root: look upwards
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/audit.md"))) {
            dir = dir.getParent();
        }
        assertThat("docs/audit.md above " + Path.of("").toAbsolutePath(), dir, notNullValue());
        docs = Files.readString(dir.resolve("docs/audit.md"), StandardCharsets.UTF_8);
    }

    @Test
    public void everyRecordTypeIsInTheTable() {
        List<String> missing = new ArrayList<>();
        for (AuditEventType type : AuditEventType.values()) {
            if (!docs.contains("\n| `" + type.name() + "` |")) {
                missing.add(type.name());
            }
        }
        assertThat(missing, is(empty()));
    }

    @Test
    public void theExampleKeyFileIsAValidKeyFile() throws IOException {
        int start = docs.indexOf("  # critical-change-gate audit journal key.");
        assertThat(start > 0, is(true));
        int end = docs.indexOf("```", start);
        String example = docs.substring(start, end).replace("\n  ", "\n").strip() + "\n";
        byte[] key = JournalKeyFile.decode(example, "docs/audit.md");
        byte[] expected = new byte[32];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (3 + 7 * i); // as the text under the example says
        }
        assertThat(key, equalTo(expected));
        assertThat(JournalKeyFile.encode(key).strip(), equalTo(example.strip()));
        assertThat(docs, containsString("(an example, not a real key: the 32 bytes 3, 10, 17, ... 220;"));
    }

    @Test
    public void everyReasonTheVerifierGivesIsInTheReasonTable() {
        List<String> missing = new ArrayList<>();
        for (VerificationResult.Reason reason : VerificationResult.Reason.values()) {
            if (!docs.contains("\n| `" + reason.label() + "` |")) {
                missing.add(reason.label());
            }
        }
        assertThat(missing, is(empty()));
    }

    @Test
    public void theFieldsJenkinsAddsAreDocumented() {
        assertThat(docs, containsString("`registry` on `GATE_REQUESTED`"));
        assertThat(docs, containsString("`subjects` on `GATE_REQUESTED`"));
        assertThat(docs, containsString("16\nlowercase hex digits"));
    }
}
