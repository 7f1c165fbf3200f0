package io.jenkins.plugins.criticalchangegate.registry.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import org.junit.Test;

/**
 * A source's location as an administrator types it ({@link UrlSource#parse}, {@link FileSource#parse}): the checks
 * the global configuration's form and Configuration as Code run before anything is saved.
 */
public class TypedSourceTest {
    @Test
    public void aRegistryUrlMustBePlainHttps() {
        assertThat(UrlSource.parse(" https://reliability.example.com/critical-systems.yaml ").toString(),
                is("https://reliability.example.com/critical-systems.yaml"));
        assertThat(message(() -> UrlSource.parse("http://reliability.example.com/r.yaml")),
                containsString("must start with https://"));
        assertThat(message(() -> UrlSource.parse("https://svc:s3cret@reliability.example.com/r.yaml")),
                containsString("must not contain a user name or password"));
        assertThat(message(() -> UrlSource.parse("https://reliability.example.com/r.yaml#top")),
                containsString("fragment (#...)"));
        assertThat(message(() -> UrlSource.parse("https:///r.yaml")), containsString("no host name"));
        assertThat(message(() -> UrlSource.parse("  ")), containsString("missing"));
        assertThat(message(() -> UrlSource.parse("https://exa mple.com/")), containsString("not valid"));
    }

    @Test
    public void aSecretInTheUrlIsNeverRepeatedInTheMessage() {
        assertThat(message(() -> UrlSource.parse("https://svc:s3cret@reliability.example.com/r.yaml")),
                is("the registry URL must not contain a user name or password: choose a credential instead"));
        // a syntax error names the position, not the input, which may hold the password
        assertThat(message(() -> UrlSource.parse("https://svc:s3cret@exa mple.com/")), not(containsString("s3cret")));
    }

    @Test
    public void aRegistryFileNeedsAnAbsolutePath() {
        Path absolute = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        assertThat(FileSource.parse(absolute + "/x/../critical-systems.yaml"),
                is(absolute.resolve("critical-systems.yaml")));
        assertThat(message(() -> FileSource.parse("critical-systems.yaml")),
                containsString("absolute path, not 'critical-systems.yaml'"));
        assertThat(message(() -> FileSource.parse("")), containsString("missing"));
    }

    private static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }
}
