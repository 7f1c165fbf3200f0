package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * {@link FastEventParser} against SnakeYAML's {@link ParserImpl}, on every registry of the tests and docs, the
 * benchmark's generated registry, the YAML test suite and thousands of seeded mutations: for every text, either the
 * fast parser declines, or its events are SnakeYAML's exactly (kind, value, style, implicitness, flow style, anchor,
 * tag, start and end line, column and index); and wherever SnakeYAML throws, the fast parser has declined. The
 * registry decides who must approve: a difference between the two parsers would be a way round it (issue 17).
 */
public class FastEventParserDifferentialTest {
    private static final long SEED = 20261208L;
    private static final int VARIANTS = 20000;
    private static final LoaderOptions OPTIONS = RegistryParser.options(RegistryParser.Limits.DEFAULT);

    @Rule
    public Timeout timeout = Timeout.seconds(300);

    @Test
    public void theRegistriesOfTheTestsAndDocsAreReadAlikeAndAccepted() throws IOException {
        Map<String, String> registries = StreamedReadingTest.registries();
        for (Map.Entry<String, String> registry : registries.entrySet()) {
            compare(registry.getKey(), registry.getValue());
        }
        // what real registries are written in is read by the fast parser, so this test compares something
        for (String name : List.of("RegistryFixtures.VALID", "TimeRulesFixtures.VALID",
                "docs/examples/critical-systems.yaml", "docs/examples/safety-reset-90-days.yaml")) {
            assertThat(name, compare(name, registries.get(name)), is(true));
        }
    }

    @Test
    public void theBenchmarksGeneratedRegistryIsReadAlikeAndAccepted() {
        assertThat(compare("benchmark registry", benchmarkRegistry(3000)), is(true));
        assertThat(compare("generated registry", StreamedReadingTest.generated(500)), is(true));
    }

    @Test
    public void theRegistryParserUsesTheFastParserForRegistriesInTheSubset() {
        assertThat(RegistryEvents.parser(benchmarkRegistry(10), OPTIONS), instanceOf(FastEventParser.class));
        assertThat(RegistryEvents.parser("a: &x 1\nb: *x\n", OPTIONS), instanceOf(ParserImpl.class));
    }

    @Test
    public void whatIsOutsideTheSubsetIsDeclined() {
        for (String text : List.of("", "# only a comment\n", "--- \na: 1\n", "a: 1\n...\n", "a:\tb\n", "a: b\r\n",
                "a: &x 1\n", "a: *x\n", "a: !!str 1\n", "? a\n: b\n", "a: |\n  b\n", "a: >\n  b\n",
                "%YAML 1.2\n---\na: 1\n", "a: \"b\\n\"\n", "a: 'it''s'\n", "a: b\n  c\n", "a: [b,\nc]\n",
                "a: [b\n  , c]\n", "a: {b:\n  c}\n", "a: [b, # c\n  d]\n", "a: b: c\n", "a: b#c\n",
                "- a\n", "a: 1\n---\nb: 2\n", "\ufeffa: 1\n", "a: \ud83d\ude00\n", "a: [b, ]\n", "a: {b}\n",
                "a: {b: }\n", "a: [b: c]\n", "a:\n-\n", "a: http://x:\n", "[a]: b\n", "a: b\n c: d\n",
                "a: {" + "k".repeat(1100) + ": v}\n", "k".repeat(1100) + ": v\n")) {
            assertThat(NodeValues.printable(text, 100), FastEventParser.accept(text, OPTIONS), nullValue());
            compare(text, text);
        }
    }

    @Test
    public void theYamlTestSuiteIsReadAlikeOrDeclined() throws IOException {
        int accepted = 0;
        for (JsonNode c : Mutants.yamlTestSuite()) {
            accepted += compare(c.get("id").asText(), c.get("yaml").asText()) ? 1 : 0;
        }
        assertThat(accepted, greaterThan(0));
    }

