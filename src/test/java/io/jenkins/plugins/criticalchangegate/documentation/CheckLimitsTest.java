package io.jenkins.plugins.criticalchangegate.documentation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;

/** The limits' defaults and validation, and the Authorization value's secrecy. */
public class CheckLimitsTest {
    @Test
    public void defaultsAreThoseOfTheIssue() {
        CheckLimits limits = CheckLimits.defaults();
        assertThat(limits.connectTimeout(), is(Duration.ofSeconds(5)));
        assertThat(limits.readTimeout(), is(Duration.ofSeconds(15)));
        assertThat(limits.maxRedirects(), is(3));
        assertThat(limits.maxBytes(), is(1024L * 1024));
        assertThat(limits.sectionMatchTimeout(), is(Duration.ofSeconds(2)));
        assertThat(limits.fetchBound(), is(Duration.ofSeconds(20)));
    }

    @Test
    public void refusesUnboundedOrNonsensicalLimits() {
        assertThrows(IllegalArgumentException.class, () -> CheckLimits.defaults().withReadTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> CheckLimits.defaults().withConnectTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> CheckLimits.defaults().withMaxRedirects(-1));
        assertThrows(IllegalArgumentException.class, () -> CheckLimits.defaults().withMaxRedirects(11));
        assertThrows(IllegalArgumentException.class, () -> CheckLimits.defaults().withMaxBytes(0));
        assertThrows(IllegalArgumentException.class,
                () -> CheckLimits.defaults().withMaxBytes(CheckLimits.MAX_BODY_LIMIT + 1));
        assertThat(CheckLimits.defaults().withMaxRedirects(0).maxRedirects(), is(0));
    }

    @Test
    public void authorizationHidesItsValueAndRefusesHeaderInjection() {
        Authorization auth = Authorization.of("Bearer abc123");
        assertThat(auth.toString(), not(containsString("abc123")));
        assertThat(auth.headerValue(), is("Bearer abc123"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Authorization.of("Bearer abc\r\nX-Evil: 1"));
        assertThat(e.getMessage(), not(containsString("abc")));
        assertThrows(IllegalArgumentException.class, () -> Authorization.of(" "));
        assertThrows(IllegalArgumentException.class, () -> Authorization.of("Bearer t\u00f6ken"));
        assertThat(Authorization.of("Basic dXNlcjpwYXNz\t").headerValue(), is("Basic dXNlcjpwYXNz"));
    }
}
