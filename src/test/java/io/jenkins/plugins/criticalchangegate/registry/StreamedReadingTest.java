package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The streamed reading ({@link StreamedReading}: systems read entry by entry, no tree of the whole file) against the
 * reading of the whole tree, on every registry of the tests and docs, the YAML test suite and thousands of mutations
 * of them: wherever the streamed reading gives a registry, the tree's reading gives an equal one; wherever the tree's
 * reading reports problems, the streamed reading gives up (and {@link RegistryParser#parse} reports exactly the
 * tree's problems). And it does stream the registries written in the documented order, so these checks compare
 * something.
 */
public class StreamedReadingTest {
    private static final long SEED = 20261207L;
    private static final int VARIANTS = 4000;
    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

    @Rule
    public Timeout timeout = Timeout.seconds(300);

    @Test
    public void everyRegistryOfTheTestsAndDocsReadsAlikeStreamedAndAsATree() throws IOException {
        Map<String, String> registries = registries();
        List<String> streamed = new ArrayList<>();
        for (Map.Entry<String, String> registry : registries.entrySet()) {
            if (compare(registry.getKey(), registry.getValue())) {
                streamed.add(registry.getKey());
            }
        }
        // the fixtures and both examples are valid and in the documented order (docs' blocks are often parts of one)
        assertThat(streamed, hasItems("RegistryFixtures.VALID", "TimeRulesFixtures.VALID",
                "docs/examples/critical-systems.yaml", "docs/examples/safety-reset-90-days.yaml"));
        assertThat(registries.size(), greaterThan(5));
    }

    @Test
    public void registriesInTheDocumentedOrderAreStreamed() throws RegistryException {
        assertThat(streamed(RegistryFixtures.VALID), notNullValue());
        assertThat(streamed(TimeRulesFixtures.VALID), notNullValue());
        assertThat(streamed(generated(1000)).size(), is(1000));
    }

    /** defaults after systems: streaming would have read the systems without them, so the tree reads the file. */
    @Test
    public void defaultsAfterSystemsAreReadAsATreeAndStillApply() throws RegistryException {
        String text = "version: 1\nunknownSystems: deny\nsystems:\n  - id: a\n    name: A\n    tier: 1\n"
                + "    owners: [t]\n    approvers: [g1, g2]\ndefaults:\n  requiredApprovals: 1\n"
                + "  documentation:\n    allowedHosts: [wiki.example.com]\n";
        assertThat(streamed(text), nullValue());
        Registry registry = RegistryParser.parse(text, "reg.yaml");
        assertThat(registry.systems().get(0).requiredApprovals(), is(1));
        compare("defaults after systems", text);
    }

    /** The streamed reading gives up at the first problem; the tree's reading reports them all, as it always did. */
    @Test
    public void problemsAreAllReportedAsTheTreeFindsThem() throws RegistryException {
        String text = RegistryFixtures.withSystems("deny",
                "  - {id: a, name: A, tier: 1, owners: [t], approvers: [g1, g2]}",
                "  - {id: A, name: B, tier: 0, owners: [t], approvers: [g1, g1], bogus: 1}",
                "  - {id: c, name: C, tier: 1, owners: [t], approvers: [g1, g2], jobs: ['x/**', 'X/**']}");
        assertThat(streamed(text), nullValue());
        List<String> messages = RegistryFixtures.problems(text).stream()
                .map(p -> p.replaceFirst("^reg\\.yaml:\\d+:\\d+: ", "")).collect(Collectors.toList());
        assertThat(messages, contains(
                "duplicate id 'A': already used at line 7 (ids compare ignoring case)",
                "tier must be 1 or more, not 0",
                "'g1' is listed twice in approvers (first at line 8)",
                "unknown key 'bogus' in a system; did you mean 'jobs'?",
                "job pattern 'X/**' is already bound to system 'c' (line 9): a job can be bound to one system only"));
        compare("problems", text);
    }

    @Test
    public void mutantsReadAlikeStreamedAndAsATree() throws IOException {
        List<String> originals = new ArrayList<>(registries().values());
        originals.add(generated(20));
        Random random = new Random(SEED);
        int streamed = 0;
        int given = 0;
        for (int i = 0; i < VARIANTS; i++) {
            String text = originals.get(random.nextInt(originals.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                text = random.nextInt(3) == 0 ? structural(text, random) : RegistryMutationTest.mutate(text, random);
            }
            try {
                streamed += compare("seed " + SEED + ", variant " + i, text) ? 1 : 0;
            } catch (AssertionError | RuntimeException e) {
                AssertionError failure = new AssertionError("seed " + SEED + ", variant " + i + ": " + e.getMessage()
                        + "\n--- variant ---\n" + text);
                failure.initCause(e);
                throw failure;
            }
            given++;
        }
        // some mutants stay valid and streamable (comments, quotes, order of keys within a system...)
        assertThat(streamed, greaterThan(given / 20));
    }

    @Test
    public void theYamlTestSuiteReadsAlike() throws IOException {
        Path corpus = RegistryFixtures.repositoryRoot().resolveSibling("shared/test-data/yaml-test-suite.json");
        org.junit.Assume.assumeTrue("the YAML test suite is not next to this checkout", Files.isRegularFile(corpus));
        for (JsonNode c : new ObjectMapper().readTree(corpus.toFile()).get("cases")) {
            compare(c.get("id").asText(), c.get("yaml").asText());
        }
    }

    /**
     * Compares the two readings of one text.
     *
     * @return whether it was streamed
     */
    static boolean compare(String name, String text) {
        Object tree;
        try {
            tree = RegistryParser.parse(text, "reg.yaml", RegistryParser.Limits.DEFAULT, FormatVersion1.MAX_TIMEOUT,
                    root -> { });
        } catch (RegistryException e) {
            tree = e.problems().toString();
        }
        Object parsed;
        try {
            parsed = RegistryParser.parse(text, "reg.yaml");
        } catch (RegistryException e) {
            parsed = e.problems().toString();
        }
        Object streamed;
        try {
            streamed = streamed(text);
        } catch (RegistryException e) {
            streamed = e.problems().toString(); // only what is checked before any YAML is read
        }
        assertSame(name + ": what parse gives", parsed, tree);
        if (streamed != null) {
            assertSame(name + ": the streamed reading", streamed, tree);
        }
        return streamed instanceof Registry;
    }

    /** The same problems, or registries with equal systems (their equals covers every field) and rules. */
    private static void assertSame(String what, Object actual, Object expected) {
        if (!(expected instanceof Registry) || !(actual instanceof Registry)) {
            assertThat(what, actual.toString(), is(expected.toString()));
            return;
        }
        Registry a = (Registry) actual;
        Registry e = (Registry) expected;
        assertThat(what, a.unknownSystems(), is(e.unknownSystems()));
        assertThat(what, a.systems(), is(e.systems()));
        assertThat(what, a.timeRules().overlays().toString(), is(e.timeRules().overlays().toString()));
        assertThat(what, a.timeRules().freezes().toString(), is(e.timeRules().freezes().toString()));
        assertThat(what, a.timeRules().windows().toString(), is(e.timeRules().windows().toString()));
        for (CriticalSystem system : e.systems()) {
            for (String job : system.jobs()) {
                String example = job.replace("**", "x").replace("*", "x");
                assertThat(what + ": job " + example, a.resolve(system.id().value(), example).toString(),
                        is(e.resolve(system.id().value(), example).toString()));
            }
        }
    }

    private static Registry streamed(String text) throws RegistryException {
        return RegistryParser.streamed(text, "reg.yaml", RegistryParser.Limits.DEFAULT, FormatVersion1.MAX_TIMEOUT);
    }

    /** Mutations of the document's structure: sections moved, keys repeated, anchors, aliases, tags, comments. */
    static String structural(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int top = topLevelLine(lines, random);
        switch (random.nextInt(6)) {
            case 0: { // move a top-level section (with its block) to the end
                int end = top + 1;
                while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).startsWith("-"))) {
                    end++;
                }
                List<String> block = new ArrayList<>(lines.subList(top, end));
                lines.subList(top, end).clear();
                lines.addAll(block);
                break;
            }
            case 1: // repeat a top-level line
                lines.add(random.nextInt(lines.size() + 1), lines.get(top));
                break;
            case 2: // an anchor on a list entry, and an alias of it as another
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("  - ")) {
                        lines.set(i, "  - &e" + i + " " + lines.get(i).substring(4));
                        lines.add(i + 1 + random.nextInt(lines.size() - i), "  - *e" + i);
                        break;
                    }
                }
                break;
            case 3: // a tag on a value
                int at = random.nextInt(lines.size());
                lines.set(at, lines.get(at).replaceFirst(": ", random.nextBoolean() ? ": !!str " : ": !custom "));
                break;
            case 4: // a comment line, or a trailing comment
                int c = random.nextInt(lines.size());
                lines.add(c, " ".repeat(random.nextInt(5)) + "# a comment: - [x]");
                break;
            default: // an anchor on the systems list itself, or on a top-level value
                lines.set(top, lines.get(top).replaceFirst(":( |$)", ": &top "));
                break;
        }
        return String.join("\n", lines);
    }

    private static int topLevelLine(List<String> lines, Random random) {
        List<Integer> tops = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty() && Character.isLetter(lines.get(i).charAt(0))) {
                tops.add(i);
            }
        }
        return tops.isEmpty() ? 0 : tops.get(random.nextInt(tops.size()));
    }

    /** The registries of the tests (fixtures) and docs (examples, and the YAML blocks of docs/*.md that are). */
    static Map<String, String> registries() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        found.put("RegistryFixtures.VALID", RegistryFixtures.VALID);
        found.put("TimeRulesFixtures.VALID", TimeRulesFixtures.VALID);
        Path root = RegistryFixtures.repositoryRoot();
        try (Stream<Path> examples = Files.list(root.resolve("docs/examples"))) {
            for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .collect(Collectors.toList())) {
                found.put(root.relativize(example).toString(), Files.readString(example));
            }
        }
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
                Matcher block = YAML_BLOCK.matcher(Files.readString(doc));
                int n = 0;
                while (block.find()) {
                    n++;
                    if (block.group(1).contains("systems:")) {
                        found.put(root.relativize(doc) + " block " + n, block.group(1));
                    }
                }
            }
        }
        return found;
    }

    /** A registry such as the benchmark's: {@code systems} entries of every shape of job glob. */
    static String generated(int systems) {
        StringBuilder out = new StringBuilder("version: 1\nunknownSystems: allow\ndefaults:\n  requiredApprovals: 2\n"
                + "  documentation:\n    allowedHosts: [wiki.example.com, \"*.docs.example.com\"]\nsystems:\n");
        for (int i = 0; i < systems; i++) {
            String folder = "org-" + i % 50 + "/system-" + i;
            out.append("  - id: system-").append(i).append("\n    name: System ").append(i)
                    .append("\n    tier: ").append(1 + i % 3).append("\n    owners: [team-").append(i % 7)
                    .append("]\n    approvers: [leads-").append(i % 3).append(", sre-oncall, \"user:owner").append(i)
                    .append("\"]\n    jobs: [\"").append(folder).append(i % 2 == 0 ? "/**\"" : "/deploy-*\"")
                    .append(i < 3 ? ", \"*/legacy-" + i + "\"" : "").append("]\n");
        }
        return out.toString();
    }
}
