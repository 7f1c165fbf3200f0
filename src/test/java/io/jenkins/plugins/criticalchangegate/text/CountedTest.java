package io.jenkins.plugins.criticalchangegate.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class CountedTest {
    @Test
    public void singularForOneOnly() {
        assertThat(Counted.of(1, "system"), is("1 system"));
        assertThat(Counted.of(0, "system"), is("0 systems"));
        assertThat(Counted.of(2, "gate"), is("2 gates"));
        assertThat(Counted.of(-1, "record"), is("-1 records"));
        assertThat(Counted.of(1, "change", "changes"), is("1 change"));
        assertThat(Counted.of(3, "entry", "entries"), is("3 entries"));
    }
}
