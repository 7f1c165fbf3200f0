package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;

/** The gate page and the inbox link a documentation page only when it is an http(s) URL (a Jenkinsfile or the journal may hold anything). */
public class LinkTargetTest {
    @Test
    public void linksHttpAndHttpsPages() {
        assertThat(LinkTarget.http("https://wiki.example.com/CHG-1"), is("https://wiki.example.com/CHG-1"));
        assertThat(LinkTarget.http(" HTTP://intranet/CHG-1 "), is("HTTP://intranet/CHG-1"));
    }

    @Test
    public void refusesScriptDataAndRelativeTargets() {
        assertThat(LinkTarget.http("javascript:alert(document.cookie)"), is(nullValue()));
        assertThat(LinkTarget.http(" JavaScript:alert(1)"), is(nullValue()));
        assertThat(LinkTarget.http("data:text/html,<script>alert(1)</script>"), is(nullValue()));
        assertThat(LinkTarget.http("//evil.example.com/x"), is(nullValue()));
        assertThat(LinkTarget.http(null), is(nullValue()));
    }
}
