package io.jenkins.plugins.criticalchangegate.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.RegistryLint;
import java.time.Duration;
import org.junit.Test;

/**
 * {@code registry lint} checks approvalTimeout against Jenkins' default maximum when not told another: the tool cannot
 * depend on this package, so the two constants are kept equal here (issue 17).
 */
public class LintMaximumTest {
    @Test
    public void lintsDefaultMaximumIsTheConfigurationsDefault() {
        assertThat(RegistryLint.JENKINS_DEFAULT_MAX_APPROVAL_TIMEOUT,
                is(Duration.ofDays(SettingRules.DEFAULT_MAX_APPROVAL_TIMEOUT_DAYS)));
    }
}
