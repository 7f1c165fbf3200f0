package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class JobPatternTest {
    private static boolean matches(String glob, String job) {
        return JobPattern.compile(glob).matches(job);
    }

    @Test
    public void aSingleStarStaysWithinOneFolder() {
        assertThat(matches("retail/*", "retail/checkout"), is(true));
        assertThat(matches("retail/*", "retail/checkout/deploy"), is(false));
        assertThat(matches("retail/deploy-*", "retail/deploy-prod"), is(true));
        assertThat(matches("retail/deploy-*", "retail/deploy-"), is(true));
        assertThat(matches("retail/*-prod", "retail/deploy-prod"), is(true));
        assertThat(matches("retail/*-prod", "retail/deploy-staging"), is(false));
        assertThat(matches("a*b*c", "aXXbYYc"), is(true));
        assertThat(matches("a*b*c", "aXXbYY"), is(false));
    }

    @Test
    public void aDoubleStarSpansZeroOrMoreFolders() {
        assertThat(matches("retail/**", "retail"), is(true));
        assertThat(matches("retail/**", "retail/checkout"), is(true));
        assertThat(matches("retail/**", "retail/checkout/pr/PR-1"), is(true));
        assertThat(matches("retail/**", "retailer/checkout"), is(false));
        assertThat(matches("**/deploy", "deploy"), is(true));
        assertThat(matches("**/deploy", "a/b/c/deploy"), is(true));
        assertThat(matches("**/deploy", "a/b/c/deploy/x"), is(false));
        assertThat(matches("a/**/z", "a/z"), is(true));
        assertThat(matches("a/**/z", "a/b/c/z"), is(true));
        assertThat(matches("**", "anything/at/all"), is(true));
    }

    @Test
    public void matchingIgnoresCase() {
        assertThat(matches("Retail/Checkout/**", "RETAIL/checkout/Deploy"), is(true));
    }

    @Test
    public void manyStarsNeverBacktrackExponentially() {
        String glob = "**/" + "*a".repeat(30) + "/" + "**/".repeat(40) + "z";
        String job = "x/" + "a".repeat(200) + "b/" + "y/".repeat(100) + "q";
        assertThat(matches(glob, job), is(false)); // returns at once: the test's own timeout would catch a blow-up
    }

    @Test
    public void theLiteralPrefixIsWhatTheIndexLooksUp() {
        assertThat(JobPattern.compile("Retail/Checkout/**").literalPrefix(), contains("retail", "checkout"));
        assertThat(JobPattern.compile("retail/deploy-*").literalPrefix(), contains("retail"));
        assertThat(JobPattern.compile("*/deploy").literalPrefix(), is(empty()));
        assertThat(JobPattern.compile("search-deploy").literalPrefix(), contains("search-deploy"));
    }

    @Test
    public void refusesMalformedGlobsNamingTheProblem() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> JobPattern.compile(" ")).getMessage(),
                is("a job pattern must not be empty"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> JobPattern.compile("a//b")).getMessage(),
                containsString("empty segment"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> JobPattern.compile("a/")).getMessage(),
                containsString("must not start or end with '/'"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> JobPattern.compile("a/b**")).getMessage(),
                containsString("'**' must be a whole segment"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> JobPattern.compile("a\u0007b")).getMessage(),
                containsString("control character"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> JobPattern.compile("a".repeat(1001)))
                .getMessage(), containsString("at most 1000"));
    }
}
