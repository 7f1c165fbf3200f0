package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class EditDistanceTest {
    @Test
    public void countsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(EditDistance.bounded("checkout", "checkout", 2), is(0));
        assertThat(EditDistance.bounded("checkout", "chekcout", 2), is(1)); // swap
        assertThat(EditDistance.bounded("checkout", "checkou", 2), is(1));
        assertThat(EditDistance.bounded("checkout", "checkouts", 2), is(1));
        assertThat(EditDistance.bounded("checkout", "chackout", 2), is(1));
        assertThat(EditDistance.bounded("checkout", "chackoutt", 2), is(2));
        assertThat(EditDistance.bounded("", "ab", 2), is(2));
    }

    @Test
    public void stopsPastTheLimit() {
        assertThat(EditDistance.bounded("checkout", "payments", 2), is(3));
        assertThat(EditDistance.bounded("a", "abcdef", 2), is(3));
        assertThat(EditDistance.bounded("kitten", "sitting", 3), is(3));
        assertThat(EditDistance.bounded("kitten", "sitting", 2), is(3));
    }
}
