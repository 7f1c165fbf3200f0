package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.blankOrNullString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Thousands of randomly corrupted variants of a valid registry, seeded so that a failure can be replayed: each one
 * either parses or fails with the project's own {@link RegistryException}, never another exception and never a
 * hang. A failure message carries the seed, the variant's number and its text.
 */
public class RegistryMutationTest {
    private static final long SEED = 20261126L;
    private static final int VARIANTS = 3000;
    private static final String[] SNIPPETS = {"*a", "&a ", "!!binary ", "!custom ", "<<: ", "- ", "{", "}", "[", "]",
        ": ", "\n  ", "\n", "'", "\"", "\\", "\u0000", "\u0085", "\t", "999999999999", "-1", "---\n", "...\n", "? ",
        "|\n", ">-\n", "#", "%YAML 1.1\n", "user:", "**", "/", "~", "null", "yes", "\u00e9", "\ud83d\ude00", "\ud800",
        "\ufeff", "&b [*b]", ":8443", "*.", "//", "0x1F", "1e9", "24h", "0m"};

    @Rule
    public Timeout timeout = Timeout.seconds(120);

    @Test
    public void corruptedRegistriesOnlyEverFailWithRegistryExceptions() {
        corruptedVariantsOnlyEverFailWithRegistryExceptions(RegistryFixtures.VALID, SEED);
    }

    /** The readers of overlays, freezes and windows (dates, zones, selections, tightenings) hold up the same way. */
    @Test
    public void corruptedTimeRulesOnlyEverFailWithRegistryExceptions() {
        corruptedVariantsOnlyEverFailWithRegistryExceptions(TimeRulesFixtures.VALID, SEED + 1);
    }

    private static void corruptedVariantsOnlyEverFailWithRegistryExceptions(String original, long seed) {
        Random random = new Random(seed);
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < VARIANTS; i++) {
            boolean asBytes = random.nextInt(4) == 0;
            String text = null;
            byte[] bytes = null;
            if (asBytes) {
                bytes = mutateBytes(original.getBytes(StandardCharsets.UTF_8), random);
            } else {
                text = original;
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    text = mutate(text, random);
                }
            }
            try {
                Registry registry = bytes != null ? RegistryParser.parse(bytes, "mutant.yaml")
                        : RegistryParser.parse(text, "mutant.yaml");
                assertThat(registry.size(), greaterThanOrEqualTo(1));
                valid++;
            } catch (RegistryException e) {
                for (RegistryProblem problem : e.problems()) {
                    assertThat(problem.message(), not(blankOrNullString()));
                    assertThat(problem.line(), greaterThanOrEqualTo(1));
                    assertThat(problem.column(), greaterThanOrEqualTo(1));
                }
                invalid++;
            } catch (RuntimeException | Error e) {
                AssertionError failure = new AssertionError("seed " + seed + ", variant " + i + ": "
                        + e + "\n--- variant ---\n" + (text != null ? text : Arrays.toString(bytes)));
                failure.initCause(e);
                throw failure;
            }
        }
        // the corruption must be real (most variants invalid) but not total (some survive a harmless change)
        assertThat(invalid, greaterThan(VARIANTS / 2));
        assertThat(valid, greaterThan(0));
    }

    static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return SNIPPETS[random.nextInt(SNIPPETS.length)];
        }
        int at = random.nextInt(text.length());
        switch (random.nextInt(8)) {
            case 0: // replace one character
                return text.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)].charAt(0)
                        + text.substring(at + 1);
            case 1: // delete a run
                return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(12)));
            case 2: // insert a snippet
                return text.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)] + text.substring(at);
            case 3: // duplicate a line
            case 4: // swap two lines
            case 5: // re-indent a line
                return mutateLines(text, random);
            case 6: // truncate
                return text.substring(0, at);
            default: // change a digit or a word's case
                char c = text.charAt(at);
                char replaced = Character.isDigit(c) ? (char) ('0' + random.nextInt(10))
                        : Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return text.substring(0, at) + replaced + text.substring(at + 1);
        }
    }

    private static String mutateLines(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0:
                lines.add(b, lines.get(a));
                break;
            case 1:
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                break;
            default:
                String line = lines.get(a);
                lines.set(a, random.nextBoolean() ? " ".repeat(1 + random.nextInt(4)) + line : line.stripLeading());
                break;
        }
        return String.join("\n", lines);
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(copy.length);
            copy[at] = random.nextBoolean() ? (byte) (0x80 + random.nextInt(0x80)) : (byte) random.nextInt(0x100);
        }
        return copy;
    }
}
