package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * {@link ScannedComposer} against SnakeYAML's own composer over SnakeYAML's own parser, on the corpus of
 * {@link FastEventParserDifferentialTest} (every registry of the tests and docs, the generated registries, the YAML
 * test suite, seeded mutants): for every text the fast parser accepts, the whole document's node tree composed
 * straight from the scan equals SnakeYAML's node for node (class, tag, value, scalar style, flow style, anchor,
 * merged, start and end line, column and index), or the composition gave up where SnakeYAML's composer would do
 * something it does not (a merge key). And the registry read with it (the streamed reading of the systems' entries)
 * equals the reading of SnakeYAML's whole tree ({@link StreamedReadingTest#compare}), for a good share of the texts.
 */
public class ScannedComposerDifferentialTest {
    private static final long SEED = 20261209L;
    private static final int VARIANTS = 12000;
    private static final LoaderOptions OPTIONS = RegistryParser.options(RegistryParser.Limits.DEFAULT);

    @Rule
    public Timeout timeout = Timeout.seconds(300);

    /** What the comparisons found. */
    private static final class Tally {
        int texts;
        int composed;
        int streamed;
    }

    @Test
    public void theRegistriesOfTheTestsAndDocsComposeAlikeAndAreStreamedFromTheScan() throws IOException {
        Map<String, String> registries = StreamedReadingTest.registries();
        Tally tally = new Tally();
        for (Map.Entry<String, String> registry : registries.entrySet()) {
            compare(registry.getKey(), registry.getValue(), tally);
        }
        for (String name : List.of("RegistryFixtures.VALID", "TimeRulesFixtures.VALID",
                "docs/examples/critical-systems.yaml", "docs/examples/safety-reset-90-days.yaml")) {
            Tally one = new Tally();
            compare(name, registries.get(name), one);
            assertThat(name + " composed from the scan", one.composed, is(1));
            assertThat(name + " streamed from the scan", one.streamed, is(1));
        }
    }

    @Test
    public void theGeneratedRegistriesComposeAlikeAndAreStreamedFromTheScan() {
        Tally tally = new Tally();
        compare("benchmark registry", FastEventParserDifferentialTest.benchmarkRegistry(2000), tally);
        compare("generated registry", StreamedReadingTest.generated(500), tally);
        assertThat(tally.composed, is(2));
        assertThat(tally.streamed, is(2));
    }

    @Test
    public void aMergeKeyGivesUpAndSnakeYamlReadsTheFile() throws RegistryException {
        String text = RegistryFixtures.withSystems("deny",
                "  - {id: a, name: A, tier: 1, owners: [t], approvers: [g1, g2], <<: {x: 1}}");
        FastEventParser fast = FastEventParser.accept(text, OPTIONS);
        assertThat(fast, notNullValue());
        try {
            new ScannedComposer(fast, OPTIONS.getNestingDepthLimit(), () -> { }).document();
            throw new AssertionError("a merge key was composed from the scan");
        } catch (StreamedReading.Abandoned expected) {
            // SnakeYAML's composer reads it (and the reading of its tree reports the key)
        }
        compare("merge key", text, new Tally());
        assertThat(RegistryFixtures.problems(text).toString(), org.hamcrest.Matchers.containsString("<<"));
    }

    @Test
    public void theYamlTestSuiteComposesAlike() throws IOException {
        Tally tally = new Tally();
        for (JsonNode c : Mutants.yamlTestSuite()) {
            compare(c.get("id").asText(), c.get("yaml").asText(), tally);
        }
        assertThat(tally.composed, greaterThan(0));
    }

    @Test
    public void mutantsComposeAlikeAndReadAlike() throws IOException {
        List<String> originals = new ArrayList<>(StreamedReadingTest.registries().values());
        originals.add(FastEventParserDifferentialTest.benchmarkRegistry(12));
        originals.add(StreamedReadingTest.generated(20));
        Tally tally = new Tally();
        Mutants.compare(originals, SEED, VARIANTS, 3, (name, text) -> {
            compare(name, text, tally);
            return true;
        });
        System.out.printf("ScannedComposer composed %d of %d mutants (%.1f%%); %d read as registries through it%n",
                tally.composed, VARIANTS, 100.0 * tally.composed / VARIANTS, tally.streamed);
        // many mutants stay in the subset, and some stay valid registries: both comparisons compare
        assertThat(tally.composed, greaterThan(VARIANTS / 5));
        assertThat(tally.streamed, greaterThan(VARIANTS / 50));
    }

    /** Compares the two compositions of one text, and the readings of the registry when it was composed. */
    private static void compare(String name, String text, Tally tally) {
        tally.texts++;
        FastEventParser fast = FastEventParser.accept(text, OPTIONS);
        if (fast == null) {
            StreamedReadingTest.compare(name, text);
            return;
        }
        List<String> expected;
        try {
            expected = nodes(new Composer(new ParserImpl(new StreamReader(text), OPTIONS), new PlainScalars(),
                    OPTIONS).getSingleNode());
        } catch (YAMLException e) {
            throw new AssertionError(name + ": the fast parser accepted what SnakeYAML's composer refuses", e);
        }
        List<String> actual;
        try {
            actual = nodes(new ScannedComposer(fast, OPTIONS.getNestingDepthLimit(), () -> { }).document());
        } catch (StreamedReading.Abandoned e) {
            assertThat(name + ": gave up without a merge key", expected.toString().contains("tag=tag:yaml.org,2002:"
                    + "merge"), is(true));
            StreamedReadingTest.compare(name, text);
            return;
        }
        assertThat(name, actual, is(expected));
        // the parser continues after the composed document, as after SnakeYAML's composer
        assertThat(name, fast.getEvent(), instanceOf(DocumentEndEvent.class));
        assertThat(name, fast.getEvent(), instanceOf(StreamEndEvent.class));
        tally.composed++;
        if (StreamedReadingTest.compare(name, text)) {
            tally.streamed++; // read as a registry, its systems' entries composed from the scan
        }
    }

    /** Every node in document order, with everything the readers and messages can read of it. */
    private static List<String> nodes(@CheckForNull Node root) {
        List<String> out = new ArrayList<>();
        add(root, 0, out);
        return out;
    }

    private static void add(@CheckForNull Node node, int depth, List<String> out) {
        if (node == null) {
            out.add(depth + " null");
            return;
        }
        StringBuilder line = new StringBuilder().append(depth).append(' ').append(node.getNodeId()).append(' ')
                .append(mark(node.getStartMark())).append('-').append(mark(node.getEndMark())).append(" tag=")
                .append(node.getTag()).append(" anchor=").append(node.getAnchor());
        if (node instanceof ScalarNode) {
            ScalarNode scalar = (ScalarNode) node;
            line.append(" value=[").append(scalar.getValue()).append("] style=").append(scalar.getScalarStyle());
        }
        if (node instanceof CollectionNode) {
            line.append(" flow=").append(((CollectionNode<?>) node).getFlowStyle());
        }
        if (node instanceof MappingNode) {
            line.append(" merged=").append(((MappingNode) node).isMerged());
        }
        out.add(line.toString());
        if (node instanceof SequenceNode) {
            for (Node item : ((SequenceNode) node).getValue()) {
                add(item, depth + 1, out);
            }
        }
        if (node instanceof MappingNode) {
            for (NodeTuple pair : ((MappingNode) node).getValue()) {
                add(pair.getKeyNode(), depth + 1, out);
                add(pair.getValueNode(), depth + 1, out);
            }
        }
    }

    private static String mark(@CheckForNull Mark mark) {
        return mark == null ? "null" : mark.getLine() + ":" + mark.getColumn() + "@" + mark.getIndex();
    }
}
