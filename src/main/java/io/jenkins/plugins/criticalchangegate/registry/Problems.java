package io.jenkins.plugins.criticalchangegate.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems found in one registry document, each at the line and column of the node it is about: the one way
 * every reader of format version 1 reports, so that a file's problems all come back at once, in file order; and the
 * way {@code registry lint}'s warnings are collected ({@link RegistryWarnings}).
 */
final class Problems {
    private final String source;
    private final List<RegistryProblem> found = new ArrayList<>();

    /** @param source how messages name the file */
    Problems(String source) {
        this.source = source;
    }

    /** A problem at the start of {@code node}. */
    void add(Node node, String message) {
        int line = line(node);
        int column = node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
        found.add(new RegistryProblem(source, line, column, message));
    }

    /** A problem found before the reading, where the YAML was composed (an explicit tag). */
    void add(RegistryProblem problem) {
        found.add(problem);
    }

    /** How many so far: a reader compares counts to learn whether its part of the document added any. */
    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Every problem so far, sorted by line and column; problems at the same place keep the order they were found. */
    List<RegistryProblem> sorted() {
        List<RegistryProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(RegistryProblem::line).thenComparingInt(RegistryProblem::column));
        return List.copyOf(sorted);
    }

    /** {@link #sorted} as the failure of the reading. */
    RegistryException failure() {
        return new RegistryException(sorted());
    }

    /** The 1-based line of a node, for messages that point back at an earlier place. */
    static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
