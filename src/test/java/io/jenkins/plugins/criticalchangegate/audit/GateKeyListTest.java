package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** The keys a worker of {@code --outcome}'s first pass hands on with its batch: each as given, through growth. */
public class GateKeyListTest {
    @Test
    public void givesBackEachKeyItsBuildKeyAndTheirHashesThroughGrowthAndReuse() {
        GateKeyList list = new GateKeyList();
        for (int round = 0; round < 2; round++) { // a batch's list is cleared and reused
            list.clear();
            for (int i = 0; i < 300; i++) {
                byte[] key = ("job-" + i + "\n" + i + "\nsystem-é\nchg-" + round).getBytes(StandardCharsets.UTF_8);
                list.add(key, key.length, key.length - 6);
            }
            assertThat(list.size(), equalTo(300));
            ByteText key = new ByteText();
            for (int i = 0; i < 300; i++) {
                byte[] expected = ("job-" + i + "\n" + i + "\nsystem-é\nchg-" + round).getBytes(StandardCharsets.UTF_8);
                assertThat(list.key(i, key), equalTo(expected.length - 6));
                assertThat(new String(key.array(), 0, key.length(), StandardCharsets.UTF_8),
                        equalTo(new String(expected, StandardCharsets.UTF_8)));
                assertThat(list.hash(i), equalTo(KeySet.hash(expected, expected.length)));
                assertThat(list.buildHash(i), equalTo(KeySet.hash(expected, expected.length - 6)));
            }
        }
    }

    @Test
    public void refusesABuildKeyLongerThanItsGateKey() {
        GateKeyList list = new GateKeyList();
        byte[] key = "a\nb".getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> list.add(key, 3, 4));
        assertThat(e.getMessage(), containsString("a build key of 4 bytes in a gate key of 3"));
        assertThat(list.size(), equalTo(0));
    }
}
