package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;

/** The inbox links a documentation page only when it is an http(s) URL (the journal keeps whatever was given). */
public class InboxGateLinkTest {
    @Test
    public void linksHttpAndHttpsPages() {
        assertThat(InboxGate.safeLink("https://wiki.example.com/CHG-1"), is("https://wiki.example.com/CHG-1"));
        assertThat(InboxGate.safeLink(" HTTP://intranet/CHG-1 "), is("HTTP://intranet/CHG-1"));
    }

    @Test
    public void refusesScriptDataAndRelativeTargets() {
        assertThat(InboxGate.safeLink("javascript:alert(document.cookie)"), is(nullValue()));
        assertThat(InboxGate.safeLink(" JavaScript:alert(1)"), is(nullValue()));
        assertThat(InboxGate.safeLink("data:text/html,<script>alert(1)</script>"), is(nullValue()));
        assertThat(InboxGate.safeLink("//evil.example.com/x"), is(nullValue()));
        assertThat(InboxGate.safeLink(null), is(nullValue()));
    }
}
