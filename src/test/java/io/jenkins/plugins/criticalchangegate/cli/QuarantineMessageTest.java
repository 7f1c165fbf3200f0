package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A torn last line set aside in quarantine is said once (issue 17): as the tool's note on standard error, not a
 * second time through java.util.logging, whose console handler printed it again on the same terminal.
 */
public class QuarantineMessageTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theQuarantineIsOneMessage() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), RegistryCommandTest.REGISTRY);
        String[] simulate = {"simulate", "--registry", "critical.yaml", "--system", "checkout-service",
            "--approve", "erin:checkout-leads", "--approve", "frank:sre-oncall", "--journal", "audit"};
        assertThat(ToolRun.in(dir, simulate).exit, is(0));
        Files.write(dir.resolve("audit/journal-000001.jsonl"), "{\"seq\":99,\"torn".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND); // a crash in the middle of a write

        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AuditJournal.class.getName());
        logger.addHandler(handler);
        try {
            ToolRun run = ToolRun.in(dir, simulate);
            assertThat(run.toString(), run.exit, is(0));
            assertThat(run.err, containsString("journal: moved a torn last line (15 bytes, never acknowledged)"));
            assertThat(run.err.split("torn last line", -1).length, is(2));
        } finally {
            logger.removeHandler(handler);
        }
        assertThat("not a second copy through java.util.logging", logged, is(empty()));
        assertThat(ToolRun.in(dir, "audit", "verify", "audit").exit, is(0));
    }
}
