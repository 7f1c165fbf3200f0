package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/** Whether two globs share a job: decided exactly, both ways round. */
public class JobPatternOverlapTest {
    private static boolean overlap(String a, String b) {
        boolean ab = JobPattern.compile(a).overlaps(JobPattern.compile(b));
        boolean ba = JobPattern.compile(b).overlaps(JobPattern.compile(a));
        assertThat("symmetric: " + a + " / " + b, ab, is(ba));
        return ab;
    }

    @Test
    public void globsThatShareAJobOverlap() {
        assertThat(overlap("retail/**", "retail/checkout/deploy"), is(true));
        assertThat(overlap("retail/checkout/**", "retail/checkout"), is(true)); // ** matches no segment too
        assertThat(overlap("*/deploy", "payments/*"), is(true)); // payments/deploy
        assertThat(overlap("payments/deploy-*", "payments/*-prod"), is(true)); // payments/deploy-prod
        assertThat(overlap("a/**/z", "**/b/**"), is(true)); // a/b/z
        assertThat(overlap("Retail/Checkout", "retail/checkout"), is(true)); // case is ignored
        assertThat(overlap("a*b*c", "*x*"), is(true)); // axbc
        assertThat(overlap("deploy-*-prod", "deploy-eu-*"), is(true)); // deploy-eu-prod
        assertThat(overlap("x*y", "xa"), is(false));
        assertThat(overlap("x*y", "xay"), is(true));
    }

    @Test
    public void globsWithoutACommonJobDoNotOverlap() {
        assertThat(overlap("retail/**", "payments/**"), is(false));
        assertThat(overlap("retail/checkout/deploy", "retail/checkout"), is(false));
        assertThat(overlap("payments/deploy-*", "payments/*-prod/x"), is(false)); // one segment more
        assertThat(overlap("a*", "b*"), is(false));
        assertThat(overlap("*a", "*b"), is(false));
        assertThat(overlap("x*y", "x*z"), is(false));
        assertThat(overlap("*/*", "*"), is(false)); // two segments, one segment
        assertThat(overlap("a/**/z", "a/**/y"), is(false));
    }
}
