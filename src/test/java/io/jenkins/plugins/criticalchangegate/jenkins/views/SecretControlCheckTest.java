package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Secret controls show only {@code hudson.util.Secret} fields ({@link SecretControlCheck}): the fixture, then ours. */
public class SecretControlCheckTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** A form class with a text field and a byte-array field, neither of them a Secret. */
    public static class Keeps {
        public String getToken() {
            return "";
        }

        public byte[] getContent() {
            return new byte[0];
        }
    }

    private List<String> check(String body) throws Exception {
        Path dir = folder.newFolder("Keeps").toPath();
        Files.writeString(dir.resolve("credentials.jelly"), "<?jelly escape-by-default='true'?>\n"
                + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">\n" + body + "</j:jelly>\n",
                StandardCharsets.UTF_8);
        return SecretControlCheck.check(new JellyViews.View(dir.resolve("credentials.jelly"), "Keeps/credentials.jelly",
                Keeps.class));
    }

    @Test
    public void aSecretControlOnAFieldThatIsNoSecretIsReported() throws Exception {
        List<String> problems = check("  <f:entry title=\"T\" field=\"token\"><f:password/></f:entry>\n"
                + "  <!-- <f:entry field=\"content\"><f:secretTextarea/></f:entry> -->\n"
                + "  <f:entry title=\"C\">\n    <f:secretTextarea field=\"content\"/>\n  </f:entry>\n"
                + "  <f:entry title=\"Loose\"/>\n  <f:password/>\n"
                + "  <f:entry field=\"token\"><f:textbox/></f:entry>\n"
                + "  <j:choose><j:when test=\"${instance == null}\"><f:entry field=\"content\"><f:secretTextarea/>"
                + "</f:entry></j:when>\n  <j:otherwise><f:entry field=\"content\"><f:secretTextarea/></f:entry>"
                + "</j:otherwise></j:choose>\n");
        assertThat(problems, contains(
                "Keeps/credentials.jelly:3: <f:password> shows field 'token' of type java.lang.String, but it"
                        + " round-trips only hudson.util.Secret (Functions.getPasswordValue re-encrypts any other value"
                        + " as a Secret), so saving the form unchanged replaces the value",
                "Keeps/credentials.jelly:6: <f:secretTextarea> shows field 'content' of type [B, but it round-trips"
                        + " only hudson.util.Secret (Functions.getPasswordValue re-encrypts any other value as a"
                        + " Secret), so saving the form unchanged replaces the value",
                "Keeps/credentials.jelly:9: <f:password> has no field (its own field=\"…\" or an enclosing"
                        + " <f:entry field=\"…\">)",
                "Keeps/credentials.jelly:12: <f:secretTextarea> shows field 'content' of type [B, but it round-trips"
                        + " only hudson.util.Secret (Functions.getPasswordValue re-encrypts any other value as a"
                        + " Secret), so saving the form unchanged replaces the value"));
    }

    @Test
    public void everySecretControlOfThePluginShowsASecret() throws Exception {
        List<String> problems = new ArrayList<>();
        int controls = 0;
        for (JellyViews.View view : JellyViews.all()) {
            String text = Files.readString(view.file, StandardCharsets.UTF_8);
            controls += text.contains("<f:password") || text.contains("<f:secretTextarea") ? 1 : 0;
            problems.addAll(SecretControlCheck.check(view));
        }
        assertThat(controls, greaterThan(1));
        assertThat(String.join("\n", problems), problems, empty());
    }
}
