package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * SnakeYAML's description of malformed YAML, on one line, with what it most often means in a registry: its wording
 * ("mapping values are not allowed here", "expected &lt;block end&gt;") is about the parser's states, and almost
 * always the cause is an entry indented one step off, or a tab.
 */
final class YamlWording {
    private YamlWording() {
    }

    static String of(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        String text = context.isEmpty() ? problem : problem.isEmpty() ? context : context + ": " + problem;
        return NodeValues.printable(text.replaceAll("\\s+", " "), Integer.MAX_VALUE) + hint(problem);
    }

    private static String hint(String problem) {
        if (problem.contains("(TAB)") || problem.contains("\t")) {
            return " (a tab: YAML indents with spaces only)";
        }
        if (problem.startsWith("mapping values are not allowed here")
                || problem.startsWith("expected <block end>")
                || problem.startsWith("could not find expected ':'")
                || problem.startsWith("expected a comment or a line break")) {
            return " (check the indentation: the keys of one mapping, and the '-' of one list, start in the same"
                    + " column, and a value's lines are indented deeper than its key)";
        }
        return "";
    }
}
