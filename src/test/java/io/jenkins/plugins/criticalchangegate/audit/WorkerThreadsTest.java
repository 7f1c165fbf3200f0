package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.fail;

import org.junit.After;
import org.junit.Test;

/**
 * The thread count that verification and export read from their system properties: one rule for both (a whole number
 * of at least 1, anything else an error naming the property), where verification used to ignore a bad value silently
 * and export to refuse it.
 */
public class WorkerThreadsTest {
    /** A property of this test's own, so that no other test's verification or export sees it. */
    private static final String PROPERTY = WorkerThreadsTest.class.getName() + ".threads";

    @After
    public void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    public void theDefaultUnlessTheProperty() {
        assertThat(WorkerThreads.count(PROPERTY, 3), equalTo(3));
        System.setProperty(PROPERTY, " 5 ");
        assertThat(WorkerThreads.count(PROPERTY, 3), equalTo(5));
        System.setProperty(PROPERTY, "1");
        assertThat(WorkerThreads.count(PROPERTY, 3), equalTo(1));
    }

    @Test
    public void aValueThatIsNotACountIsAnErrorNamingTheProperty() {
        for (String bad : new String[] {"0", "-2", "two", "", "2.5"}) {
            System.setProperty(PROPERTY, bad);
            try {
                WorkerThreads.count(PROPERTY, 3);
                fail("accepted '" + bad + "'");
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage(), containsString(PROPERTY));
                assertThat(expected.getMessage(), containsString("'" + bad + "'"));
            }
        }
    }
}
