package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** Documents built to exhaust a parser: each gets one clear problem, quickly, never a hang or an OutOfMemoryError. */
public class RegistryLimitsTest {
    /** Generous: each test takes well under a second; only a hang would reach this. */
    @Rule
    public Timeout timeout = Timeout.seconds(60);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void refusesAHugeTextWithoutParsingIt() {
        char[] huge = new char[RegistryParser.Limits.DEFAULT.maxCodePoints + 1];
        Arrays.fill(huge, '#');
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryParser.parse(new String(huge), "huge.yaml"));
        assertThat(e.getMessage(), is("huge.yaml:1:1: the file is too large (" + huge.length + " characters, at most "
                + RegistryParser.Limits.DEFAULT.maxCodePoints + " are read)"));
    }

    @Test
    public void refusesAHugeFileWithoutReadingItAll() throws Exception {
        Path file = tmp.newFile("huge.yaml").toPath();
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(RegistryParser.maxFileBytes() + 1); // sparse: costs no disk
        }
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(file));
        assertThat(e.getMessage(), startsWith(file + ":1:1: cannot read the file: java.io.IOException: larger than "
                + RegistryParser.maxFileBytes() + " bytes"));
        assertThat(Files.size(file), is(RegistryParser.maxFileBytes() + 1));
    }

    @Test
    public void refusesDeepNesting() {
        String deep = "version: 1\nunknownSystems: allow\nsystems: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(deep, "deep.yaml"));
        assertThat(e.problems(), hasSize(1));
        assertThat(e.getMessage(), startsWith("deep.yaml:3:"));
        assertThat(e.getMessage(), containsString("refused: Nesting Depth exceeded max "
                + RegistryParser.Limits.DEFAULT.maxNesting));
        StringBuilder block = new StringBuilder("version: 1\nsystems:\n");
        for (int i = 0; i < 500; i++) {
            block.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        e = assertThrows(RegistryException.class, () -> RegistryParser.parse(block.toString(), "deep.yaml"));
        assertThat(e.getMessage(), containsString("refused: Nesting Depth exceeded"));
    }

    @Test
    public void refusesAliasBombs() {
        StringBuilder bomb = new StringBuilder("version: 1\nunknownSystems: allow\na0: &a0 [x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            String prev = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    prev, prev, prev, prev, prev, prev, prev, prev)).append("]\n");
        }
        bomb.append("systems: *a29\n");
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(bomb.toString(),
                "bomb.yaml"));
        assertThat(e.problems(), hasSize(1));
        assertThat(e.getMessage(), containsString("refused: Number of aliases for non-scalar nodes exceeds the"
                + " specified max=" + RegistryParser.Limits.DEFAULT.maxAliases));
    }

    @Test
    public void aRecursiveAliasEndsInProblemsNotALoop() {
        String recursive = RegistryFixtures.withSystems("allow", "  - &s",
                "    id: a", "    name: A", "    tier: 1", "    owners: *s", "    approvers: [x]");
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryFixtures.parse(recursive));
        assertThat(e.getMessage(), containsString("'owners' must be a list such as [a, b], not a mapping"));
    }

    @Test
    public void refusesDocumentsWithTooManyNodes() {
        RegistryParser.Limits small = new RegistryParser.Limits(1 << 20, 1 << 20, 1000, 20, 50);
        String many = "version: 1\nunknownSystems: allow\nsystems: [" + "0, ".repeat(2000) + "0]\n";
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryParser.parse(many, "many.yaml",
                small));
        assertThat(e.problems(), hasSize(1));
        assertThat(e.getMessage(), startsWith("many.yaml:3:"));
        assertThat(e.getMessage(), containsString("refused: the document has more than 1000 YAML nodes"));
    }

    @Test
    public void theRealLimitsAdmitAHundredThousandSystems() throws Exception {
        // The benchmark parses 100,000 systems (central/benchmarks); here a twentieth of them, for speed, and the
        // arithmetic for the rest: twenty times the text and the nodes must stay within the limits.
        StringBuilder text = new StringBuilder(RegistryFixtures.withSystems("allow"));
        int systems = 5_000;
        for (int i = 0; i < systems; i++) {
            text.append("  - {id: system-").append(100_000 + i).append(", name: System ").append(i)
                    .append(", tier: 1, owners: [team-").append(i).append("], approvers: [group-a, group-b],"
                    + " jobs: [\"org/system-").append(100_000 + i).append("/**\"]}\n");
        }
        assertThat(RegistryParser.parse(text.toString(), "big.yaml").size(), is(systems));
        int nodesPerSystem = 1 + 2 * 6 + 1 + 2 + 1; // the mapping, six keys and values, the list items
        assertThat(20L * text.length() < RegistryParser.Limits.DEFAULT.maxCodePoints, is(true));
        assertThat(20L * systems * nodesPerSystem < RegistryParser.Limits.DEFAULT.maxNodes, is(true));
    }

    @Test
    public void problemsComeBackInFileOrder() {
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryFixtures.parse(
                "zzz: 1\nversion: 1\nunknownSystems: maybe\nsystems: []\naaa: 2\n"));
        assertThat(e.problems().stream().map(RegistryProblem::line).collect(java.util.stream.Collectors.toList()),
                contains(1, 3, 4, 5));
    }
}
