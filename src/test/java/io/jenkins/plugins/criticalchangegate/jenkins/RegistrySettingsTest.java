package io.jenkins.plugins.criticalchangegate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/**
 * The checks the form and JCasC apply to a registry source's settings before anything is bound, and the input of the
 * full build's "maximum approval timeout" test, checked without Jenkins.
 */
public class RegistrySettingsTest {
    @Test
    public void aRegistryUrlMustBePlainHttps() {
        assertThat(RegistryUrl.https(" https://reliability.example.com/critical-systems.yaml ").toString(),
                is("https://reliability.example.com/critical-systems.yaml"));
        assertThat(message(() -> RegistryUrl.https("http://reliability.example.com/r.yaml")),
                containsString("must start with https://"));
        assertThat(message(() -> RegistryUrl.https("https://svc:s3cret@reliability.example.com/r.yaml")),
                containsString("must not contain a user name or password"));
        assertThat(message(() -> RegistryUrl.https("https://reliability.example.com/r.yaml#top")),
                containsString("#fragment"));
        assertThat(message(() -> RegistryUrl.https("https:///r.yaml")), containsString("no host name"));
        assertThat(message(() -> RegistryUrl.https("  ")), containsString("missing"));
        assertThat(message(() -> RegistryUrl.https("https://exa mple.com/")), containsString("not valid"));
    }

    @Test
    public void aSecretInTheUrlIsNeverRepeatedInTheMessage() {
        assertThat(message(() -> RegistryUrl.https("https://svc:s3cret@reliability.example.com/r.yaml")),
                is("the registry's URL must not contain a user name or password: choose a credential instead"));
    }

    @Test
    public void aRegistryFileNeedsAnAbsolutePath() {
        Path absolute = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        assertThat(RegistryFile.absolute(absolute + "/x/../critical-systems.yaml"),
                is(absolute.resolve("critical-systems.yaml")));
        assertThat(message(() -> RegistryFile.absolute("critical-systems.yaml")), containsString("is relative"));
        assertThat(message(() -> RegistryFile.absolute("")), containsString("missing"));
    }

    /** RegistrySourceJenkinsTest lowers the maximum to one day and expects this registry to be refused. */
    @Test
    public void theFullBuildsLongerRegistryExceedsADayNamingTheValue() {
        String longer = GateFixtures.registry(8443).replace("approvalTimeout: 2h", "approvalTimeout: 3d");
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(
                longer.getBytes(StandardCharsets.UTF_8), "inline registry", Duration.ofDays(1)));
        assertThat(e.problems().get(0).toString(), containsString("approvalTimeout '3d' is longer than"));
    }

    private static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }
}
