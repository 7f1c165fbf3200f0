package io.jenkins.plugins.criticalchangegate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.Assume;

/**
 * The texts the registry's differential tests compare two readings on ({@code FastEventParserDifferentialTest},
 * {@code ScannedComposerDifferentialTest}): mutants of registries, and the YAML test suite's cases.
 */
final class Mutants {
    /** A comparison of one text; returns whether the reading under test took it (rather than declining it). */
    interface Comparison {
        boolean compare(String name, String text);
    }

    private Mutants() {
    }

    /**
     * Compares {@code count} mutants of {@code originals}, each made from one of them by one to three edits: a
     * structural one ({@link StreamedReadingTest#structural}), a random one ({@link RegistryMutationTest#mutate}) or one
     * of the subset's edges ({@link FastEventParserDifferentialTest#targeted}), drawn from {@code kinds} (3: a third
     * each; 4: edges half the time). A failure names the seed, the variant and its text, so it can be replayed.
     *
     * @return how many mutants the reading under test took
     */
    static int compare(List<String> originals, long seed, int count, int kinds, Comparison comparison) {
        Random random = new Random(seed);
        int taken = 0;
        for (int i = 0; i < count; i++) {
            String text = originals.get(random.nextInt(originals.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                switch (random.nextInt(kinds)) {
                    case 0:
                        text = StreamedReadingTest.structural(text, random);
                        break;
                    case 1:
                        text = RegistryMutationTest.mutate(text, random);
                        break;
                    default:
                        text = FastEventParserDifferentialTest.targeted(text, random);
                        break;
                }
            }
            String name = "seed " + seed + ", variant " + i;
            try {
                taken += comparison.compare(name, text) ? 1 : 0;
            } catch (AssertionError | RuntimeException e) {
                AssertionError failure = new AssertionError(name + ": " + e.getMessage() + "\n--- variant ---\n" + text);
                failure.initCause(e);
                throw failure;
            }
        }
        return taken;
    }

    /** The YAML test suite's cases (each with its {@code id} and {@code yaml}); the test is skipped without it. */
    static JsonNode yamlTestSuite() throws IOException {
        Path corpus = RegistryFixtures.repositoryRoot().resolveSibling("shared/test-data/yaml-test-suite.json");
        Assume.assumeTrue("the YAML test suite is not next to this checkout", Files.isRegularFile(corpus));
        return new ObjectMapper().readTree(corpus.toFile()).get("cases");
    }
}
