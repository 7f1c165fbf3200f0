package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.Random;
import org.junit.Test;

public class CharacterCountsTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-._";

    @Test
    public void neverExceedsTwiceTheEditDistanceSoTheFilterHidesNoNearMiss() {
        Random random = new Random(7);
        int filtered = 0;
        for (int i = 0; i < 200_000; i++) {
            String a = randomId(random);
            String b = random.nextBoolean() ? randomId(random) : typo(a, random);
            int distance = EditDistance.bounded(a, b, 2);
            int difference = CharacterCounts.difference(CharacterCounts.of(a), CharacterCounts.of(b));
            if (distance <= 2) {
                assertThat(a + " / " + b, difference, lessThanOrEqualTo(2 * distance));
            }
            if (difference > 4) {
                filtered++;
            }
        }
        assertThat("the filter should skip most unrelated ids", filtered, greaterThan(50_000));
    }

    @Test
    public void capsCountsWithoutOverflowingIntoTheNextBucket() {
        long many = CharacterCounts.of("a".repeat(100));
        assertThat(CharacterCounts.difference(many, CharacterCounts.of("a".repeat(15))), is(0));
        assertThat(CharacterCounts.difference(many, CharacterCounts.of("")), is(15));
    }

    private static String randomId(Random random) {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** One or two random edits: insert, delete, substitute, or swap neighbours. */
    private static String typo(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0:
                    b.insert(at, c);
                    break;
                case 1:
                    if (b.length() > 0) {
                        b.deleteCharAt(at);
                    }
                    break;
                case 2:
                    if (b.length() > 0) {
                        b.setCharAt(at, c);
                    }
                    break;
                default:
                    if (at + 1 < b.length()) {
                        char t = b.charAt(at);
                        b.setCharAt(at, b.charAt(at + 1));
                        b.setCharAt(at + 1, t);
                    }
                    break;
            }
        }
        return b.toString();
    }
}
