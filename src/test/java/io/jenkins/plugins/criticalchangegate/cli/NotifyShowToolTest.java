package io.jenkins.plugins.criticalchangegate.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code registry show} prints {@code notify} (issue 14); {@code registry lint} reports a bad address where it is. */
public class NotifyShowToolTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String registry) throws Exception {
        Path dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("critical.yaml"), registry);
        return dir;
    }

    private static String withNotify(String email) {
        return RegistryCommandTest.REGISTRY.replace("    owners: [team-payments]\n",
                "    owners: [team-payments]\n    notify:\n      email: " + email + "\n");
    }

    @Test
    public void showPrintsTheSystemsAddresses() throws Exception {
        Path dir = write(withNotify("[payments-leads@example.com, sre@example.com]"));
        ToolRun run = ToolRun.in(dir, "registry", "show", "--registry", "critical.yaml", "--system", "payments");
        assertThat(run.toString(), run.exit, is(0));
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("notify").toString(), is("{\"email\":[\"payments-leads@example.com\",\"sre@example.com\"]}"));

        run = ToolRun.in(dir, "registry", "show", "--registry", "critical.yaml", "--system", "checkout-service");
        assertThat(new ObjectMapper().readTree(run.out).get("notify").toString(), is("{\"email\":[]}"));

        run = ToolRun.in(dir, "registry", "show", "--registry", "critical.yaml", "--system", "not-listed-x");
        assertThat(new ObjectMapper().readTree(run.out).get("notify").isNull(), is(true));
    }

    @Test
    public void lintReportsABadAddressWithItsPlace() throws Exception {
        Path dir = write(withNotify("[\"Payments <payments@example.com>\"]"));
        ToolRun run = ToolRun.in(dir, "registry", "lint", "critical.yaml");
        assertThat(run.toString(), run.exit, is(1));
        assertThat(run.out + run.toString(), containsString("critical.yaml:"));
        assertThat(run.toString(), containsString("has a display name or quotes: give the bare address"));
    }
}
