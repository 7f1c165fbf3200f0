package io.jenkins.plugins.criticalchangegate.registry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A registry that cannot be used: every problem found, not just the first, so that one run of {@code registry lint}
 * shows the maintainer everything to fix. The message lists the problems one per line.
 */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<RegistryProblem> problems;

    public RegistryException(List<RegistryProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a RegistryException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A registry with one problem. */
    public RegistryException(RegistryProblem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order of the file. */
    public List<RegistryProblem> problems() {
        return problems;
    }

    private static String describe(List<RegistryProblem> problems) {
        return problems.stream().map(RegistryProblem::toString).collect(Collectors.joining("\n"));
    }
}