    @Test
    public void mutantsAreReadAlikeOrDeclined() throws IOException {
        List<String> originals = new ArrayList<>(StreamedReadingTest.registries().values());
        originals.add(benchmarkRegistry(12));
        int accepted = Mutants.compare(originals, SEED, VARIANTS, 4, FastEventParserDifferentialTest::compare);
        System.out.printf("FastEventParser accepted %d of %d mutants (%.1f%%)%n", accepted, VARIANTS,
                100.0 * accepted / VARIANTS);
        // many mutants stay in the subset (quotes, comments, spaces, empty values...): the comparison compares
        assertThat(accepted, greaterThan(VARIANTS / 10));
    }

    /**
     * Compares the two parsers on one text.
     *
     * @return whether the fast parser accepted it
     */
    private static boolean compare(String name, String text) {
        List<String> expected;
        try {
            expected = events(new ParserImpl(new StreamReader(text), OPTIONS));
        } catch (YAMLException e) {
            expected = null;
        }
        FastEventParser fast = FastEventParser.accept(text, OPTIONS);
        if (fast == null) {
            return false;
        }
        assertThat(name + ": SnakeYAML refuses what the fast parser accepted", expected, notNullValue());
        List<String> actual = events(fast);
        assertThat(name, String.join("\n", actual), is(String.join("\n", expected)));
        return true;
    }

    /** Every event, with everything the composer and our messages can read of it. */
    private static List<String> events(Parser parser) {
        List<String> events = new ArrayList<>();
        while (parser.peekEvent() != null) {
            Event.ID id = parser.peekEvent().getEventId();
            assertThat(parser.checkEvent(id), is(true));
            Event event = parser.getEvent();
            StringBuilder line = new StringBuilder(event.getClass().getSimpleName()).append(' ').append(id)
                    .append(' ').append(mark(event.getStartMark())).append('-').append(mark(event.getEndMark()));
            if (event instanceof NodeEvent) {
                line.append(" anchor=").append(((NodeEvent) event).getAnchor());
            }
            if (event instanceof ScalarEvent) {
                ScalarEvent scalar = (ScalarEvent) event;
                line.append(" tag=").append(scalar.getTag()).append(" value=[").append(scalar.getValue())
                        .append("] style=").append(scalar.getScalarStyle()).append(" implicit=")
                        .append(scalar.getImplicit().canOmitTagInPlainScalar())
                        .append(scalar.getImplicit().canOmitTagInNonPlainScalar());
            }
            if (event instanceof CollectionStartEvent) {
                CollectionStartEvent start = (CollectionStartEvent) event;
                line.append(" tag=").append(start.getTag()).append(" implicit=").append(start.getImplicit())
                        .append(" flow=").append(start.getFlowStyle());
            }
            if (event instanceof DocumentStartEvent) {
                DocumentStartEvent start = (DocumentStartEvent) event;
                line.append(" explicit=").append(start.getExplicit()).append(" version=").append(start.getVersion())
                        .append(" tags=").append(start.getTags());
            }
            if (event instanceof DocumentEndEvent) {
                line.append(" explicit=").append(((DocumentEndEvent) event).getExplicit());
            }
            events.add(line.toString());
        }
        assertThat(parser.checkEvent(Event.ID.StreamEnd), is(false));
        assertThat(parser.getEvent(), nullValue());
        return events;
    }

    private static String mark(@CheckForNull Mark mark) {
        return mark == null ? "null" : mark.getLine() + ":" + mark.getColumn() + "@" + mark.getIndex();
    }

