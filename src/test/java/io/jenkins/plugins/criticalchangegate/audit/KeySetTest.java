package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

/** {@link KeySet} against {@link HashSet}: the same answers, through growth, for ASCII and other text. */
public class KeySetTest {
    @Test
    public void answersAsAHashSetDoes() {
        Random random = new Random(17);
        String[] alphabet = {"a", "B", "/", "\n", "7", "é", "😀", "İ", "\u0000", "x".repeat(300)};
        Set<String> expected = new HashSet<>();
        KeySet actual = new KeySet();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                key.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextBoolean()) {
                assertThat(key.toString(), actual.add(key), equalTo(expected.add(key.toString())));
            } else {
                assertThat(key.toString(), actual.contains(key), equalTo(expected.contains(key.toString())));
            }
        }
        assertThat(actual.size(), equalTo(expected.size()));
        for (String key : expected) {
            assertThat(key, actual.contains(new StringBuilder(key)), equalTo(true));
        }
        assertThat(actual.contains("not there at all"), equalTo(false));
    }
}
