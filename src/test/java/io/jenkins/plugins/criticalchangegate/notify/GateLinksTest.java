package io.jenkins.plugins.criticalchangegate.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/** A gate's links: each folder a {@code job/} segment, percent-encoded, under a root URL or relative to it. */
public class GateLinksTest {
    @Test
    public void underARootUrlWithOrWithoutItsSlash() {
        GateLinks links = GateLinks.fromRoot("https://ci.example.com", "team/hot fix", 7);
        assertThat(links.buildUrl(), is("https://ci.example.com/job/team/job/hot%20fix/7/"));
        assertThat(links.gateUrl(), is("https://ci.example.com/job/team/job/hot%20fix/7/critical-change-gate/"));
        assertThat(GateLinks.fromRoot("https://ci.example.com/", "team/hot fix", 7).gateUrl(), is(links.gateUrl()));
    }

    /** The controller's own pages and api/json link relative to its root: no leading slash. */
    @Test
    public void relativeToTheRoot() {
        GateLinks links = GateLinks.relative("team/a+b", 42);
        assertThat(links.buildUrl(), is("job/team/job/a%2Bb/42/"));
        assertThat(links.gateUrl(), is("job/team/job/a%2Bb/42/critical-change-gate/"));
    }
}