    /**
     * Edits of one line of the kinds the subset's edges are made of: indentation, quotes, colons, hashes, brackets,
     * commas, tabs, unicode, empty values, keys without values, nested entries, trailing spaces, comments after values,
     * quoted keys.
     */
    static String targeted(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        int colon = line.indexOf(": ");
        int indent = line.length() - line.stripLeading().length();
        String[] inserts = {" ", "  ", "'", "\"", ":", ": ", " #", "#", "[", "]", "{", "}", ",", ", ", "\t", "\u00e9",
            "\u2028", "\u00a0", "-", "- ", "?", "\\", "''", "\"\"", " # x: [y]", "*", "&", "!", "|", "@", "`", "%"};
        switch (random.nextInt(13)) {
            case 0: // indentation one step off
                line = random.nextBoolean() ? " " + line : line.substring(Math.min(1, indent));
                break;
            case 1: // a key without its value
                line = colon > 0 ? line.substring(0, colon + 1) : line + ":";
                break;
            case 2: // the value quoted
                if (colon > 0) {
                    char q = random.nextBoolean() ? '\'' : '"';
                    line = line.substring(0, colon + 2) + q + line.substring(colon + 2) + q;
                }
                break;
            case 3: // the key quoted
                if (colon > 0) {
                    char q = random.nextBoolean() ? '\'' : '"';
                    String key = line.substring(indent, colon);
                    line = line.substring(0, indent) + q + key + q + line.substring(colon);
                }
                break;
            case 4: // trailing spaces
                line = line + " ".repeat(1 + random.nextInt(3));
                break;
            case 5: // a comment after the value
                line = line + (random.nextBoolean() ? " # note: [x], {y}" : "#x");
                break;
            case 6: // an entry nested one level deeper
                line = line.substring(0, indent) + "- " + line.substring(indent);
                break;
            case 7: // a value as a nested block
                if (colon > 0) {
                    line = line.substring(0, colon + 1) + "\n" + " ".repeat(indent + 2) + line.substring(colon + 2);
                }
                break;
            case 8: // the value as a flow list
                if (colon > 0) {
                    line = line.substring(0, colon + 2) + "[" + line.substring(colon + 2) + ", x]";
                }
                break;
            case 10: // a flow collection over lines
                String gap = "\n" + " ".repeat(random.nextInt(indent + 5));
                line = random.nextBoolean() ? line.replaceFirst(", ", "," + gap)
                        : line.replaceFirst("([\\[{]) ?", "$1" + gap);
                break;
            case 9: // a blank or comment line
                lines.add(at, random.nextBoolean() ? " ".repeat(random.nextInt(6)) : "  # - a: [b]");
                return String.join("\n", lines);
            default: { // a character of the subset's edges anywhere in the line
                int i = random.nextInt(line.length() + 1);
                line = line.substring(0, i) + inserts[random.nextInt(inserts.length)] + line.substring(i);
                break;
            }
        }
        lines.set(at, line);
        return String.join("\n", lines);
    }

    /** A copy of central/benchmarks' GeneratedRegistry.yaml (that module is not on the tests' class path). */
    static String benchmarkRegistry(int systems) {
        Random random = new Random(335);
        StringBuilder out = new StringBuilder(systems * 220 + 512);
        out.append("version: 1\nunknownSystems: allow\ndefaults:\n  requiredApprovals: 2\n  approvalTimeout: 24h\n")
                .append("  documentation:\n    allowedHosts: [wiki.example.com, \"*.docs.example.com\"]\n")
                .append("systems:\n");
        for (int i = 0; i < systems; i++) {
            String id = String.format("system-%06d", i);
            String folder = "org-" + (i % 50) + "/" + id;
            out.append("  - id: ").append(id).append('\n')
                    .append("    name: System ").append(i).append('\n')
                    .append("    tier: ").append(1 + random.nextInt(3)).append('\n')
                    .append("    owners: [team-").append(i % 700).append("]\n")
                    .append("    approvers: [leads-").append(i % 300).append(", sre-oncall, \"user:owner")
                    .append(i).append("\"]\n")
                    .append("    jobs: [");
            switch (i % 3) {
                case 0:
                    out.append('"').append(folder).append("/**\"");
                    break;
                case 1:
                    out.append('"').append(folder).append("/deploy-*\"");
                    break;
                default:
                    out.append('"').append(folder).append("/release\"");
                    break;
            }
            if (i < 5) {
                out.append(", \"*/legacy-").append(i).append('"');
            }
            out.append("]\n");
        }
        return out.toString();
    }
}
